-- Hand-written (issue 13, ADR 0005): one database role per kind of signed-in actor, so that the
-- planner sees only the policy arm of the actor running the statement.
--
-- A policy that ORs every actor's arm (0001's tenant_isolation on consultations) is never an index
-- condition: a read that forgets its own `practitioner_id = …` filter walked every practitioner's
-- rows of the window. PostgreSQL applies only the policies whose roles the current user has: with
-- one policy per actor role, a practitioner's statement carries `practitioner_id = (SELECT
-- app_practitioner())` alone, which the (practitioner_id, scheduled_at) index serves.
--
-- The roles select which arm applies; they never decide what is visible. Every per-role policy
-- still tests the actor's settings, exactly as the arm of the general policy it comes from, so a
-- statement that switches role (any SQL the application runs can SET ROLE to these) claims nothing
-- the settings do not already claim. SYSTEM and ANONYMOUS keep huntzen_app and the general
-- policies: SYSTEM is proven by its token (0018), never by a role.
--
-- Roles are the cluster's (IF NOT EXISTS); grants are each database's.
--
--   huntzen_privileges   holds every grant (tables, columns, functions, schemas, default privileges).
--                        From this migration on, GRANT … TO huntzen_privileges.
--   huntzen_app          the application's login: member of huntzen_privileges (inherits its
--                        grants) and of each actor role (may SET ROLE to it, inherits nothing from it
--                        on PostgreSQL 16+). The general policies are its.
--   huntzen_employee, huntzen_hr, huntzen_practitioner, huntzen_admin
--                        NOLOGIN, members of huntzen_privileges; withActor switches to one of them
--                        with set_config('role', …, true) in the statement that opens the transaction.
--
-- The grants cannot stay on huntzen_app: it must be a member of the actor roles to switch to them,
-- and a role cannot be both member and parent of another (and a policy TO huntzen_app would then
-- apply to every actor role too).

-- ---------------------------------------------------------------- roles
DO $$
DECLARE
  actor text;
  modern boolean := current_setting('server_version_num')::int >= 160000;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'huntzen_privileges') THEN
    CREATE ROLE huntzen_privileges NOLOGIN NOBYPASSRLS NOSUPERUSER NOCREATEDB NOCREATEROLE;
  END IF;
  IF modern THEN
    -- huntzen_app inherits the grants but cannot become huntzen_privileges (it would gain nothing:
    -- no policy names it, but a role nobody needs to take is one nobody should).
    EXECUTE 'GRANT huntzen_privileges TO huntzen_app WITH INHERIT TRUE, SET FALSE';
  ELSE
    GRANT huntzen_privileges TO huntzen_app;
  END IF;
  FOREACH actor IN ARRAY ARRAY['huntzen_employee', 'huntzen_hr', 'huntzen_practitioner', 'huntzen_admin'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = actor) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN NOBYPASSRLS NOSUPERUSER NOCREATEDB NOCREATEROLE', actor);
    END IF;
    EXECUTE format('GRANT huntzen_privileges TO %I', actor);
    IF modern THEN
      EXECUTE format('GRANT %I TO huntzen_app WITH INHERIT FALSE, SET TRUE', actor);
    ELSE
      -- PostgreSQL 15 has no per-membership INHERIT: huntzen_app also gets the actor roles'
      -- policies, each a part of its own general one (they hold no grant of their own).
      EXECUTE format('GRANT %I TO huntzen_app', actor);
    END IF;
  END LOOP;
END $$;--> statement-breakpoint

-- ---------------------------------------------------------------- grants move to huntzen_privileges
-- Every privilege huntzen_app holds in this database, granted to huntzen_privileges instead (the
-- same objects, columns and privileges), then revoked from huntzen_app, which keeps them through
-- its membership. Read from the catalogs so that nothing granted by 0001–0037 is missed.
CREATE TEMPORARY TABLE app_grants AS
  SELECT 'TABLE'::text AS kind, format('%s', c.oid::regclass) AS target, NULL::text AS col, a.privilege_type
    FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
   WHERE a.grantee = 'huntzen_app'::regrole AND c.relkind <> 'S'
  UNION ALL
  SELECT 'SEQUENCE', format('%s', c.oid::regclass), NULL, a.privilege_type
    FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
   WHERE a.grantee = 'huntzen_app'::regrole AND c.relkind = 'S'
  UNION ALL
  SELECT 'COLUMN', format('%s', t.attrelid::regclass), format('%I', t.attname), a.privilege_type
    FROM pg_attribute t CROSS JOIN LATERAL aclexplode(t.attacl) a
   WHERE a.grantee = 'huntzen_app'::regrole AND NOT t.attisdropped
  UNION ALL
  SELECT 'ROUTINE', format('%s', p.oid::regprocedure), NULL, a.privilege_type
    FROM pg_proc p CROSS JOIN LATERAL aclexplode(p.proacl) a
   WHERE a.grantee = 'huntzen_app'::regrole
  UNION ALL
  SELECT 'SCHEMA', format('%I', n.nspname), NULL, a.privilege_type
    FROM pg_namespace n CROSS JOIN LATERAL aclexplode(n.nspacl) a
   WHERE a.grantee = 'huntzen_app'::regrole
  UNION ALL
  SELECT 'TYPE', format('%s', t.oid::regtype), NULL, a.privilege_type
    FROM pg_type t CROSS JOIN LATERAL aclexplode(t.typacl) a
   WHERE a.grantee = 'huntzen_app'::regrole
  UNION ALL
  SELECT 'DATABASE', format('%I', d.datname), NULL, a.privilege_type
    FROM pg_database d CROSS JOIN LATERAL aclexplode(d.datacl) a
   WHERE a.grantee = 'huntzen_app'::regrole AND d.datname = current_database()
  UNION ALL
  -- Default privileges: FOR ROLE the role that set them, IN SCHEMA theirs (none: every schema).
  SELECT 'DEFAULT',
         format('FOR ROLE %I', pg_get_userbyid(d.defaclrole))
           || CASE WHEN d.defaclnamespace = 0 THEN '' ELSE format(' IN SCHEMA %I', d.defaclnamespace::regnamespace) END,
         CASE d.defaclobjtype WHEN 'r' THEN 'TABLES' WHEN 'S' THEN 'SEQUENCES' WHEN 'f' THEN 'FUNCTIONS'
                              WHEN 'T' THEN 'TYPES' WHEN 'n' THEN 'SCHEMAS' END,
         a.privilege_type
    FROM pg_default_acl d CROSS JOIN LATERAL aclexplode(d.defaclacl) a
   WHERE a.grantee = 'huntzen_app'::regrole;--> statement-breakpoint
DO $$
DECLARE
  g record;
BEGIN
  FOR g IN SELECT * FROM app_grants ORDER BY kind LOOP
    IF g.kind = 'COLUMN' THEN
      EXECUTE format('GRANT %s (%s) ON TABLE %s TO huntzen_privileges', g.privilege_type, g.col, g.target);
    ELSIF g.kind = 'DEFAULT' THEN
      EXECUTE format('ALTER DEFAULT PRIVILEGES %s GRANT %s ON %s TO huntzen_privileges', g.target, g.privilege_type, g.col);
    ELSE
      EXECUTE format('GRANT %s ON %s %s TO huntzen_privileges', g.privilege_type, g.kind, g.target);
    END IF;
  END LOOP;
  FOR g IN SELECT * FROM app_grants ORDER BY kind LOOP
    IF g.kind = 'COLUMN' THEN
      EXECUTE format('REVOKE %s (%s) ON TABLE %s FROM huntzen_app', g.privilege_type, g.col, g.target);
    ELSIF g.kind = 'DEFAULT' THEN
      EXECUTE format('ALTER DEFAULT PRIVILEGES %s REVOKE %s ON %s FROM huntzen_app', g.target, g.privilege_type, g.col);
    ELSE
      EXECUTE format('REVOKE %s ON %s %s FROM huntzen_app', g.privilege_type, g.kind, g.target);
    END IF;
  END LOOP;
END $$;--> statement-breakpoint
DROP TABLE app_grants;--> statement-breakpoint

-- ---------------------------------------------------------------- "the application" in triggers
-- 0017 and 0021 guard employee and company columns against every application actor but the one
-- whose choice it is, and let maintenance by the owner through, by testing current_user =
-- 'huntzen_app'. The application now also runs as the actor roles: the test is whether the current
-- role is one the application runs as.
CREATE OR REPLACE FUNCTION app_runs_as_application() RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT current_user IN ('huntzen_app', 'huntzen_employee', 'huntzen_hr', 'huntzen_practitioner', 'huntzen_admin')
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION guard_journal_sentiment_opt_in() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.journal_sentiment_enabled IS DISTINCT FROM OLD.journal_sentiment_enabled
     AND app_runs_as_application()
     AND NOT (app_is_system() OR (app_role() = 'EMPLOYEE' AND NEW.id = app_employee())) THEN
    RAISE EXCEPTION 'only the employee may change their journal sentiment opt-in'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION guard_usage_sharing() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.share_usage_with_hr, NEW.usage_sharing_changed_at)
       IS DISTINCT FROM (OLD.share_usage_with_hr, OLD.usage_sharing_changed_at)
     AND app_runs_as_application()
     AND NOT (app_is_system() OR (app_role() = 'EMPLOYEE' AND NEW.id = app_employee())) THEN
    RAISE EXCEPTION 'only the employee may change what they share with HR'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION guard_min_group_size() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.min_group_size IS DISTINCT FROM OLD.min_group_size
     AND app_runs_as_application()
     AND NOT (app_is_system() OR app_is_platform_admin()
              OR (app_role() = 'ADMIN_RH' AND NEW.id = app_tenant())) THEN
    RAISE EXCEPTION 'only the company''s HR changes its minimum group size'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_runs_as_application() TO huntzen_privileges;--> statement-breakpoint

-- ---------------------------------------------------------------- consultations: one policy per role
-- 0001's tenant_isolation, arm by arm. The general policy stays huntzen_app's (SYSTEM, ANONYMOUS);
-- each actor role gets the arm that can hold for it, with the same USING and WITH CHECK. The
-- restrictive policies (0014, 0018) are everyone's and still apply to every role.
ALTER POLICY tenant_isolation ON consultations TO huntzen_app;--> statement-breakpoint
CREATE POLICY tenant_isolation_employee ON consultations TO huntzen_employee
  USING (company_id = (SELECT app_tenant()) AND employee_id = (SELECT app_employee()))
  WITH CHECK (company_id = (SELECT app_tenant()) AND employee_id = (SELECT app_employee()));--> statement-breakpoint
CREATE POLICY tenant_isolation_hr ON consultations TO huntzen_hr
  USING (company_id = (SELECT app_tenant()) AND (SELECT app_role()) = 'ADMIN_RH')
  WITH CHECK (company_id = (SELECT app_tenant()) AND (SELECT app_role()) = 'ADMIN_RH');--> statement-breakpoint
CREATE POLICY tenant_isolation_practitioner ON consultations TO huntzen_practitioner
  USING (practitioner_id = (SELECT app_practitioner()))
  WITH CHECK (practitioner_id = (SELECT app_practitioner()));--> statement-breakpoint
CREATE POLICY tenant_isolation_admin ON consultations TO huntzen_admin
  USING ((SELECT app_is_platform_admin()))
  WITH CHECK ((SELECT app_is_platform_admin()));
--> statement-breakpoint

-- ---------------------------------------------------------------- employees: one policy per role
-- 0001's tenant_isolation arm by arm, as for consultations. A practitioner reads the employees they
-- have a consultation with: 0032 moved that test into a function called once per employee row
-- (0.02 ms each), because the EXISTS it replaced ran under the consultations policy's OR; under the
-- practitioner's own consultations policy the EXISTS is one index-only probe of
-- (practitioner_id, employee_id) again (the practitioner's list of 20 upcoming consultations:
-- 1.3 ms → 0.46 ms of execution). The general practitioner_patients stays huntzen_app's.
ALTER POLICY tenant_isolation ON employees TO huntzen_app;--> statement-breakpoint
ALTER POLICY practitioner_patients ON employees TO huntzen_app;--> statement-breakpoint
CREATE POLICY tenant_isolation_employee ON employees TO huntzen_employee
  USING (company_id = (SELECT app_tenant()) AND id = (SELECT app_employee()))
  WITH CHECK (company_id = (SELECT app_tenant()) AND id = (SELECT app_employee()));--> statement-breakpoint
CREATE POLICY tenant_isolation_hr ON employees TO huntzen_hr
  USING (company_id = (SELECT app_tenant()) AND (SELECT app_role()) = 'ADMIN_RH')
  WITH CHECK (company_id = (SELECT app_tenant()) AND (SELECT app_role()) = 'ADMIN_RH');--> statement-breakpoint
CREATE POLICY tenant_isolation_admin ON employees TO huntzen_admin
  USING ((SELECT app_is_platform_admin()))
  WITH CHECK ((SELECT app_is_platform_admin()));--> statement-breakpoint
CREATE POLICY practitioner_patients_practitioner ON employees FOR SELECT TO huntzen_practitioner
  USING ((SELECT app_role()) = 'PRACTITIONER' AND EXISTS (
    SELECT 1 FROM consultations c WHERE c.employee_id = employees.id
       AND c.practitioner_id = (SELECT app_practitioner())));
