-- Hand-written (issue 14, parts 3 and 4): the waitlist for freed slots (modules/waitlist) and
-- recurring series of consultations (modules/consultations, POST /consultations/series).
-- The spec's tables are unchanged: series membership lives in side tables, not in a new column of
-- consultations, and no enum value is added.

-- ---------------------------------------------------------------- waitlist
-- Extra table (not in the spec): an employee waits for a practitioner's freed slots between
-- `range_start` and `range_end`. When a slot of that practitioner inside the range frees up
-- (cancellation, reschedule), the waiters are told in the order they joined (created_at, id:
-- clock_timestamp(), so two joins in one transaction still differ) and the first to book gets it:
-- no hold, the exclusion constraints of 0013_booking.sql still forbid a double booking.
-- An entry past its range is expired: hidden from the list, never told, deleted by the next run.
CREATE TABLE waitlist_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  employee_id uuid NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
  practitioner_id uuid NOT NULL REFERENCES practitioners(id) ON DELETE CASCADE,
  range_start timestamptz NOT NULL,
  range_end timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  last_notified_at timestamptz,
  notified_count integer NOT NULL DEFAULT 0,
  -- One entry per employee and practitioner: joining again changes nothing (the API says 409).
  CONSTRAINT waitlist_entries_employee_practitioner_key UNIQUE (employee_id, practitioner_id),
  -- At most 92 days: a waitlist is for the weeks ahead, not forever.
  CONSTRAINT waitlist_entries_range_valid
    CHECK (range_end > range_start AND range_end - range_start <= interval '92 days')
);--> statement-breakpoint
-- The job reads one practitioner's waiters in order.
CREATE INDEX waitlist_entries_practitioner_order_idx
  ON waitlist_entries (practitioner_id, created_at, id);--> statement-breakpoint
ALTER TABLE waitlist_entries ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE waitlist_entries FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- An entry is its employee's own; the system actor (the job telling the waiters) reads them all.
-- Nobody else sees one: not the practitioner, HR or HuntZen's admins.
CREATE POLICY waitlist_entries_own ON waitlist_entries FOR ALL
  USING ((SELECT app_is_system())
         OR ((SELECT app_role()) = 'EMPLOYEE' AND employee_id = (SELECT app_employee())))
  WITH CHECK ((SELECT app_is_system())
         OR ((SELECT app_role()) = 'EMPLOYEE' AND employee_id = (SELECT app_employee())));--> statement-breakpoint
REVOKE ALL ON waitlist_entries FROM huntzen_app;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON waitlist_entries TO huntzen_app;--> statement-breakpoint
-- Only the job's bookkeeping changes; an entry never moves to another employee or practitioner.
GRANT UPDATE (last_notified_at, notified_count) ON waitlist_entries TO huntzen_app;--> statement-breakpoint
-- An employee's place in the queue of one of their own entries (1 = told first), counting the
-- running entries of that practitioner: a number, never who the others are. Another's entry: 0.
CREATE OR REPLACE FUNCTION waitlist_position(p_entry uuid) RETURNS integer
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT count(o.id)::integer
    FROM waitlist_entries e
    JOIN waitlist_entries o ON o.practitioner_id = e.practitioner_id
   WHERE e.id = p_entry AND e.employee_id = app_employee()
     AND o.range_end > now() AND (o.created_at, o.id) <= (e.created_at, e.id)
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION waitlist_position(uuid) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION waitlist_position(uuid) TO huntzen_app;--> statement-breakpoint

-- Erasing an account (erase_own_account, 0022, marks the password '!erased'): that employee's
-- waitlist entries go too, so nobody is told of a freed slot on their behalf.
CREATE OR REPLACE FUNCTION erase_waitlist_of_erased_user() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  DELETE FROM waitlist_entries WHERE employee_id IN (SELECT id FROM employees WHERE user_id = NEW.id);
  RETURN NULL;
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION erase_waitlist_of_erased_user() FROM PUBLIC;--> statement-breakpoint
CREATE TRIGGER users_erase_waitlist AFTER UPDATE OF password_hash ON users
  FOR EACH ROW WHEN (NEW.password_hash = '!erased' AND OLD.password_hash IS DISTINCT FROM '!erased')
  EXECUTE FUNCTION erase_waitlist_of_erased_user();--> statement-breakpoint

-- ---------------------------------------------------------------- recurring series
-- Extra tables (not in the spec): a weekly or fortnightly series of up to 12 occurrences, each
-- booked on its own through the ordinary booking path. Members are the occurrences that were
-- booked; the ones taken are only in the booking's answer.
CREATE TABLE consultation_series (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  employee_id uuid NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
  practitioner_id uuid NOT NULL REFERENCES practitioners(id) ON DELETE CASCADE,
  interval_weeks smallint NOT NULL CONSTRAINT consultation_series_interval CHECK (interval_weeks IN (1, 2)),
  occurrences smallint NOT NULL CONSTRAINT consultation_series_occurrences CHECK (occurrences BETWEEN 2 AND 12),
  created_at timestamptz NOT NULL DEFAULT now()
);--> statement-breakpoint
CREATE TABLE consultation_series_members (
  series_id uuid NOT NULL REFERENCES consultation_series(id) ON DELETE CASCADE,
  occurrence smallint NOT NULL CONSTRAINT consultation_series_members_occurrence CHECK (occurrence BETWEEN 1 AND 12),
  consultation_id uuid NOT NULL REFERENCES consultations(id) ON DELETE CASCADE
    CONSTRAINT consultation_series_members_consultation_key UNIQUE,
  PRIMARY KEY (series_id, occurrence)
);--> statement-breakpoint
CREATE INDEX consultation_series_employee_idx ON consultation_series (employee_id);--> statement-breakpoint
ALTER TABLE consultation_series ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE consultation_series FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE consultation_series_members ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE consultation_series_members FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- A series is its employee's (who creates it) and is seen by its practitioner; HuntZen's admins
-- see it as they see the consultations. Only the employee writes.
CREATE POLICY consultation_series_read ON consultation_series FOR SELECT
  USING ((SELECT app_is_system()) OR (SELECT app_is_platform_admin())
         OR ((SELECT app_role()) = 'EMPLOYEE' AND employee_id = (SELECT app_employee()))
         OR ((SELECT app_role()) = 'PRACTITIONER' AND practitioner_id = (SELECT app_practitioner())));--> statement-breakpoint
CREATE POLICY consultation_series_write ON consultation_series FOR ALL
  USING ((SELECT app_is_system())
         OR ((SELECT app_role()) = 'EMPLOYEE' AND employee_id = (SELECT app_employee())))
  WITH CHECK ((SELECT app_is_system())
         OR ((SELECT app_role()) = 'EMPLOYEE' AND employee_id = (SELECT app_employee())));--> statement-breakpoint
-- A member is visible with its series; the employee adds only their own consultations.
CREATE POLICY consultation_series_members_read ON consultation_series_members FOR SELECT
  USING (EXISTS (SELECT 1 FROM consultation_series s WHERE s.id = series_id));--> statement-breakpoint
CREATE POLICY consultation_series_members_write ON consultation_series_members FOR ALL
  USING ((SELECT app_is_system())
         OR ((SELECT app_role()) = 'EMPLOYEE' AND EXISTS (
               SELECT 1 FROM consultation_series s
                WHERE s.id = series_id AND s.employee_id = (SELECT app_employee()))))
  WITH CHECK ((SELECT app_is_system())
         OR ((SELECT app_role()) = 'EMPLOYEE' AND EXISTS (
               SELECT 1 FROM consultation_series s JOIN consultations c ON c.id = consultation_id
                WHERE s.id = series_id AND s.employee_id = (SELECT app_employee())
                  AND c.employee_id = s.employee_id AND c.practitioner_id = s.practitioner_id)));--> statement-breakpoint
-- Rows never change once written (a series with no booked occurrence is deleted at once).
REVOKE ALL ON consultation_series FROM huntzen_app;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON consultation_series TO huntzen_app;--> statement-breakpoint
REVOKE ALL ON consultation_series_members FROM huntzen_app;--> statement-breakpoint
GRANT SELECT, INSERT ON consultation_series_members TO huntzen_app;
