-- Hand-written for the practitioner directory and reviews (apps/api/src/modules/directory, reviews).

-- ---------------------------------------------------------------- French full-text search
-- "thérapie", "therapie" and "THÉRAPIE" must be one word: a copy of the `french` configuration
-- whose word tokens go through the `unaccent` dictionary (0001 installs the extension) before the
-- French stemmer. ASCII tokens have no accent to strip and keep the plain stemmer.
CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = pg_catalog.french);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION french_unaccent
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;--> statement-breakpoint

-- The searchable document of a practitioner: the name weighs most (A), then the
-- sub-specialties (B), then the bio (C). Declared IMMUTABLE so it can back an index: its output
-- depends on its arguments only, as long as the configuration above is not altered (rebuild the
-- index if it ever is). directory_search() below calls this very expression, so the index matches.
-- Its COST tells the planner what it is: parsing and stemming a whole bio (~0.1 ms), far more than
-- the default for a function; a plan computing it for every row then never looks cheaper than
-- the index.
CREATE FUNCTION practitioner_search_document(first_name text, last_name text, sub_specialties text[], bio text)
  RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE COST 10000 AS $$
  SELECT setweight(to_tsvector('public.french_unaccent'::regconfig,
                               coalesce(first_name, '') || ' ' || coalesce(last_name, '')), 'A')
      || setweight(to_tsvector('public.french_unaccent'::regconfig,
                               coalesce(array_to_string(sub_specialties, ' '), '')), 'B')
      || setweight(to_tsvector('public.french_unaccent'::regconfig, coalesce(bio, '')), 'C')
$$;--> statement-breakpoint
CREATE INDEX practitioners_search_idx ON practitioners
  USING gin (practitioner_search_document(first_name, last_name, sub_specialties, bio));--> statement-breakpoint

-- The search itself runs here, as the owner. Under row-level security PostgreSQL may not use the
-- index for it: `@@` is not LEAKPROOF, so a caller's condition with it is only checked after the
-- policies, row by row (computing every practitioner's document). This function applies the
-- directory's own rule instead of the policies (validated and active: rows that
-- `practitioners_read` shows every signed-in user anyway), answers signed-in callers only, and
-- returns ids and ranks, nothing else. The caller joins them back to `practitioners` under its
-- own policies.
CREATE FUNCTION directory_search(query tsquery) RETURNS TABLE (practitioner_id uuid, rank float8)
  LANGUAGE sql STABLE SECURITY DEFINER ROWS 50 SET search_path = public, pg_temp AS $$
  SELECT p.id, ts_rank(practitioner_search_document(p.first_name, p.last_name, p.sub_specialties, p.bio), query)::float8
    FROM practitioners p
   WHERE app_is_authenticated() AND p.is_validated AND p.is_active
     AND practitioner_search_document(p.first_name, p.last_name, p.sub_specialties, p.bio) @@ query
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION directory_search(tsquery) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION directory_search(tsquery) TO huntzen_app;--> statement-breakpoint

-- ---------------------------------------------------------------- reviews
-- The rules the API enforces, held by the database too: a rating of 1 to 5, a comment of at
-- most 2000 characters, and "published" only after a moderation (the three states are: pending
-- = not moderated; published; rejected = moderated, not published).
ALTER TABLE practitioner_reviews
  ADD CONSTRAINT practitioner_reviews_rating_range CHECK (rating BETWEEN 1 AND 5);--> statement-breakpoint
ALTER TABLE practitioner_reviews
  ADD CONSTRAINT practitioner_reviews_comment_length CHECK (comment IS NULL OR char_length(comment) <= 2000);--> statement-breakpoint
ALTER TABLE practitioner_reviews
  ADD CONSTRAINT practitioner_reviews_published_moderated CHECK (NOT is_published OR moderated_at IS NOT NULL);--> statement-breakpoint

-- `reviews_insert` (0001) only checks that employees write as themselves. A review also belongs to
-- one of their COMPLETED consultations that ended less than 30 days ago, with that consultation's
-- practitioner. The consultation is read under the employee's own row-level security. 30 days of
-- 24 hours, as the API counts them (an interval of days would follow the session's time zone).
CREATE POLICY reviews_insert_completed_consultation ON practitioner_reviews AS RESTRICTIVE FOR INSERT
  WITH CHECK ((SELECT app_is_system()) OR EXISTS (
    SELECT 1 FROM consultations c
     WHERE c.id = practitioner_reviews.consultation_id
       AND c.employee_id = practitioner_reviews.employee_id
       AND c.practitioner_id = practitioner_reviews.practitioner_id
       AND c.status = 'COMPLETED'
       AND coalesce(c.ended_at, c.scheduled_end_at) >= now() - interval '720 hours'));--> statement-breakpoint

-- Published reviews show their author as initials. Employees cannot read other employees' rows
-- (tenant_isolation on employees), so this function reads the two initials as the owner, only for
-- a review the caller may read under `reviews_read`, and returns nothing else of the person.
CREATE FUNCTION review_author_initials(review_id uuid) RETURNS text[]
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT ARRAY[left(btrim(e.first_name), 1), left(btrim(e.last_name), 1)]
    FROM practitioner_reviews r JOIN employees e ON e.id = r.employee_id
   WHERE r.id = review_id
     AND (r.is_published OR r.employee_id = app_employee() OR app_is_platform_admin() OR app_is_system())
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION review_author_initials(uuid) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION review_author_initials(uuid) TO huntzen_app;--> statement-breakpoint

-- A practitioner's published reviews, newest first (profile page, "my reviews"), and the
-- moderation queue by state.
CREATE INDEX practitioner_reviews_published_idx ON practitioner_reviews (practitioner_id, created_at DESC, id DESC)
  WHERE is_published;--> statement-breakpoint
CREATE INDEX practitioner_reviews_pending_idx ON practitioner_reviews (created_at, id)
  WHERE moderated_at IS NULL;
