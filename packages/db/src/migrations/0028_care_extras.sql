-- Hand-written (issue 14, parts 1 and 2): validated questionnaires (modules/assessments) and
-- rescheduling (modules/consultations, POST /consultations/{id}/reschedule).

-- ---------------------------------------------------------------- questionnaires
-- Extra tables (not in the spec): PHQ-9, GAD-7 and WHO-5 results. Health data: the answers, the
-- score, the band and the crisis flag are one encrypted JSON document (field cipher, AAD
-- assessments:encrypted_result:<id>); only the instrument and the dates stay in clear, for the list.
CREATE TYPE assessment_instrument AS ENUM ('PHQ9', 'GAD7', 'WHO5');--> statement-breakpoint
CREATE TABLE assessments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  employee_id uuid NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
  instrument assessment_instrument NOT NULL,
  encrypted_result text NOT NULL,
  iv text NOT NULL,
  auth_tag text,
  -- Shared, by the employee's choice and per result, with one of their own practitioners.
  shared_with_practitioner_id uuid REFERENCES practitioners(id) ON DELETE SET NULL,
  shared_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT assessments_shared_at_set CHECK ((shared_with_practitioner_id IS NULL) = (shared_at IS NULL))
);--> statement-breakpoint
CREATE INDEX assessments_employee_created_idx ON assessments (employee_id, created_at DESC, id DESC);--> statement-breakpoint
CREATE INDEX assessments_shared_idx ON assessments (shared_with_practitioner_id, employee_id, created_at DESC)
  WHERE shared_with_practitioner_id IS NOT NULL;--> statement-breakpoint

-- The employee's choices: the urgent alert to their practitioners (off by default: nothing leaves
-- the employee's hands without a decision) and the optional reminder every 2 or 4 weeks.
CREATE TABLE assessment_settings (
  employee_id uuid PRIMARY KEY REFERENCES employees(id) ON DELETE CASCADE,
  alert_practitioner_on_crisis boolean NOT NULL DEFAULT false,
  reminder_weeks smallint CONSTRAINT assessment_settings_reminder_weeks CHECK (reminder_weeks IN (2, 4)),
  reminder_instrument assessment_instrument,
  next_reminder_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);--> statement-breakpoint

ALTER TABLE assessments ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE assessments FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE assessment_settings ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE assessment_settings FORCE ROW LEVEL SECURITY;--> statement-breakpoint

-- The employee reads and writes their own results (SYSTEM: account deletion, key rotation).
CREATE POLICY assessments_own ON assessments FOR ALL
  USING ((SELECT app_is_system())
         OR ((SELECT app_role()) = 'EMPLOYEE' AND employee_id = (SELECT app_employee())))
  WITH CHECK ((SELECT app_is_system())
         OR ((SELECT app_role()) = 'EMPLOYEE' AND employee_id = (SELECT app_employee())));--> statement-breakpoint
-- A practitioner reads only the results shared with them; never writes.
CREATE POLICY assessments_shared_read ON assessments FOR SELECT
  USING ((SELECT app_role()) = 'PRACTITIONER' AND shared_with_practitioner_id = (SELECT app_practitioner()));--> statement-breakpoint
-- Restrictive: ANDed with every permissive policy, present or future. HR and HuntZen's admins never
-- reach a row (not even to count them); a result is shared only with a practitioner the employee
-- has a consultation with (the employee's RLS on consultations shows exactly theirs).
CREATE POLICY assessments_roles ON assessments AS RESTRICTIVE FOR ALL
  USING ((SELECT app_is_system())
         OR ((SELECT app_role()) = 'EMPLOYEE' AND employee_id = (SELECT app_employee()))
         OR ((SELECT app_role()) = 'PRACTITIONER' AND shared_with_practitioner_id = (SELECT app_practitioner())))
  WITH CHECK ((SELECT app_is_system())
         OR ((SELECT app_role()) = 'EMPLOYEE' AND employee_id = (SELECT app_employee())
             AND (shared_with_practitioner_id IS NULL OR EXISTS (
                   SELECT 1 FROM consultations c
                    WHERE c.employee_id = assessments.employee_id
                      AND c.practitioner_id = assessments.shared_with_practitioner_id
                      AND c.status <> 'CANCELLED'))));--> statement-breakpoint
-- A result never changes: only its sharing does.
REVOKE ALL ON assessments FROM huntzen_app;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON assessments TO huntzen_app;--> statement-breakpoint
GRANT UPDATE (shared_with_practitioner_id, shared_at) ON assessments TO huntzen_app;--> statement-breakpoint

CREATE POLICY assessment_settings_own ON assessment_settings FOR ALL
  USING ((SELECT app_is_system())
         OR ((SELECT app_role()) = 'EMPLOYEE' AND employee_id = (SELECT app_employee())))
  WITH CHECK ((SELECT app_is_system())
         OR ((SELECT app_role()) = 'EMPLOYEE' AND employee_id = (SELECT app_employee())));--> statement-breakpoint
REVOKE ALL ON assessment_settings FROM huntzen_app;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON assessment_settings TO huntzen_app;--> statement-breakpoint
GRANT UPDATE (alert_practitioner_on_crisis, reminder_weeks, reminder_instrument, next_reminder_at, updated_at)
  ON assessment_settings TO huntzen_app;--> statement-breakpoint

-- ---------------------------------------------------------------- private calendar feed
-- Extra table (issue 14, part 5): one secret feed URL per user (/calendar/<token>.ics) listing their
-- consultations for Google Calendar, Outlook or Apple Calendar. Only the SHA-256 of the token is
-- kept; creating a new one replaces the old (one row per user), revoking deletes it.
CREATE TABLE calendar_feeds (
  user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  token_hash text NOT NULL CONSTRAINT calendar_feeds_token_hash_key UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_fetched_at timestamptz
);--> statement-breakpoint
ALTER TABLE calendar_feeds ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE calendar_feeds FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY calendar_feeds_own ON calendar_feeds FOR ALL
  USING ((SELECT app_is_system()) OR user_id = (SELECT app_user_id()))
  WITH CHECK ((SELECT app_is_system()) OR user_id = (SELECT app_user_id()));--> statement-breakpoint
REVOKE ALL ON calendar_feeds FROM huntzen_app;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON calendar_feeds TO huntzen_app;--> statement-breakpoint
GRANT UPDATE (token_hash, created_at) ON calendar_feeds TO huntzen_app;--> statement-breakpoint

-- The feed is fetched without a session: this function, given the token's digest, returns the
-- times of its owner's consultations (never a reason, a name or a status beyond what a calendar
-- needs) and nothing for an unknown or revoked digest. SECURITY DEFINER: the caller is anonymous.
CREATE OR REPLACE FUNCTION calendar_feed_events(p_token_hash text)
  RETURNS TABLE (id uuid, scheduled_at timestamptz, scheduled_end_at timestamptz, status consultation_status,
                 format consultation_format, updated_at timestamptz, owner_language text)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  owner uuid;
BEGIN
  UPDATE calendar_feeds f SET last_fetched_at = now() WHERE f.token_hash = p_token_hash
    RETURNING f.user_id INTO owner;
  IF owner IS NULL THEN
    RETURN;
  END IF;
  RETURN QUERY
    SELECT c.id, c.scheduled_at, c.scheduled_end_at, c.status, c.format, c.updated_at,
           coalesce(e.preferred_language, p.preferred_language)::text
      FROM consultations c
      LEFT JOIN employees e ON e.id = c.employee_id AND e.user_id = owner
      LEFT JOIN practitioners p ON p.id = c.practitioner_id AND p.user_id = owner
     WHERE (e.id IS NOT NULL OR p.id IS NOT NULL)
       AND c.status <> 'CANCELLED'
       AND c.scheduled_at > now() - interval '90 days'
     ORDER BY c.scheduled_at
     LIMIT 1000;
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION calendar_feed_events(text) FROM PUBLIC;--> statement-breakpoint
-- Whether a digest is a live feed: an unknown or revoked URL answers 404, a live one without any
-- consultation an empty calendar.
CREATE OR REPLACE FUNCTION calendar_feed_known(p_token_hash text) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM calendar_feeds WHERE token_hash = p_token_hash)
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION calendar_feed_known(text) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION calendar_feed_known(text) TO huntzen_app;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION calendar_feed_events(text) TO huntzen_app;--> statement-breakpoint

-- Erasing an account (erase_own_account, 0022) marks the user's password '!erased'; the results
-- and choices of that employee go with it, as the journal does (the function predates this table).
CREATE OR REPLACE FUNCTION erase_assessments_of_erased_user() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  DELETE FROM assessments WHERE employee_id IN (SELECT id FROM employees WHERE user_id = NEW.id);
  DELETE FROM assessment_settings WHERE employee_id IN (SELECT id FROM employees WHERE user_id = NEW.id);
  DELETE FROM calendar_feeds WHERE user_id = NEW.id;
  RETURN NULL;
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION erase_assessments_of_erased_user() FROM PUBLIC;--> statement-breakpoint
CREATE TRIGGER users_erase_assessments AFTER UPDATE OF password_hash ON users
  FOR EACH ROW WHEN (NEW.password_hash = '!erased' AND OLD.password_hash IS DISTINCT FROM '!erased')
  EXECUTE FUNCTION erase_assessments_of_erased_user();--> statement-breakpoint

-- ---------------------------------------------------------------- rescheduling
-- The spec's event enum is fixed (the schema check compares its labels): a move is recorded as a
-- SCHEDULED event whose metadata says `rescheduled`, from when and to when.
-- 0018 keeps "when" out of the application role's column grants. A move changes it through this
-- function only, which repeats the rules: a participant (or SYSTEM), a SCHEDULED or CONFIRMED
-- consultation, the employee more than 24 hours before the start (a minute of slack for the clocks),
-- the practitioner before the start, a new start in the future. The exclusion constraints of 0013
-- still hold: an overlap raises 23P01 with the constraint's name, as a booking does.
CREATE OR REPLACE FUNCTION reschedule_consultation(p_id uuid, p_start timestamptz) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  c consultations%ROWTYPE;
  actor text := app_role();
BEGIN
  SELECT * INTO c FROM consultations WHERE id = p_id FOR UPDATE;
  IF NOT FOUND OR NOT (app_is_system()
      OR (actor = 'EMPLOYEE' AND c.employee_id = app_employee())
      OR (actor = 'PRACTITIONER' AND c.practitioner_id = app_practitioner())) THEN
    RAISE EXCEPTION 'not a participant of this consultation' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF c.status NOT IN ('SCHEDULED', 'CONFIRMED') THEN
    RAISE EXCEPTION 'a % consultation cannot be moved', c.status USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (actor = 'EMPLOYEE' AND c.scheduled_at < now() + interval '23 hours 59 minutes')
     OR c.scheduled_at <= now() OR p_start <= now() THEN
    RAISE EXCEPTION 'too late to move this consultation' USING ERRCODE = 'insufficient_privilege';
  END IF;
  UPDATE consultations
     SET scheduled_at = p_start,
         scheduled_end_at = p_start + make_interval(mins => c.duration),
         updated_at = now()
   WHERE id = p_id;
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION reschedule_consultation(uuid, timestamptz) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION reschedule_consultation(uuid, timestamptz) TO huntzen_app;
