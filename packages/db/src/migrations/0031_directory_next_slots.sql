-- Issue 13 (directory part): each practitioner's next free slot, kept so that the directory's
-- "available within N days" and "sort by next free slot" read one row per practitioner instead of
-- recomputing 500 practitioners' slots from a million consultations per request (ADR 0003).
--
-- A row is the slot engine's answer computed at `computed_at` (its `now`) over
-- [computed_at, searched_until): the first free slot, or none (next_slot_at NULL). It is true for
-- a later request as long as nothing it depends on changed and time has not made it stale:
--   - `version` counts the changes of what the slots depend on (consultations, availabilities, the
--     practitioner's zone, buffer, validation and activity). The triggers below bump it in the
--     transaction of the change, whoever writes (API, seed, demo loader, psql); the answer is
--     current only while `computed_version` = `version`.
--   - time: the answer is stale once its slot falls within the minimum notice, or once a request
--     asks further than `searched_until`. The directory checks both on read and recomputes those
--     few practitioners only (apps/api/src/modules/directory/next-slots.ts).
-- No health data, no employee: when a practitioner is next free, which the directory shows anyway.
CREATE TABLE IF NOT EXISTS practitioner_next_slots (
  practitioner_id uuid PRIMARY KEY
    CONSTRAINT practitioner_next_slots_practitioner_id_practitioners_id_fk
    REFERENCES practitioners (id) ON DELETE CASCADE,
  -- The practitioner's is_validated AND is_active, kept by the triggers below: the read policy
  -- checks it without a subquery per row.
  listed boolean NOT NULL DEFAULT false,
  version bigint NOT NULL DEFAULT 1,
  computed_version bigint,
  next_slot_at timestamptz,
  next_slot_end timestamptz,
  computed_at timestamptz,
  searched_until timestamptz,
  CONSTRAINT practitioner_next_slots_slot_check CHECK (
    (next_slot_at IS NULL) = (next_slot_end IS NULL) AND (next_slot_at IS NULL OR next_slot_at < next_slot_end)),
  CONSTRAINT practitioner_next_slots_computed_check CHECK (
    (computed_version IS NULL) = (computed_at IS NULL) AND (computed_at IS NULL) = (searched_until IS NULL))
);--> statement-breakpoint
INSERT INTO practitioner_next_slots (practitioner_id, listed)
SELECT id, is_validated AND is_active FROM practitioners ON CONFLICT DO NOTHING;--> statement-breakpoint

-- Readable where the practitioner's slots are (practitioner_busy_times, 0012): listed practitioners
-- for any signed-in user, their own row for a practitioner, every row for the platform and the
-- system. Written only by the functions below (SECURITY DEFINER): no write grant to the app role,
-- and the policy's WITH CHECK refuses any direct write but the system's.
ALTER TABLE practitioner_next_slots ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY practitioner_next_slots_read ON practitioner_next_slots FOR SELECT
  USING ((SELECT app_is_system()) OR (SELECT app_is_platform_admin())
         OR practitioner_id = (SELECT app_practitioner())
         OR ((SELECT app_is_authenticated()) AND listed));--> statement-breakpoint
CREATE POLICY practitioner_next_slots_write ON practitioner_next_slots FOR ALL
  USING ((SELECT app_is_system())) WITH CHECK ((SELECT app_is_system()));--> statement-breakpoint
-- (0001's default privileges grant every DML to the app role: taken back here.)
REVOKE ALL ON practitioner_next_slots FROM PUBLIC, huntzen_app;--> statement-breakpoint
GRANT SELECT ON practitioner_next_slots TO huntzen_app;--> statement-breakpoint

-- Marks the answers of `ids` out of date, and copies whether they are listed (a row is created if missing, so no change is ever lost;
-- a practitioner being deleted, whose consultations go with them, has nothing left to mark).
CREATE OR REPLACE FUNCTION practitioner_next_slots_touch(ids uuid[]) RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
  INSERT INTO practitioner_next_slots AS n (practitioner_id, listed)
  SELECT p.id, p.is_validated AND p.is_active FROM practitioners p WHERE p.id = ANY (ids) ORDER BY 1
  ON CONFLICT (practitioner_id) DO UPDATE SET version = n.version + 1, listed = excluded.listed
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION practitioner_next_slots_touch(uuid[]) FROM PUBLIC;--> statement-breakpoint

-- Consultations: a booking, a cancellation or a move (times, practitioner) changes the busy times;
-- notes, billing or status changes other than to or from CANCELLED do not. Statement triggers with
-- transition tables for inserts and deletes (the demo loader inserts thousands of rows at once).
CREATE OR REPLACE FUNCTION practitioner_next_slots_on_new_rows() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM practitioner_next_slots_touch(ARRAY(SELECT DISTINCT practitioner_id FROM new_rows));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION practitioner_next_slots_on_old_rows() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM practitioner_next_slots_touch(ARRAY(SELECT DISTINCT practitioner_id FROM old_rows));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION practitioner_next_slots_on_changed_rows() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM practitioner_next_slots_touch(ARRAY(
    SELECT practitioner_id FROM old_rows UNION SELECT practitioner_id FROM new_rows));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION practitioner_next_slots_on_row() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM practitioner_next_slots_touch(ARRAY[OLD.practitioner_id, NEW.practitioner_id]);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION practitioner_next_slots_on_truncate() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE practitioner_next_slots SET version = version + 1;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION practitioner_next_slots_on_practitioner() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM practitioner_next_slots_touch(ARRAY[NEW.id]);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION practitioner_next_slots_on_new_practitioners() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM practitioner_next_slots_touch(ARRAY(SELECT id FROM new_rows));
  RETURN NULL;
END
$$;--> statement-breakpoint

CREATE TRIGGER consultations_next_slots_insert AFTER INSERT ON consultations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION practitioner_next_slots_on_new_rows();--> statement-breakpoint
CREATE TRIGGER consultations_next_slots_delete AFTER DELETE ON consultations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION practitioner_next_slots_on_old_rows();--> statement-breakpoint
CREATE TRIGGER consultations_next_slots_update AFTER UPDATE ON consultations FOR EACH ROW
  WHEN (OLD.scheduled_at IS DISTINCT FROM NEW.scheduled_at
        OR OLD.scheduled_end_at IS DISTINCT FROM NEW.scheduled_end_at
        OR OLD.practitioner_id IS DISTINCT FROM NEW.practitioner_id
        OR (OLD.status = 'CANCELLED') IS DISTINCT FROM (NEW.status = 'CANCELLED'))
  EXECUTE FUNCTION practitioner_next_slots_on_row();--> statement-breakpoint
CREATE TRIGGER consultations_next_slots_truncate AFTER TRUNCATE ON consultations
  FOR EACH STATEMENT EXECUTE FUNCTION practitioner_next_slots_on_truncate();--> statement-breakpoint

-- Availabilities: any change of a weekly window, an exception or its activity.
CREATE TRIGGER availabilities_next_slots_insert AFTER INSERT ON availabilities
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION practitioner_next_slots_on_new_rows();--> statement-breakpoint
CREATE TRIGGER availabilities_next_slots_delete AFTER DELETE ON availabilities
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION practitioner_next_slots_on_old_rows();--> statement-breakpoint
CREATE TRIGGER availabilities_next_slots_update AFTER UPDATE ON availabilities
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION practitioner_next_slots_on_changed_rows();--> statement-breakpoint
CREATE TRIGGER availabilities_next_slots_truncate AFTER TRUNCATE ON availabilities
  FOR EACH STATEMENT EXECUTE FUNCTION practitioner_next_slots_on_truncate();--> statement-breakpoint

-- Practitioners: a row from the start; the settings the slots depend on.
CREATE TRIGGER practitioners_next_slots_insert AFTER INSERT ON practitioners
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION practitioner_next_slots_on_new_practitioners();--> statement-breakpoint
CREATE TRIGGER practitioners_next_slots_update AFTER UPDATE ON practitioners FOR EACH ROW
  WHEN (OLD.timezone IS DISTINCT FROM NEW.timezone OR OLD.buffer_time IS DISTINCT FROM NEW.buffer_time
        OR OLD.is_validated IS DISTINCT FROM NEW.is_validated OR OLD.is_active IS DISTINCT FROM NEW.is_active)
  EXECUTE FUNCTION practitioner_next_slots_on_practitioner();--> statement-breakpoint

-- Stores answers computed by the application (the slot engine is TypeScript) for the `versions`
-- they were computed at: a row whose version moved on since (a booking committed meanwhile) keeps
-- its newer state, and a row locked by a writer still in progress is skipped, never waited for
-- (no deadlock with a booking; the next request computes again). Only for practitioners whose
-- slots the caller may see (as practitioner_busy_times). Returns how many rows were stored.
CREATE OR REPLACE FUNCTION practitioner_next_slots_store(
  ids uuid[], versions bigint[], starts timestamptz[], ends timestamptz[],
  computed timestamptz, until timestamptz)
  RETURNS integer
  LANGUAGE sql VOLATILE SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
  WITH given AS (
    SELECT * FROM unnest(ids, versions, starts, ends) AS g(id, version, starts_at, ends_at)
  ), target AS (
    SELECT n.practitioner_id, g.version, g.starts_at, g.ends_at
      FROM practitioner_next_slots n
      JOIN given g ON g.id = n.practitioner_id AND g.version = n.version
      JOIN practitioners p ON p.id = n.practitioner_id
     WHERE (SELECT app_is_system()) OR (SELECT app_is_platform_admin())
           OR p.id = (SELECT app_practitioner())
           OR ((SELECT app_is_authenticated()) AND p.is_validated AND p.is_active)
     ORDER BY n.practitioner_id
       FOR UPDATE OF n SKIP LOCKED
  ), stored AS (
    UPDATE practitioner_next_slots n
       SET computed_version = t.version, next_slot_at = t.starts_at, next_slot_end = t.ends_at,
           computed_at = computed, searched_until = until
      FROM target t
     WHERE n.practitioner_id = t.practitioner_id
    RETURNING 1
  )
  SELECT count(*)::integer FROM stored
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION practitioner_next_slots_store(uuid[], bigint[], timestamptz[], timestamptz[], timestamptz, timestamptz) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION practitioner_next_slots_store(uuid[], bigint[], timestamptz[], timestamptz[], timestamptz, timestamptz) TO huntzen_app;
--> statement-breakpoint

-- ---------------------------------------------------------------- the search box
-- directory_search (0011) matched on the expression index of practitioner_search_document(…) but
-- computed that document again for every match, twice (the index's recheck, then ts_rank): 40 ms
-- for "stress" (239 of 446 listed practitioners match its prefix), against 0.2 ms from a stored
-- document (EXPLAIN ANALYZE at db:demo volume, ADR 0003). The document is stored here, kept by a
-- trigger on the columns it is made of, and read only by directory_search (SECURITY DEFINER): no
-- grant to the app role. The same function, so the same matches and ranks.
CREATE TABLE IF NOT EXISTS practitioner_search_documents (
  practitioner_id uuid PRIMARY KEY
    CONSTRAINT practitioner_search_documents_practitioner_id_practitioners_id_fk
    REFERENCES practitioners (id) ON DELETE CASCADE,
  document tsvector NOT NULL
);--> statement-breakpoint
INSERT INTO practitioner_search_documents (practitioner_id, document)
SELECT id, practitioner_search_document(first_name, last_name, sub_specialties, bio) FROM practitioners
ON CONFLICT DO NOTHING;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS practitioner_search_documents_idx ON practitioner_search_documents USING gin (document);--> statement-breakpoint
ALTER TABLE practitioner_search_documents ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY practitioner_search_documents_system ON practitioner_search_documents FOR ALL
  USING ((SELECT app_is_system())) WITH CHECK ((SELECT app_is_system()));--> statement-breakpoint
REVOKE ALL ON practitioner_search_documents FROM PUBLIC, huntzen_app;--> statement-breakpoint

CREATE OR REPLACE FUNCTION practitioner_search_documents_keep() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO practitioner_search_documents AS d (practitioner_id, document)
  VALUES (NEW.id, practitioner_search_document(NEW.first_name, NEW.last_name, NEW.sub_specialties, NEW.bio))
  ON CONFLICT (practitioner_id) DO UPDATE SET document = excluded.document;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER practitioners_search_document_insert AFTER INSERT ON practitioners FOR EACH ROW
  EXECUTE FUNCTION practitioner_search_documents_keep();--> statement-breakpoint
CREATE TRIGGER practitioners_search_document_update AFTER UPDATE ON practitioners FOR EACH ROW
  WHEN (OLD.first_name IS DISTINCT FROM NEW.first_name OR OLD.last_name IS DISTINCT FROM NEW.last_name
        OR OLD.sub_specialties IS DISTINCT FROM NEW.sub_specialties OR OLD.bio IS DISTINCT FROM NEW.bio)
  EXECUTE FUNCTION practitioner_search_documents_keep();--> statement-breakpoint

CREATE OR REPLACE FUNCTION directory_search(query tsquery) RETURNS TABLE (practitioner_id uuid, rank float8)
  LANGUAGE sql STABLE SECURITY DEFINER ROWS 50 SET search_path = public, pg_temp AS $$
  SELECT p.id, ts_rank(d.document, query)::float8
    FROM practitioner_search_documents d
    JOIN practitioners p ON p.id = d.practitioner_id
   WHERE app_is_authenticated() AND p.is_validated AND p.is_active
     AND d.document @@ query
$$;
