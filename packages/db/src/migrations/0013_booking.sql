-- Hand-written for booking and the consultation lifecycle (apps/api/src/modules/consultations).

-- ---------------------------------------------------------------- no double booking
-- The planned time is exactly the planned duration, and a consultation lasts less than a day
-- (the slot engine's busy query, 0012, bounds its index range on that).
ALTER TABLE consultations
  ADD CONSTRAINT consultations_duration_check CHECK (duration BETWEEN 1 AND 720),
  ADD CONSTRAINT consultations_scheduled_end_check
    CHECK (scheduled_end_at = scheduled_at + make_interval(mins => duration));--> statement-breakpoint

-- Two consultations that hold time never overlap, for one practitioner nor for one employee,
-- whatever the concurrency: the second INSERT (or UPDATE) waits for the first to commit, then
-- fails with SQLSTATE 23P01 naming the constraint (the API answers 409 SLOT_TAKEN or EMPLOYEE_BUSY).
-- Ranges are half-open, so back-to-back sessions (10:00-10:50, 10:50-11:40) are allowed.
--
-- Which statuses free the time: CANCELLED only. A NO_SHOW keeps it: the time was reserved and
-- (for one side) spent waiting; the row stays in the agenda and, when the employee was absent, in
-- billing; and it can only be marked 15 minutes after the start, when the minimum notice forbids
-- booking that time again anyway. Freeing it would only allow two overlapping rows of history.
-- The slot engine (practitioner_busy_times, 0012) treats the same statuses as busy.
-- btree_gist (0001) gives the uuid = operator to GiST.
ALTER TABLE consultations ADD CONSTRAINT consultations_practitioner_no_overlap EXCLUDE USING gist (
  practitioner_id WITH =,
  tstzrange(scheduled_at, scheduled_end_at, '[)') WITH &&
) WHERE (status <> 'CANCELLED');--> statement-breakpoint
ALTER TABLE consultations ADD CONSTRAINT consultations_employee_no_overlap EXCLUDE USING gist (
  employee_id WITH =,
  tstzrange(scheduled_at, scheduled_end_at, '[)') WITH &&
) WHERE (status <> 'CANCELLED');--> statement-breakpoint

-- ---------------------------------------------------------------- Idempotency-Key
-- A client retrying a request (a lost answer, a double click) sends the same Idempotency-Key: the
-- first request's answer is replayed instead of doing the work again. A key is scoped to its user
-- and to the operation (`POST /api/v1/consultations`); `request_hash` is the SHA-256 of the
-- normalised request, so the same key with another body is refused. The row is written in the
-- transaction of the work itself: it exists exactly when the work committed, and a concurrent
-- request with the same key waits on the primary key until the first one commits (then replays)
-- or rolls back (then does the work itself). Failed requests leave nothing: they may be retried.
CREATE TABLE idempotency_keys (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  scope text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  -- Set before the transaction commits: NULL only while the first request is still working,
  -- which no other transaction can see.
  response_status integer,
  response_body jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, scope, key),
  CONSTRAINT idempotency_keys_key_check CHECK (length(key) BETWEEN 1 AND 255),
  CONSTRAINT idempotency_keys_expiry_check CHECK (expires_at > created_at)
);--> statement-breakpoint
CREATE INDEX idempotency_keys_expires_at_idx ON idempotency_keys (expires_at);--> statement-breakpoint
ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
-- Owner only: a user's keys and the answers they replay are nobody else's (SYSTEM purges them).
CREATE POLICY idempotency_keys_owner ON idempotency_keys
  USING ((SELECT app_is_system()) OR user_id = (SELECT app_user_id()))
  WITH CHECK ((SELECT app_is_system()) OR user_id = (SELECT app_user_id()));--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO huntzen_app;
--> statement-breakpoint

-- ---------------------------------------------------------------- room secrets and the audit
-- `room_password` is encrypted with the field cipher (AAD consultations/room_password/id), so a key
-- rotation (`npm run keys:rotate`) rewrites it. An UPDATE that changes nothing but the room's
-- secrets (a rotation, a refreshed Jitsi token) says nothing an auditor could read (both columns
-- are left out of the copies): it is not logged, instead of one empty "UPDATE" per consultation.
-- Everything else is audited as in 0001.
CREATE OR REPLACE FUNCTION audit_consultation_changes() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  hidden text[] := ARRAY['cancel_reason', 'notes', 'room_password', 'jitsi_jwt'];
  secrets text[] := ARRAY['room_password', 'jitsi_jwt', 'updated_at'];
  actor_role role;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF to_jsonb(OLD) - secrets = to_jsonb(NEW) - secrets THEN
      RETURN NEW;
    END IF;
    actor_role := CASE WHEN app_role() IN ('SUPER_ADMIN', 'ADMIN_HUNTZEN', 'ADMIN_RH', 'PRACTITIONER', 'EMPLOYEE')
                       THEN app_role()::role ELSE 'SUPER_ADMIN'::role END;
    INSERT INTO audit_logs (user_id, user_role, user_email, action, resource, resource_id, company_id,
                            ip_address, user_agent, changes_before, changes_after, is_sensitive, details)
    VALUES (
      coalesce(app_user_id(), '00000000-0000-0000-0000-000000000000'::uuid),
      actor_role,
      coalesce(app_setting('app.current_email'), 'system@huntzen.internal'),
      'UPDATE', 'consultation', NEW.id::text, NEW.company_id,
      app_setting('app.current_ip'), app_setting('app.current_user_agent'),
      to_jsonb(OLD) - hidden, to_jsonb(NEW) - hidden, true,
      CASE WHEN app_user_id() IS NULL THEN jsonb_build_object('actor', app_role()) END
    );
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint

-- ---------------------------------------------------------------- e-mail attachments
-- Booking, confirmation and cancellation e-mails carry an .ics (text/calendar) file: kept with the
-- queued e-mail (a JSON array of {filename, contentType, content}) so that the sender, which
-- runs later and elsewhere, sends exactly what was queued.
ALTER TABLE email_queue ADD COLUMN attachments jsonb;
