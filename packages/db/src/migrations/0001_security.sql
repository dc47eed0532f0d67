-- Hand-written: the spec's "migrations supplémentaires" made to work, plus the two database roles.
-- See shared/ARCHITECTURE.md "Where the spec's SQL cannot work as written" for the defects fixed here.

CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint

-- ---------------------------------------------------------------- roles
-- The application role: no login of its own by default (the owner login switches to it with
-- `-c role=huntzen_app`), no BYPASSRLS, owns nothing. Roles are cluster-wide, hence IF NOT EXISTS.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'huntzen_app') THEN
    CREATE ROLE huntzen_app NOLOGIN NOBYPASSRLS NOSUPERUSER NOCREATEDB NOCREATEROLE;
  END IF;
END $$;--> statement-breakpoint
DO $$
BEGIN
  -- The migrating login must be able to SET ROLE huntzen_app (superusers already can).
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT huntzen_app TO %I', current_user);
  END IF;
END $$;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO huntzen_app;--> statement-breakpoint
GRANT USAGE ON SCHEMA drizzle TO huntzen_app;--> statement-breakpoint
GRANT SELECT ON drizzle.__drizzle_migrations TO huntzen_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO huntzen_app;--> statement-breakpoint
-- Audit rows are append-only for the application.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_logs FROM huntzen_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO huntzen_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO huntzen_app;--> statement-breakpoint

-- ---------------------------------------------------------------- actor settings
-- Policies read the actor from transaction-local settings set by withActor(). Every read uses
-- missing_ok (defect 4: the spec's current_setting('app.current_user') raises when unset).
CREATE OR REPLACE FUNCTION app_setting(name text) RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting(name, true), '') $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_user_id() RETURNS uuid
  LANGUAGE sql STABLE AS $$ SELECT app_setting('app.current_user')::uuid $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_role() RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT coalesce(app_setting('app.current_role'), 'ANONYMOUS') $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_tenant() RETURNS uuid
  LANGUAGE sql STABLE AS $$ SELECT app_setting('app.current_tenant')::uuid $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_employee() RETURNS uuid
  LANGUAGE sql STABLE AS $$ SELECT app_setting('app.current_employee')::uuid $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_practitioner() RETURNS uuid
  LANGUAGE sql STABLE AS $$ SELECT app_setting('app.current_practitioner')::uuid $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_is_system() RETURNS boolean
  LANGUAGE sql STABLE AS $$ SELECT app_role() = 'SYSTEM' $$;--> statement-breakpoint
-- SUPER_ADMIN and ADMIN_HUNTZEN: operational data of every tenant, never health data.
CREATE OR REPLACE FUNCTION app_is_platform_admin() RETURNS boolean
  LANGUAGE sql STABLE AS $$ SELECT app_role() IN ('SUPER_ADMIN', 'ADMIN_HUNTZEN') $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_is_authenticated() RETURNS boolean
  LANGUAGE sql STABLE AS $$ SELECT app_user_id() IS NOT NULL OR app_is_system() $$;--> statement-breakpoint

-- ---------------------------------------------------------------- row-level security
-- Policies call the actor functions as scalar subqueries, `(SELECT app_role())`, so PostgreSQL
-- evaluates each once per statement (an InitPlan) instead of once per row.
-- Owners and superusers bypass these policies (defect 6): the application never runs as either,
-- it runs as huntzen_app. The owner login is for migrations, seeds and maintenance only.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE refresh_tokens ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE companies ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE employees ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE practitioners ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE practitioner_reviews ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE availabilities ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE consultations ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE consultation_events ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE messages ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE clinical_notes ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE journal_entries ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE articles ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE news ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE audit_logs ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE files ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE email_queue ENABLE ROW LEVEL SECURITY;--> statement-breakpoint

-- users: self, own company for HR, everyone for the platform. Sign-in and sign-up look accounts
-- up as the SYSTEM actor.
CREATE POLICY users_access ON users
  USING ((SELECT app_is_system()) OR (SELECT app_is_platform_admin()) OR id = (SELECT app_user_id())
         OR ((SELECT app_role()) = 'ADMIN_RH' AND company_id = (SELECT app_tenant())));--> statement-breakpoint

CREATE POLICY refresh_tokens_owner ON refresh_tokens
  USING ((SELECT app_is_system()) OR user_id = (SELECT app_user_id()));--> statement-breakpoint

-- companies: members read their own; practitioners read those they work with; HR edits its own.
CREATE POLICY companies_read ON companies FOR SELECT
  USING ((SELECT app_is_system()) OR (SELECT app_is_platform_admin()) OR id = (SELECT app_tenant())
         OR ((SELECT app_role()) = 'PRACTITIONER' AND EXISTS (
           SELECT 1 FROM consultations c WHERE c.company_id = companies.id
             AND c.practitioner_id = (SELECT app_practitioner()))));--> statement-breakpoint
CREATE POLICY companies_insert ON companies FOR INSERT
  WITH CHECK ((SELECT app_is_system()) OR (SELECT app_is_platform_admin()));--> statement-breakpoint
CREATE POLICY companies_update ON companies FOR UPDATE
  USING ((SELECT app_is_system()) OR (SELECT app_is_platform_admin()) OR ((SELECT app_role()) = 'ADMIN_RH' AND id = (SELECT app_tenant())));--> statement-breakpoint
CREATE POLICY companies_delete ON companies FOR DELETE
  USING ((SELECT app_is_system()) OR (SELECT app_role()) = 'SUPER_ADMIN');--> statement-breakpoint

-- employees: the spec's tenant isolation, narrowed: an employee sees only their own row, HR
-- their company, a practitioner the employees they have a consultation with.
CREATE POLICY tenant_isolation ON employees
  USING ((SELECT app_is_system()) OR (SELECT app_is_platform_admin())
         OR (company_id = (SELECT app_tenant()) AND ((SELECT app_role()) = 'ADMIN_RH' OR id = (SELECT app_employee()))))
  WITH CHECK ((SELECT app_is_system()) OR (SELECT app_is_platform_admin())
         OR (company_id = (SELECT app_tenant()) AND ((SELECT app_role()) = 'ADMIN_RH' OR id = (SELECT app_employee()))));--> statement-breakpoint
CREATE POLICY practitioner_patients ON employees FOR SELECT
  USING ((SELECT app_role()) = 'PRACTITIONER' AND EXISTS (
    SELECT 1 FROM consultations c WHERE c.employee_id = employees.id
      AND c.practitioner_id = (SELECT app_practitioner())));--> statement-breakpoint

-- practitioners: the directory shows validated, active ones to every signed-in user; a
-- practitioner manages their own profile; admins validate.
CREATE POLICY practitioners_read ON practitioners FOR SELECT
  USING ((SELECT app_is_system()) OR (SELECT app_is_platform_admin()) OR user_id = (SELECT app_user_id())
         OR ((SELECT app_is_authenticated()) AND is_validated AND is_active)
         OR EXISTS (SELECT 1 FROM consultations c WHERE c.practitioner_id = practitioners.id
                      AND c.employee_id = (SELECT app_employee())));--> statement-breakpoint
CREATE POLICY practitioners_write ON practitioners FOR INSERT
  WITH CHECK ((SELECT app_is_system()) OR (SELECT app_is_platform_admin()) OR user_id = (SELECT app_user_id()));--> statement-breakpoint
CREATE POLICY practitioners_update ON practitioners FOR UPDATE
  USING ((SELECT app_is_system()) OR (SELECT app_is_platform_admin()) OR user_id = (SELECT app_user_id()));--> statement-breakpoint
CREATE POLICY practitioners_delete ON practitioners FOR DELETE
  USING ((SELECT app_is_system()) OR (SELECT app_role()) = 'SUPER_ADMIN');--> statement-breakpoint

-- reviews: published ones are public to signed-in users; authors see theirs; admins moderate.
CREATE POLICY reviews_read ON practitioner_reviews FOR SELECT
  USING ((SELECT app_is_system()) OR (SELECT app_is_platform_admin()) OR employee_id = (SELECT app_employee())
         OR ((SELECT app_is_authenticated()) AND is_published));--> statement-breakpoint
CREATE POLICY reviews_insert ON practitioner_reviews FOR INSERT
  WITH CHECK ((SELECT app_is_system()) OR employee_id = (SELECT app_employee()));--> statement-breakpoint
CREATE POLICY reviews_moderate ON practitioner_reviews FOR UPDATE
  USING ((SELECT app_is_system()) OR (SELECT app_is_platform_admin()));--> statement-breakpoint
CREATE POLICY reviews_delete ON practitioner_reviews FOR DELETE
  USING ((SELECT app_is_system()) OR (SELECT app_is_platform_admin()));--> statement-breakpoint

-- availabilities: readable by signed-in users (slot search); written by their practitioner.
CREATE POLICY availabilities_read ON availabilities FOR SELECT USING ((SELECT app_is_authenticated()));--> statement-breakpoint
CREATE POLICY availabilities_write ON availabilities FOR ALL
  USING ((SELECT app_is_system()) OR (SELECT app_is_platform_admin()) OR practitioner_id = (SELECT app_practitioner()))
  WITH CHECK ((SELECT app_is_system()) OR (SELECT app_is_platform_admin()) OR practitioner_id = (SELECT app_practitioner()));--> statement-breakpoint

-- consultations: the spec's tenant isolation, narrowed to the two participants inside a tenant;
-- HR reads its company's rows (the API shows counters only); the platform operates all.
CREATE POLICY tenant_isolation ON consultations
  USING ((SELECT app_is_system()) OR (SELECT app_is_platform_admin())
         OR practitioner_id = (SELECT app_practitioner())
         OR (company_id = (SELECT app_tenant()) AND (employee_id = (SELECT app_employee()) OR (SELECT app_role()) = 'ADMIN_RH')))
  WITH CHECK ((SELECT app_is_system()) OR (SELECT app_is_platform_admin())
         OR practitioner_id = (SELECT app_practitioner())
         OR (company_id = (SELECT app_tenant()) AND (employee_id = (SELECT app_employee()) OR (SELECT app_role()) = 'ADMIN_RH')));--> statement-breakpoint

-- events follow the visibility of their consultation (its policy applies inside EXISTS).
CREATE POLICY events_via_consultation ON consultation_events
  USING (EXISTS (SELECT 1 FROM consultations c WHERE c.id = consultation_events.consultation_id))
  WITH CHECK (EXISTS (SELECT 1 FROM consultations c WHERE c.id = consultation_events.consultation_id));--> statement-breakpoint

-- messages: the consultation's two participants only (defect 3: the spec compared them with the
-- user id). Admins and HR never read chat content. SYSTEM is for key rotation and erasure.
CREATE POLICY consultation_participants ON messages
  USING ((SELECT app_is_system()) OR EXISTS (
    SELECT 1 FROM consultations c WHERE c.id = messages.consultation_id
      AND (c.employee_id = (SELECT app_employee()) OR c.practitioner_id = (SELECT app_practitioner()))));--> statement-breakpoint
-- …and a participant sends only as themself.
CREATE POLICY sender_is_actor ON messages AS RESTRICTIVE FOR INSERT
  WITH CHECK ((SELECT app_is_system())
    OR (sender_role = 'EMPLOYEE' AND sender_id = (SELECT app_employee()))
    OR (sender_role = 'PRACTITIONER' AND sender_id = (SELECT app_practitioner())));--> statement-breakpoint

-- clinical notes: their author only — no admin, no HR, not even the employee.
CREATE POLICY practitioner_only ON clinical_notes
  USING ((SELECT app_is_system()) OR practitioner_id = (SELECT app_practitioner()))
  WITH CHECK ((SELECT app_is_system()) OR (practitioner_id = (SELECT app_practitioner()) AND EXISTS (
    SELECT 1 FROM consultations c WHERE c.id = clinical_notes.consultation_id
      AND c.practitioner_id = (SELECT app_practitioner()))));--> statement-breakpoint

-- journal: its employee only.
CREATE POLICY employee_only ON journal_entries
  USING ((SELECT app_is_system()) OR employee_id = (SELECT app_employee()))
  WITH CHECK ((SELECT app_is_system()) OR employee_id = (SELECT app_employee()));--> statement-breakpoint

-- articles: published ones are public (anonymous too); the platform writes them.
CREATE POLICY articles_read ON articles FOR SELECT
  USING (status = 'PUBLISHED' OR (SELECT app_is_system()) OR (SELECT app_is_platform_admin()));--> statement-breakpoint
CREATE POLICY articles_write ON articles FOR ALL
  USING ((SELECT app_is_system()) OR (SELECT app_is_platform_admin()))
  WITH CHECK ((SELECT app_is_system()) OR (SELECT app_is_platform_admin()));--> statement-breakpoint

-- news: one company's; its employees read, its HR writes.
CREATE POLICY news_read ON news FOR SELECT
  USING ((SELECT app_is_system()) OR (SELECT app_is_platform_admin()) OR company_id = (SELECT app_tenant()));--> statement-breakpoint
CREATE POLICY news_write ON news FOR ALL
  USING ((SELECT app_is_system()) OR ((SELECT app_role()) = 'ADMIN_RH' AND company_id = (SELECT app_tenant())))
  WITH CHECK ((SELECT app_is_system()) OR ((SELECT app_role()) = 'ADMIN_RH' AND company_id = (SELECT app_tenant())));--> statement-breakpoint

-- notifications: their user's. Any signed-in actor may create one for someone else (a
-- confirmation notifies the other participant), reading stays private.
CREATE POLICY notifications_owner ON notifications
  USING ((SELECT app_is_system()) OR user_id = (SELECT app_user_id()));--> statement-breakpoint
CREATE POLICY notifications_create ON notifications FOR INSERT WITH CHECK ((SELECT app_is_authenticated()));--> statement-breakpoint

-- audit: anyone's actions are recorded; only the platform reads; nobody updates or deletes
-- (no grant, and no policy for those commands either).
CREATE POLICY audit_insert ON audit_logs FOR INSERT WITH CHECK (true);--> statement-breakpoint
CREATE POLICY audit_read ON audit_logs FOR SELECT USING ((SELECT app_is_system()) OR (SELECT app_is_platform_admin()));--> statement-breakpoint

-- files: public ones, the uploader's, and those shared with the actor's role inside the tenant.
-- Chat attachments (health data) are never readable by admins through this policy.
CREATE POLICY files_read ON files FOR SELECT
  USING ((SELECT app_is_system()) OR is_public OR uploaded_by = (SELECT app_user_id())
         OR ((SELECT app_is_platform_admin()) AND file_type <> 'ATTACHMENT')
         OR ((company_id IS NULL OR company_id = (SELECT app_tenant())) AND (SELECT app_role()) = ANY (allowed_roles::text[])));--> statement-breakpoint
CREATE POLICY files_write ON files FOR INSERT
  WITH CHECK ((SELECT app_is_system()) OR uploaded_by = (SELECT app_user_id()));--> statement-breakpoint
CREATE POLICY files_change ON files FOR UPDATE
  USING ((SELECT app_is_system()) OR uploaded_by = (SELECT app_user_id()));--> statement-breakpoint
CREATE POLICY files_delete ON files FOR DELETE
  USING ((SELECT app_is_system()) OR uploaded_by = (SELECT app_user_id()) OR (SELECT app_is_platform_admin()));--> statement-breakpoint

-- email queue: anyone may enqueue (in the transaction of what they did); the mail worker (SYSTEM)
-- and the platform read it.
CREATE POLICY email_enqueue ON email_queue FOR INSERT WITH CHECK (true);--> statement-breakpoint
CREATE POLICY email_worker ON email_queue
  USING ((SELECT app_is_system()) OR (SELECT app_is_platform_admin()));--> statement-breakpoint

-- ---------------------------------------------------------------- integrity
-- Defect 1: Message.senderId cannot reference two tables; the sender must be a participant.
CREATE OR REPLACE FUNCTION check_message_sender() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM consultations c WHERE c.id = NEW.consultation_id AND (
      (NEW.sender_role = 'EMPLOYEE' AND c.employee_id = NEW.sender_id) OR
      (NEW.sender_role = 'PRACTITIONER' AND c.practitioner_id = NEW.sender_id))
  ) THEN
    RAISE EXCEPTION 'message sender % (%) is not a participant of consultation %',
      NEW.sender_id, NEW.sender_role, NEW.consultation_id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER message_sender_check BEFORE INSERT OR UPDATE OF sender_id, sender_role, consultation_id
  ON messages FOR EACH ROW EXECUTE FUNCTION check_message_sender();--> statement-breakpoint

-- @updatedAt maintained by the database too, so SQL writes (jobs, COPY, psql) keep it true.
CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END $$;--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT table_name FROM information_schema.columns
           WHERE table_schema = 'public' AND column_name = 'updated_at' LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION set_updated_at()',
                   t || '_updated_at', t);
  END LOOP;
END $$;--> statement-breakpoint

-- ---------------------------------------------------------------- performance indexes (spec)
CREATE INDEX idx_consultations_employee_scheduled ON consultations (employee_id, scheduled_at);--> statement-breakpoint
CREATE INDEX idx_consultations_practitioner_scheduled ON consultations (practitioner_id, scheduled_at);--> statement-breakpoint
CREATE INDEX idx_consultations_company_period ON consultations (company_id, scheduled_at)
  WHERE status = 'COMPLETED';--> statement-breakpoint
CREATE INDEX idx_messages_consultation_created ON messages (consultation_id, created_at);--> statement-breakpoint
CREATE INDEX idx_articles_search ON articles USING gin (to_tsvector('french', title || ' ' || content));--> statement-breakpoint
CREATE INDEX idx_practitioners_specialty_active
  ON practitioners (specialty, is_active, is_accepting_new_clients);--> statement-breakpoint

-- ---------------------------------------------------------------- counters (materialized views)
CREATE MATERIALIZED VIEW employee_usage_stats AS
SELECT
  e.id AS employee_id,
  e.company_id,
  e.first_name,
  e.last_name,
  e.department,
  date_trunc('month', c.scheduled_at) AS period,
  count(c.id) AS consultation_count,
  coalesce(sum(c.actual_duration), 0) AS total_duration_minutes,
  max(c.scheduled_at) AS last_consultation_date
FROM employees e
LEFT JOIN consultations c ON c.employee_id = e.id
  AND c.status = 'COMPLETED'
  AND c.is_billable = true
GROUP BY e.id, e.company_id, e.first_name, e.last_name, e.department, date_trunc('month', c.scheduled_at);--> statement-breakpoint
-- An employee with no consultation has one row with a NULL period; NULLS NOT DISTINCT keeps
-- the index unique per (employee, period) even then, which REFRESH … CONCURRENTLY requires.
CREATE UNIQUE INDEX employee_usage_stats_employee_id_period_idx
  ON employee_usage_stats (employee_id, period) NULLS NOT DISTINCT;--> statement-breakpoint
CREATE INDEX employee_usage_stats_company_period_idx ON employee_usage_stats (company_id, period);--> statement-breakpoint

CREATE MATERIALIZED VIEW practitioner_billing_stats AS
SELECT
  p.id AS practitioner_id,
  p.first_name,
  p.last_name,
  p.specialty,
  c.company_id,
  date_trunc('month', c.scheduled_at) AS period,
  count(c.id) AS consultation_count,
  coalesce(sum(c.actual_duration), 0) AS total_duration_minutes,
  avg(c.actual_duration) AS avg_duration_minutes
FROM practitioners p
LEFT JOIN consultations c ON c.practitioner_id = p.id
  AND c.status = 'COMPLETED'
  AND c.billing_status IN ('VALIDATED', 'BILLED')
GROUP BY p.id, p.first_name, p.last_name, p.specialty, c.company_id, date_trunc('month', c.scheduled_at);--> statement-breakpoint
CREATE UNIQUE INDEX practitioner_billing_stats_practitioner_id_company_id_period_idx
  ON practitioner_billing_stats (practitioner_id, company_id, period) NULLS NOT DISTINCT;--> statement-breakpoint

-- Refreshing needs ownership of the views: SECURITY DEFINER lets the jobs runner and the
-- application call these without owning anything.
CREATE OR REPLACE FUNCTION refresh_employee_stats() RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  REFRESH MATERIALIZED VIEW CONCURRENTLY employee_usage_stats;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION refresh_practitioner_stats() RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  REFRESH MATERIALIZED VIEW CONCURRENTLY practitioner_billing_stats;
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION refresh_employee_stats() FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION refresh_practitioner_stats() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION refresh_employee_stats() TO huntzen_app;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION refresh_practitioner_stats() TO huntzen_app;--> statement-breakpoint

-- Materialized views have no row-level security, so the application never reads them directly:
-- these security-barrier views filter by actor (HR: their company; platform: all; a practitioner:
-- their own billing) and run with the owner's right to read the view.
REVOKE ALL ON employee_usage_stats, practitioner_billing_stats FROM huntzen_app;--> statement-breakpoint
CREATE VIEW company_employee_usage WITH (security_barrier) AS
  SELECT * FROM employee_usage_stats
  WHERE (SELECT app_is_system()) OR (SELECT app_is_platform_admin())
     OR ((SELECT app_role()) = 'ADMIN_RH' AND company_id = (SELECT app_tenant()));--> statement-breakpoint
CREATE VIEW practitioner_billing WITH (security_barrier) AS
  SELECT * FROM practitioner_billing_stats
  WHERE (SELECT app_is_system()) OR (SELECT app_is_platform_admin()) OR practitioner_id = (SELECT app_practitioner());--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE ON company_employee_usage, practitioner_billing FROM huntzen_app;--> statement-breakpoint
GRANT SELECT ON company_employee_usage, practitioner_billing TO huntzen_app;--> statement-breakpoint

-- ---------------------------------------------------------------- triggers (spec)
-- Audit of consultation changes. Fixes: the actor settings are read with missing_ok and fall back
-- to the system actor (defect 4); health fields (reason, notes) and room secrets are left out of
-- the copies, because admins read the audit log and must never see health data.
CREATE OR REPLACE FUNCTION audit_consultation_changes() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  hidden text[] := ARRAY['cancel_reason', 'notes', 'room_password', 'jitsi_jwt'];
  actor_role role;
BEGIN
  IF TG_OP = 'UPDATE' THEN
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
END $$;--> statement-breakpoint
CREATE TRIGGER consultation_audit_trigger
  AFTER UPDATE ON consultations
  FOR EACH ROW EXECUTE FUNCTION audit_consultation_changes();--> statement-breakpoint

-- Real duration in whole minutes (defect 5: the spec's EXTRACT/60 is fractional).
CREATE OR REPLACE FUNCTION calculate_actual_duration() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.ended_at IS NOT NULL AND NEW.started_at IS NOT NULL THEN
    NEW.actual_duration := round(extract(epoch FROM (NEW.ended_at - NEW.started_at)) / 60)::integer;
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER consultation_duration_trigger
  BEFORE UPDATE ON consultations
  FOR EACH ROW
  WHEN (NEW.ended_at IS NOT NULL AND OLD.ended_at IS NULL)
  EXECUTE FUNCTION calculate_actual_duration();
