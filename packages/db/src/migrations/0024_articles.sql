-- Hand-written for issue 12, section 1 (apps/api/src/modules/articles): French full-text search of
-- articles, typo-tolerant titles, who may write what, and view / share counters that store no IP.

-- ---------------------------------------------------------------- search
-- Trigram matching catches typos in titles ("strss" → "stress"). A contrib extension, shipped with
-- PostgreSQL (embedded-postgres and Debian's postgresql-15 alike).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint

-- `unaccent(text)` is STABLE (it looks its dictionary up by name at each call), so no index may use
-- it. With the dictionary named explicitly it depends on its argument only: this wrapper says so,
-- and backs the trigram index on titles below.
CREATE OR REPLACE FUNCTION immutable_unaccent(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, value) $$;--> statement-breakpoint

-- The searchable document of an article: the title weighs most (A), then the excerpt, tags and
-- keywords (B), then the body (C), in `french_unaccent` (0011: unaccent before the French stemmer:
-- "gérer", "gerer" and "GÈRE" are one word). IMMUTABLE as practitioner_search_document is: its
-- output depends on its arguments only while that configuration is not altered.
CREATE OR REPLACE FUNCTION article_search_document(title text, excerpt text, tags text[], keywords text[], content text)
  RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('public.french_unaccent'::regconfig, coalesce(title, '')), 'A')
      || setweight(to_tsvector('public.french_unaccent'::regconfig,
                               coalesce(excerpt, '') || ' ' || coalesce(array_to_string(tags, ' '), '')
                               || ' ' || coalesce(array_to_string(keywords, ' '), '')), 'B')
      || setweight(to_tsvector('public.french_unaccent'::regconfig, coalesce(content, '')), 'C')
$$;--> statement-breakpoint

-- Extra column (not in the spec): the document, computed by PostgreSQL on every write (a generated
-- column), so a search reads it instead of parsing every article. The spec's own index
-- (idx_articles_search, 0001) stays for the schema check; the search uses this one.
ALTER TABLE articles ADD COLUMN search_vector tsvector
  GENERATED ALWAYS AS (article_search_document(title, excerpt, tags, keywords, content)) STORED;--> statement-breakpoint
CREATE INDEX articles_search_vector_idx ON articles USING gin (search_vector);--> statement-breakpoint
CREATE INDEX articles_title_trgm_idx ON articles USING gin (immutable_unaccent(lower(title)) gin_trgm_ops);--> statement-breakpoint
-- The public list's order (newest publication first) and the tag filter.
CREATE INDEX articles_published_order_idx ON articles (published_at DESC, id DESC) WHERE status = 'PUBLISHED';--> statement-breakpoint
CREATE INDEX articles_tags_idx ON articles USING gin (tags);--> statement-breakpoint

-- The search runs here, as the owner, for the reason directory_search (0011) does: under row-level
-- security `@@` and `<%` are checked after the policies, row by row, and no index helps. It applies
-- the articles' own read rule (published, or any status for HuntZen's admins and the system when
-- asked) and returns ids and ranks only; the caller reads the rows back under its own policies.
-- Rank: the full-text rank (title A > excerpt/tags B > body C), plus the title's trigram
-- similarity so that a misspelt title still comes first. A title matches a typo from a word
-- similarity of 0.5 (pg_trgm's default 0.6 misses "stres" for "stress").
CREATE OR REPLACE FUNCTION article_search(query tsquery, fuzzy text, any_status boolean)
  RETURNS TABLE (article_id uuid, rank float8)
  LANGUAGE sql STABLE SECURITY DEFINER ROWS 100
  SET search_path = public, pg_temp
  SET pg_trgm.word_similarity_threshold = 0.5 AS $$
  SELECT a.id,
         (ts_rank(a.search_vector, query)
          + 0.5 * CASE WHEN fuzzy = '' THEN 0
                       ELSE word_similarity(fuzzy, immutable_unaccent(lower(a.title))) END)::float8
    FROM articles a
   WHERE (a.status = 'PUBLISHED' OR (any_status AND (app_is_platform_admin() OR app_is_system())))
     AND (a.search_vector @@ query
          OR (fuzzy <> '' AND fuzzy <% immutable_unaccent(lower(a.title))))
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION article_search(tsquery, text, boolean) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION article_search(tsquery, text, boolean) TO huntzen_app;--> statement-breakpoint

-- ---------------------------------------------------------------- writes
-- 0001's policies: published articles are read by anyone (anonymous included), HuntZen's admins and
-- the system read and write all. An admin writes as themself: the author is the signed-in admin.
CREATE POLICY articles_author_is_actor ON articles AS RESTRICTIVE FOR INSERT
  WITH CHECK ((SELECT app_is_system())
              OR (author_id = (SELECT app_user_id()) AND author_role::text = (SELECT app_role())));--> statement-breakpoint
-- Column grants: the application edits content, SEO fields and the publication state; never the id,
-- the author, the creation time or the counters (counted by the functions below). No DELETE: an
-- article is archived.
REVOKE UPDATE, DELETE ON articles FROM huntzen_app;--> statement-breakpoint
GRANT UPDATE (title, slug, excerpt, content, cover_url, meta_title, meta_description, keywords,
  category, tags, status, published_at, scheduled_for, updated_at) ON articles TO huntzen_app;--> statement-breakpoint
-- Once published, the address is public (links, search engines, the sitemap): the slug stays.
CREATE OR REPLACE FUNCTION articles_keep_published_slug() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF OLD.published_at IS NOT NULL AND NEW.slug IS DISTINCT FROM OLD.slug THEN
    RAISE EXCEPTION 'the slug of a published article does not change' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER articles_keep_published_slug BEFORE UPDATE OF slug ON articles
  FOR EACH ROW EXECUTE FUNCTION articles_keep_published_slug();--> statement-breakpoint
-- A view or a share is not an edit: updated_at (the pages' Last-Modified, the sitemap's lastmod)
-- moves only when something else changes. (A BEFORE trigger cannot compare whole rows of a table
-- with a generated column, hence the columns one by one.) Key rotations keep it too, as in 0006.
CREATE OR REPLACE FUNCTION articles_set_updated_at() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF current_setting('huntzen.key_rotation', true) = 'on'
     OR (NEW.title, NEW.slug, NEW.excerpt, NEW.content, NEW.cover_url, NEW.meta_title,
         NEW.meta_description, NEW.keywords, NEW.category, NEW.tags, NEW.status, NEW.published_at,
         NEW.scheduled_for, NEW.author_id, NEW.author_role, NEW.author_name)
        IS NOT DISTINCT FROM
        (OLD.title, OLD.slug, OLD.excerpt, OLD.content, OLD.cover_url, OLD.meta_title,
         OLD.meta_description, OLD.keywords, OLD.category, OLD.tags, OLD.status, OLD.published_at,
         OLD.scheduled_for, OLD.author_id, OLD.author_role, OLD.author_name) THEN
    RETURN NEW;
  END IF;
  NEW.updated_at := now();
  RETURN NEW;
END $$;--> statement-breakpoint
DROP TRIGGER IF EXISTS articles_updated_at ON articles;--> statement-breakpoint
CREATE TRIGGER articles_updated_at BEFORE UPDATE ON articles
  FOR EACH ROW EXECUTE FUNCTION articles_set_updated_at();--> statement-breakpoint

-- ---------------------------------------------------------------- views and shares
-- `viewCount` counts a visitor once per article and day, without cookies and without keeping an IP:
-- a visitor is SHA-256(salt of the day ‖ IP ‖ user agent), the salt 256 random bits made on the
-- day's first visit. The API drops yesterday's salt and visits each night (articles.jobs.ts): from
-- then on no hash can be recomputed from an IP, even by us. Shares (the share buttons) are counted
-- the same way, once per visitor, article, network and day. Both tables live in huntzen_private:
-- the application role cannot even name them, only call the two functions below.
CREATE TABLE huntzen_private.article_visit_salts (
  day date PRIMARY KEY,
  salt bytea NOT NULL CHECK (octet_length(salt) = 32)
);--> statement-breakpoint
CREATE TABLE huntzen_private.article_visits (
  article_id uuid NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  day date NOT NULL,
  visitor bytea NOT NULL,
  -- 'view' or the share button's network
  kind text NOT NULL CHECK (kind IN ('view', 'x', 'linkedin', 'facebook', 'email', 'copy')),
  PRIMARY KEY (article_id, day, kind, visitor)
);--> statement-breakpoint
CREATE INDEX article_visits_day_idx ON huntzen_private.article_visits (day);--> statement-breakpoint
-- Row-level security as on every table: only the owner (the functions below, SECURITY DEFINER, and
-- the nightly purge) reaches the rows.
ALTER TABLE huntzen_private.article_visit_salts ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE huntzen_private.article_visit_salts FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY article_visit_salts_owner ON huntzen_private.article_visit_salts TO CURRENT_USER
  USING (true) WITH CHECK (true);--> statement-breakpoint
ALTER TABLE huntzen_private.article_visits ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE huntzen_private.article_visits FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY article_visits_owner ON huntzen_private.article_visits TO CURRENT_USER
  USING (true) WITH CHECK (true);--> statement-breakpoint
REVOKE ALL ON huntzen_private.article_visit_salts, huntzen_private.article_visits FROM PUBLIC;--> statement-breakpoint

-- Counts a visit (`kind` 'view' or a share network) of a published article; true when it is the
-- visitor's first of that kind today. The day is UTC's.
CREATE OR REPLACE FUNCTION record_article_visit(article uuid, kind text, ip text, user_agent text)
  RETURNS boolean LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  today date := (now() AT TIME ZONE 'UTC')::date;
  day_salt bytea;
  counted int;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = article AND a.status = 'PUBLISHED') THEN
    RETURN false;
  END IF;
  SELECT s.salt INTO day_salt FROM huntzen_private.article_visit_salts s WHERE s.day = today;
  IF day_salt IS NULL THEN
    INSERT INTO huntzen_private.article_visit_salts (day, salt)
      VALUES (today, uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()))
      ON CONFLICT (day) DO NOTHING;
    SELECT s.salt INTO day_salt FROM huntzen_private.article_visit_salts s WHERE s.day = today;
  END IF;
  INSERT INTO huntzen_private.article_visits (article_id, day, kind, visitor)
    VALUES (article, today, kind,
            sha256(day_salt || convert_to(coalesce(ip, '') || E'\n' || coalesce(user_agent, ''), 'UTF8')))
    ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS counted = ROW_COUNT;
  IF counted = 0 THEN
    RETURN false;
  END IF;
  IF kind = 'view' THEN
    UPDATE articles SET view_count = view_count + 1 WHERE id = article;
  ELSE
    UPDATE articles SET share_count = share_count + 1 WHERE id = article;
  END IF;
  RETURN true;
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION record_article_visit(uuid, text, text, text) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION record_article_visit(uuid, text, text, text) TO huntzen_app;--> statement-breakpoint

-- The nightly purge: salts and visits of the days before today (UTC). Returns the visits removed.
CREATE OR REPLACE FUNCTION purge_article_visits() RETURNS bigint
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  today date := (now() AT TIME ZONE 'UTC')::date;
  removed bigint;
BEGIN
  IF NOT app_is_system() THEN
    RAISE EXCEPTION 'only the system purges article visits' USING ERRCODE = 'insufficient_privilege';
  END IF;
  DELETE FROM huntzen_private.article_visit_salts WHERE day < today;
  DELETE FROM huntzen_private.article_visits WHERE day < today;
  GET DIAGNOSTICS removed = ROW_COUNT;
  RETURN removed;
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION purge_article_visits() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION purge_article_visits() TO huntzen_app;
