-- Issue 16, part 1: row-level security holds writes too. Measured as huntzen_app with honest actor
-- settings, an employee, HR or a practitioner could promote themselves, move to another tenant,
-- validate or rate themselves, bill or unbill their consultations, book with another tenant's
-- employee; HR read the consultation reasons; anyone forged audit rows, e-mails, jobs and
-- notifications; and `set_config('app.current_role', 'SYSTEM', true)` opened everything. Proven
-- by packages/db/src/write-policies.test.ts; design in docs/security.md "Write-side policies".

-- ---------------------------------------------------------------- SYSTEM cannot be claimed
-- The SYSTEM actor is a string in a setting any SQL of the application role can write. From now
-- on it also needs `app.system_token`, a secret made by each process (packages/db/src/client.ts)
-- whose SHA-256 that process registers here through the owner login. huntzen_app has no USAGE on
-- this schema: injected SQL can neither read the hashes nor add one, and 256 random bits are not
-- guessed. Rows expire (a crashed process leaves nothing usable for long); processes renew theirs.
CREATE SCHEMA IF NOT EXISTS huntzen_private;--> statement-breakpoint
REVOKE ALL ON SCHEMA huntzen_private FROM PUBLIC;--> statement-breakpoint
CREATE TABLE huntzen_private.system_tokens (
  token_hash bytea PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);--> statement-breakpoint
REVOKE ALL ON huntzen_private.system_tokens FROM PUBLIC;--> statement-breakpoint
-- SECURITY DEFINER to read the owner-only table. Policies call it as `(SELECT app_is_system())`:
-- one InitPlan per statement, and a single index probe only when the role setting says SYSTEM.
CREATE OR REPLACE FUNCTION app_is_system() RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF app_setting('app.current_role') IS DISTINCT FROM 'SYSTEM' THEN
    RETURN false;
  END IF;
  RETURN EXISTS (
    SELECT 1 FROM huntzen_private.system_tokens
     WHERE token_hash = sha256(convert_to(coalesce(app_setting('app.system_token'), ''), 'UTF8'))
       AND expires_at > now());
END $$;--> statement-breakpoint
-- A claimed-but-unproven SYSTEM is nobody: app_role() answers ANONYMOUS for it, so the policies
-- that compare app_role() with a role name (and the audit stamp) never see 'SYSTEM' either.
CREATE OR REPLACE FUNCTION app_role() RETURNS text
  LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN app_setting('app.current_role') = 'SYSTEM' AND NOT app_is_system() THEN 'ANONYMOUS'
              ELSE coalesce(app_setting('app.current_role'), 'ANONYMOUS') END
$$;--> statement-breakpoint

-- ---------------------------------------------------------------- explicit WITH CHECK
-- Policies for ALL/UPDATE without WITH CHECK reuse USING for new rows; saying it explicitly keeps
-- the rule visible where it is read, and tightens two: a file stays its uploader's, a notification
-- its user's.
ALTER POLICY users_access ON users
  WITH CHECK ((SELECT app_is_system()) OR (SELECT app_is_platform_admin()) OR id = (SELECT app_user_id())
              OR ((SELECT app_role()) = 'ADMIN_RH' AND company_id = (SELECT app_tenant())));--> statement-breakpoint
ALTER POLICY refresh_tokens_owner ON refresh_tokens
  WITH CHECK ((SELECT app_is_system()) OR user_id = (SELECT app_user_id()));--> statement-breakpoint
ALTER POLICY companies_update ON companies
  WITH CHECK ((SELECT app_is_system()) OR (SELECT app_is_platform_admin())
              OR ((SELECT app_role()) = 'ADMIN_RH' AND id = (SELECT app_tenant())));--> statement-breakpoint
ALTER POLICY practitioners_update ON practitioners
  WITH CHECK ((SELECT app_is_system()) OR (SELECT app_is_platform_admin()) OR user_id = (SELECT app_user_id()));--> statement-breakpoint
ALTER POLICY reviews_moderate ON practitioner_reviews
  WITH CHECK ((SELECT app_is_system()) OR (SELECT app_is_platform_admin()));--> statement-breakpoint
ALTER POLICY files_change ON files
  WITH CHECK ((SELECT app_is_system()) OR uploaded_by = (SELECT app_user_id()));--> statement-breakpoint
ALTER POLICY notifications_owner ON notifications
  WITH CHECK ((SELECT app_is_system()) OR user_id = (SELECT app_user_id()));--> statement-breakpoint
ALTER POLICY email_worker ON email_queue
  WITH CHECK ((SELECT app_is_system()) OR (SELECT app_is_platform_admin()));--> statement-breakpoint

-- ---------------------------------------------------------------- users
-- The application updates sign-in state, credentials, 2FA and activation; never an account's id,
-- e-mail, role, company or creation time (nothing in the API changes them).
REVOKE UPDATE ON users FROM huntzen_app;--> statement-breakpoint
GRANT UPDATE (password_hash, is_active, email_verified, email_verified_at, two_factor_enabled,
  two_factor_secret, last_login_at, failed_login_count, locked_until, approved_at, password_changed_at,
  totp_last_step, updated_at) ON users TO huntzen_app;--> statement-breakpoint
-- Accounts are created by sign-up and links (SYSTEM) and by a SUPER_ADMIN inviting HuntZen admins.
CREATE POLICY users_insert_guard ON users AS RESTRICTIVE FOR INSERT
  WITH CHECK ((SELECT app_is_system())
    OR ((SELECT app_role()) = 'SUPER_ADMIN' AND role = 'ADMIN_HUNTZEN' AND company_id IS NULL));--> statement-breakpoint
-- Someone else's account (HR: its company's; the platform: admins' and others'): activation and
-- approval only — never their password, 2FA or sign-in state. One's own: not one's activation.
CREATE OR REPLACE FUNCTION users_guard_update() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT row_security_active(TG_RELID) OR app_is_system() THEN
    RETURN NEW;
  END IF;
  IF OLD.id IS DISTINCT FROM app_user_id() THEN
    IF (to_jsonb(NEW) - ARRAY['is_active', 'approved_at', 'updated_at'])
       IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['is_active', 'approved_at', 'updated_at']) THEN
      RAISE EXCEPTION 'only the activation of another account may change'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF app_role() = 'ADMIN_RH' AND OLD.role <> 'EMPLOYEE' THEN
      RAISE EXCEPTION 'HR manages its employees only' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF app_role() = 'ADMIN_HUNTZEN' AND OLD.role IN ('SUPER_ADMIN', 'ADMIN_HUNTZEN') THEN
      RAISE EXCEPTION 'only a SUPER_ADMIN manages admins' USING ERRCODE = 'insufficient_privilege';
    END IF;
  ELSIF (NEW.is_active, NEW.approved_at) IS DISTINCT FROM (OLD.is_active, OLD.approved_at) THEN
    RAISE EXCEPTION 'an account does not activate or approve itself' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER users_guard_update BEFORE UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION users_guard_update();--> statement-breakpoint

-- ---------------------------------------------------------------- practitioners
-- Profiles are created by sign-up (SYSTEM) or the platform, never by a signed-in user for themself
-- (0001's practitioners_write let an employee insert a validated profile of their own).
CREATE POLICY practitioners_insert_guard ON practitioners AS RESTRICTIVE FOR INSERT
  WITH CHECK ((SELECT app_is_system()) OR (SELECT app_is_platform_admin()));--> statement-breakpoint
-- 0010's guard, widened: the review columns, the published rating (recounted by moderation) and
-- the owner change only through the platform or SYSTEM, whoever else asks.
CREATE OR REPLACE FUNCTION guard_practitioner_review() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT row_security_active(TG_RELID) OR app_is_system() OR app_is_platform_admin() THEN
    RETURN NEW;
  END IF;
  IF NEW.is_validated IS DISTINCT FROM OLD.is_validated
    OR NEW.validated_at IS DISTINCT FROM OLD.validated_at
    OR NEW.validated_by IS DISTINCT FROM OLD.validated_by
    OR (NEW.documents_verified AND NOT OLD.documents_verified)
    OR (NEW.rejected_at IS NOT NULL AND NEW.rejected_at IS DISTINCT FROM OLD.rejected_at)
    OR (NEW.rejection_reason IS NOT NULL AND NEW.rejection_reason IS DISTINCT FROM OLD.rejection_reason)
    OR NEW.average_rating IS DISTINCT FROM OLD.average_rating
    OR NEW.review_count IS DISTINCT FROM OLD.review_count
    OR NEW.user_id IS DISTINCT FROM OLD.user_id
    OR NEW.id IS DISTINCT FROM OLD.id THEN
    RAISE EXCEPTION 'a practitioner cannot review or rate their own profile'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint

-- ---------------------------------------------------------------- consultations
-- Booking is the employee's, for themself, in their own company (both from the session's settings;
-- a subquery on employees here would recurse through its practitioner_patients policy), as a
-- fresh, unbilled row (0001's tenant_isolation let a practitioner insert one with any tenant's
-- employee, whose row then became readable to them).
CREATE POLICY consultations_insert_booking ON consultations AS RESTRICTIVE FOR INSERT
  WITH CHECK ((SELECT app_is_system()) OR (
    (SELECT app_role()) = 'EMPLOYEE' AND employee_id = (SELECT app_employee())
    AND company_id = (SELECT app_tenant())
    AND status IN ('SCHEDULED', 'CONFIRMED') AND billing_status = 'PENDING' AND billed_at IS NULL
    AND started_at IS NULL AND ended_at IS NULL AND cancelled_at IS NULL AND no_show_at IS NULL));--> statement-breakpoint
-- Column grants. Reads: everything but the consultation reason (`notes`) and the cancellation
-- reason, which may speak of health; the participants read those through
-- consultation_private_fields below. Updates: the lifecycle's and billing's columns only (who,
-- with whom, when and the room never change through the application; rotation runs as the owner).
REVOKE SELECT, UPDATE ON consultations FROM huntzen_app;--> statement-breakpoint
GRANT SELECT (id, company_id, employee_id, practitioner_id, scheduled_at, scheduled_end_at, duration, format,
  status, started_at, ended_at, actual_duration, cancelled_at, cancelled_by, cancelled_within24h, no_show_at,
  no_show_by, room_name, room_password, jitsi_jwt, is_billable, billing_status, billed_at, created_at,
  updated_at) ON consultations TO huntzen_app;--> statement-breakpoint
GRANT UPDATE (status, started_at, ended_at, cancelled_at, cancelled_by, cancel_reason, cancelled_within24h,
  no_show_at, no_show_by, is_billable, billing_status, billed_at, updated_at) ON consultations TO huntzen_app;--> statement-breakpoint
-- The two health columns, for the consultation's two participants (and SYSTEM) only. A view owned
-- by the owner reads the table without row-level security, so it filters by actor itself;
-- security_barrier keeps a caller's functions from seeing rows the filter drops.
CREATE VIEW consultation_private_fields WITH (security_barrier) AS
  SELECT c.id, c.notes, c.cancel_reason FROM consultations c
   WHERE (SELECT app_is_system())
      OR ((SELECT app_role()) = 'EMPLOYEE' AND c.employee_id = (SELECT app_employee()))
      OR ((SELECT app_role()) = 'PRACTITIONER' AND c.practitioner_id = (SELECT app_practitioner()));--> statement-breakpoint
REVOKE ALL ON consultation_private_fields FROM huntzen_app;--> statement-breakpoint
GRANT SELECT ON consultation_private_fields TO huntzen_app;--> statement-breakpoint
-- Billing belongs to HuntZen's admins (and HR's dispute, a SECURITY DEFINER path that runs as the
-- owner). A participant's lifecycle update may set billability only as the transition says: a
-- cancellation is billable when the employee cancels late, a no-show when the employee was absent.
CREATE OR REPLACE FUNCTION consultations_guard_billing() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  actor text := app_role();
  late_soon boolean;
  late_surely boolean;
  absent text;
BEGIN
  IF NOT row_security_active(TG_RELID) OR app_is_system() OR app_is_platform_admin() THEN
    RETURN NEW;
  END IF;
  IF (NEW.billing_status, NEW.billed_at) IS DISTINCT FROM (OLD.billing_status, OLD.billed_at) THEN
    RAISE EXCEPTION 'billing is changed by HuntZen only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.status IS NOT DISTINCT FROM OLD.status OR NEW.status NOT IN ('CANCELLED', 'NO_SHOW') THEN
    IF (NEW.is_billable, NEW.cancelled_within24h, NEW.no_show_by)
       IS DISTINCT FROM (OLD.is_billable, OLD.cancelled_within24h, OLD.no_show_by) THEN
      RAISE EXCEPTION 'billability changes only with a cancellation or a no-show'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.status = 'CANCELLED' THEN
    -- Late = less than 24 hours before the start; a minute of slack either way for the clocks.
    late_surely := OLD.scheduled_at < now() + interval '23 hours 59 minutes';
    late_soon := OLD.scheduled_at < now() + interval '24 hours 1 minute';
    IF NEW.cancelled_within24h IS NULL OR (late_surely AND NOT NEW.cancelled_within24h)
       OR (NEW.cancelled_within24h AND NOT late_soon)
       OR NEW.is_billable IS DISTINCT FROM (NEW.cancelled_within24h AND actor = 'EMPLOYEE') THEN
      RAISE EXCEPTION 'a cancellation is billable only when the employee cancels late'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
  ELSE
    absent := CASE actor WHEN 'EMPLOYEE' THEN 'practitioner' WHEN 'PRACTITIONER' THEN 'employee' END;
    IF NEW.no_show_by IS DISTINCT FROM absent OR NEW.is_billable IS DISTINCT FROM (NEW.no_show_by = 'employee') THEN
      RAISE EXCEPTION 'a no-show is reported about the other participant, billable when the employee was absent'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER consultations_guard_billing BEFORE UPDATE ON consultations
  FOR EACH ROW EXECUTE FUNCTION consultations_guard_billing();--> statement-breakpoint

-- ---------------------------------------------------------------- who may notify whom
-- SYSTEM anyone; a user themself; the platform anyone; HR its company's accounts; an employee or a
-- practitioner the other participant of a consultation they share (a booking, a message, a change).
CREATE OR REPLACE FUNCTION app_may_notify(target uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  -- coalesce: an anonymous actor has no user id, and NULL must mean no.
  SELECT coalesce(app_is_system() OR target = app_user_id() OR app_is_platform_admin()
    OR (app_role() = 'ADMIN_RH' AND EXISTS (
          SELECT 1 FROM users u WHERE u.id = target AND u.company_id = app_tenant()))
    OR (app_role() = 'EMPLOYEE' AND EXISTS (
          SELECT 1 FROM consultations c JOIN practitioners p ON p.id = c.practitioner_id
           WHERE c.employee_id = app_employee() AND p.user_id = target))
    OR (app_role() = 'PRACTITIONER' AND EXISTS (
          SELECT 1 FROM consultations c JOIN employees e ON e.id = c.employee_id
           WHERE c.practitioner_id = app_practitioner() AND e.user_id = target)), false)
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION app_may_notify(uuid) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_may_notify(uuid) TO huntzen_app;--> statement-breakpoint

-- ---------------------------------------------------------------- audit rows
-- Inserted only through record_audit(): who, with which role, from where are the transaction's
-- settings, never the caller's word. Only SYSTEM (sign-in, links: before anyone is signed in) may
-- name another subject. Column-wise the same as platform/audit's recordAudit before.
REVOKE INSERT ON audit_logs FROM huntzen_app;--> statement-breakpoint
CREATE OR REPLACE FUNCTION record_audit(
  p_action audit_action, p_resource text, p_resource_id text, p_company_id uuid, p_details jsonb,
  p_changes_before jsonb, p_changes_after jsonb, p_is_sensitive boolean,
  p_subject_user uuid DEFAULT NULL, p_subject_role role DEFAULT NULL, p_subject_email text DEFAULT NULL
) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  actor text := app_role();
  anonymous boolean := actor NOT IN ('SUPER_ADMIN', 'ADMIN_HUNTZEN', 'ADMIN_RH', 'PRACTITIONER', 'EMPLOYEE');
  subject boolean := p_subject_user IS NOT NULL;
BEGIN
  IF subject AND NOT app_is_system() THEN
    RAISE EXCEPTION 'only the system records an action for another subject'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  INSERT INTO audit_logs (user_id, user_role, user_email, action, resource, resource_id, company_id,
                          ip_address, user_agent, details, changes_before, changes_after, is_sensitive)
  VALUES (
    CASE WHEN subject THEN p_subject_user ELSE coalesce(app_user_id(), '00000000-0000-0000-0000-000000000000') END,
    CASE WHEN subject THEN p_subject_role WHEN anonymous THEN 'SUPER_ADMIN' ELSE actor::role END,
    CASE WHEN subject THEN p_subject_email
         ELSE coalesce(app_setting('app.current_email'), lower(actor) || '@huntzen.internal') END,
    p_action, p_resource, p_resource_id, coalesce(p_company_id, app_tenant()),
    app_setting('app.current_ip'), app_setting('app.current_user_agent'),
    CASE WHEN anonymous THEN jsonb_build_object('actor', actor) || coalesce(p_details, '{}') ELSE p_details END,
    p_changes_before, p_changes_after, coalesce(p_is_sensitive, false));
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION record_audit(audit_action, text, text, uuid, jsonb, jsonb, jsonb, boolean, uuid, role, text) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION record_audit(audit_action, text, text, uuid, jsonb, jsonb, jsonb, boolean, uuid, role, text) TO huntzen_app;--> statement-breakpoint

-- ---------------------------------------------------------------- notifications
-- Inserted only through create_notification(), for a user the actor may notify.
REVOKE INSERT ON notifications FROM huntzen_app;--> statement-breakpoint
DROP POLICY IF EXISTS notifications_create ON notifications;--> statement-breakpoint
CREATE OR REPLACE FUNCTION create_notification(
  p_id uuid, p_user uuid, p_type notification_type, p_title text, p_message text, p_link_url text,
  p_link_label text, p_metadata jsonb, p_expires_at timestamptz, p_email_sent boolean
) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT app_may_notify(p_user) THEN
    RAISE EXCEPTION 'not allowed to notify user %', p_user USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- clock_timestamp(): several notifications of one transaction keep their order.
  INSERT INTO notifications (id, user_id, type, title, message, link_url, link_label, metadata, expires_at,
                             created_at, email_sent, email_sent_at)
  VALUES (p_id, p_user, p_type, p_title, p_message, p_link_url, p_link_label, p_metadata, p_expires_at,
          clock_timestamp(), coalesce(p_email_sent, false), CASE WHEN p_email_sent THEN now() END);
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION create_notification(uuid, uuid, notification_type, text, text, text, text, jsonb, timestamptz, boolean) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION create_notification(uuid, uuid, notification_type, text, text, text, text, jsonb, timestamptz, boolean) TO huntzen_app;--> statement-breakpoint

-- ---------------------------------------------------------------- e-mails
-- Inserted only through enqueue_email(): SYSTEM (jobs, sign-up, links) writes to anyone; a
-- signed-in actor only to accounts it may notify (HR approving an employee, an admin answering a
-- company), so injected SQL cannot turn the platform into a phishing relay. Always PENDING.
REVOKE INSERT ON email_queue FROM huntzen_app;--> statement-breakpoint
DROP POLICY IF EXISTS email_enqueue ON email_queue;--> statement-breakpoint
CREATE OR REPLACE FUNCTION enqueue_email(
  p_id uuid, p_to text, p_cc text[], p_bcc text[], p_subject text, p_html_body text, p_text_body text,
  p_template_name text, p_template_data jsonb, p_priority email_priority, p_scheduled_for timestamptz,
  p_max_retries integer, p_attachments jsonb
) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  address text;
BEGIN
  IF NOT app_is_system() THEN
    FOREACH address IN ARRAY array_prepend(p_to, coalesce(p_cc, '{}') || coalesce(p_bcc, '{}')) LOOP
      IF NOT EXISTS (SELECT 1 FROM users u WHERE lower(u.email) = lower(address) AND app_may_notify(u.id)) THEN
        RAISE EXCEPTION 'not allowed to e-mail this address' USING ERRCODE = 'insufficient_privilege';
      END IF;
    END LOOP;
  END IF;
  INSERT INTO email_queue (id, "to", cc, bcc, subject, html_body, text_body, template_name, template_data,
                           status, priority, scheduled_for, max_retries, attachments)
  VALUES (p_id, p_to, coalesce(p_cc, '{}'), coalesce(p_bcc, '{}'), p_subject, p_html_body, p_text_body,
          p_template_name, p_template_data, 'PENDING', coalesce(p_priority, 'NORMAL'), p_scheduled_for,
          coalesce(p_max_retries, 3), p_attachments);
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION enqueue_email(uuid, text, text[], text[], text, text, text, text, jsonb, email_priority, timestamptz, integer, jsonb) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION enqueue_email(uuid, text, text[], text[], text, text, text, text, jsonb, email_priority, timestamptz, integer, jsonb) TO huntzen_app;
