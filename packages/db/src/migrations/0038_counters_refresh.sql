-- Issue 13: the counters' refresh (the 5-minute job: refresh_employee_stats(),
-- refresh_practitioner_stats(), REFRESH … CONCURRENTLY so that HR's and the admins' reads never
-- wait). Same views, same rows, same columns and unique indexes (the spec's), same functions; the
-- refresh costs less. Numbers in docs/scaling.md ("Read paths").
--
-- Where a concurrent refresh spends its time (EXPLAIN of its inner statements, auto_explain, at
-- db:demo volume: 1 M consultations, 106 000 and 58 650 rows in the views):
--   1. the defining SELECT, written into a temporary table;
--   2. ANALYZE of that table (30 000 sampled rows at the default statistics target: 0.1 s of CPU);
--   3. the duplicate-row check (cheap since 0032's always-NULL column);
--   4. the diff: a FULL JOIN of the view and the new rows on the unique index, compared as whole
--      records (0.2–0.4 s; its hash of the view's 106 000 rows spilled to 4 batches at 4 MB);
--   5. DELETE and INSERT of the rows that differ (rows with a NULL key — an employee without a
--      counted month, a practitioner without a counted consultation — never match `=` in the diff,
--      so they are deleted and inserted again each time: 2 150 rows here, cheap).
-- And with JIT (PostgreSQL 15 built with LLVM), 0.3 s of compilation: the duplicate check is
-- estimated at 10^6 (a self-join of the new rows) though it returns nothing.
--
-- Changes:
--   * The SELECTs aggregate consultations first, by the view's keys, then join the employee or
--     practitioner. Same rows (the GROUP BY keys of 0032 were the person and the consultation's
--     month and company; the person's other columns depend on the person), but the planner now
--     estimates the groups (100 000 instead of 640 000), the aggregation carries no names, and it
--     may run in parallel: the SELECT takes about half the time, and the refresh with it.
--   * The refresh functions run with work_mem = 32MB (the diff's hash of the view and the
--     aggregation fit in memory at this volume instead of spilling to disk; one refresh at a time,
--     every 5 minutes), jit = off (compilation cost more than each of its statements saved) and
--     default_statistics_target = 10 (the refresh's own ANALYZE of its two temporary tables samples
--     3 000 rows: enough to plan the diff, one hash join; no statistics of a real table change).
--
-- Rebuilding a materialized view drops its dependants: the two security-barrier views are
-- recreated as 0032 left them, with the grants they had (read from the catalog, whichever role
-- holds them). No CASCADE: an unexpected dependant stops this migration instead of vanishing.

CREATE TEMPORARY TABLE counters_grants AS
  SELECT c.relname::text AS relname, a.privilege_type,
         CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END AS grantee
    FROM pg_class c
   CROSS JOIN LATERAL aclexplode(c.relacl) a
    LEFT JOIN pg_roles r ON r.oid = a.grantee
   WHERE c.relnamespace = 'public'::regnamespace
     AND c.relname IN ('employee_usage_stats', 'practitioner_billing_stats',
                       'company_employee_usage', 'practitioner_billing')
     AND a.grantee <> c.relowner;--> statement-breakpoint
DROP VIEW company_employee_usage;--> statement-breakpoint
DROP VIEW practitioner_billing;--> statement-breakpoint
DROP MATERIALIZED VIEW employee_usage_stats;--> statement-breakpoint
DROP MATERIALIZED VIEW practitioner_billing_stats;--> statement-breakpoint

-- One row per employee and month of completed billable consultations; an employee without any:
-- one row with a NULL period and zero counts (the LEFT JOIN of 0032).
CREATE MATERIALIZED VIEW employee_usage_stats AS
SELECT
  e.id AS employee_id,
  e.company_id,
  e.first_name,
  e.last_name,
  e.department,
  m.period,
  coalesce(m.consultation_count, 0) AS consultation_count,
  coalesce(m.total_duration_minutes, 0) AS total_duration_minutes,
  m.last_consultation_date,
  NULL::boolean AS refresh_unchecked
FROM employees e
LEFT JOIN (
  SELECT c.employee_id,
         date_trunc('month', c.scheduled_at) AS period,
         count(*) AS consultation_count,
         sum(c.actual_duration) AS total_duration_minutes,
         max(c.scheduled_at) AS last_consultation_date
    FROM consultations c
   WHERE c.status = 'COMPLETED' AND c.is_billable = true
   GROUP BY c.employee_id, date_trunc('month', c.scheduled_at)
) m ON m.employee_id = e.id
WITH NO DATA;--> statement-breakpoint
CREATE UNIQUE INDEX employee_usage_stats_employee_id_period_idx
  ON employee_usage_stats (employee_id, period) NULLS NOT DISTINCT;--> statement-breakpoint
CREATE INDEX employee_usage_stats_company_period_idx ON employee_usage_stats (company_id, period);--> statement-breakpoint

-- One row per practitioner, company and month of completed consultations validated or billed; a
-- practitioner without any: one row with a NULL company and period and zero counts.
CREATE MATERIALIZED VIEW practitioner_billing_stats AS
SELECT
  p.id AS practitioner_id,
  p.first_name,
  p.last_name,
  p.specialty,
  m.company_id,
  m.period,
  coalesce(m.consultation_count, 0) AS consultation_count,
  coalesce(m.total_duration_minutes, 0) AS total_duration_minutes,
  m.avg_duration_minutes,
  NULL::boolean AS refresh_unchecked
FROM practitioners p
LEFT JOIN (
  SELECT c.practitioner_id,
         c.company_id,
         date_trunc('month', c.scheduled_at) AS period,
         count(*) AS consultation_count,
         sum(c.actual_duration) AS total_duration_minutes,
         avg(c.actual_duration) AS avg_duration_minutes
    FROM consultations c
   WHERE c.status = 'COMPLETED' AND c.billing_status IN ('VALIDATED', 'BILLED')
   GROUP BY c.practitioner_id, c.company_id, date_trunc('month', c.scheduled_at)
) m ON m.practitioner_id = p.id
WITH NO DATA;--> statement-breakpoint
CREATE UNIQUE INDEX practitioner_billing_stats_practitioner_id_company_id_period_idx
  ON practitioner_billing_stats (practitioner_id, company_id, period) NULLS NOT DISTINCT;--> statement-breakpoint
CREATE INDEX practitioner_billing_stats_period_company_idx
  ON practitioner_billing_stats (period, company_id);--> statement-breakpoint

-- The refresh functions keep their names, bodies, owner and grants (0032); only their settings.
ALTER FUNCTION refresh_employee_stats() SET work_mem = '32MB';--> statement-breakpoint
ALTER FUNCTION refresh_employee_stats() SET jit = off;--> statement-breakpoint
ALTER FUNCTION refresh_employee_stats() SET default_statistics_target = 10;--> statement-breakpoint
ALTER FUNCTION refresh_practitioner_stats() SET work_mem = '32MB';--> statement-breakpoint
ALTER FUNCTION refresh_practitioner_stats() SET jit = off;--> statement-breakpoint
ALTER FUNCTION refresh_practitioner_stats() SET default_statistics_target = 10;--> statement-breakpoint
-- Not populated yet: the functions fill them (a plain refresh), then their statistics, so that
-- the readers' plans (one company's or one person's rows through an index) do not wait for
-- autovacuum.
SELECT refresh_employee_stats();--> statement-breakpoint
SELECT refresh_practitioner_stats();--> statement-breakpoint
ANALYZE employee_usage_stats;--> statement-breakpoint
ANALYZE practitioner_billing_stats;--> statement-breakpoint

-- ---------------------------------------------------------------- counters' security-barrier views
-- As 0032 (one UNION ALL branch per role, each gated by a one-time filter on the role).
CREATE VIEW company_employee_usage WITH (security_barrier) AS
  SELECT s.employee_id, s.company_id, s.first_name, s.last_name, s.department, s.period,
         s.consultation_count, s.total_duration_minutes, s.last_consultation_date
    FROM employee_usage_stats s
   WHERE (SELECT app_is_system()) OR (SELECT app_is_platform_admin())
  UNION ALL
  SELECT s.employee_id, s.company_id, s.first_name, s.last_name, s.department, s.period,
         s.consultation_count, s.total_duration_minutes, s.last_consultation_date
    FROM employee_usage_stats s
   WHERE (SELECT app_role()) = 'EMPLOYEE' AND s.employee_id = (SELECT app_employee())
  UNION ALL
  SELECT s.employee_id, s.company_id, s.first_name, s.last_name, s.department, s.period,
         s.consultation_count, s.total_duration_minutes, s.last_consultation_date
    FROM employee_usage_stats s
   WHERE (SELECT app_role()) = 'ADMIN_RH' AND s.company_id = (SELECT app_tenant())
     AND EXISTS (SELECT 1 FROM employees e
                 WHERE e.id = s.employee_id AND e.company_id = s.company_id AND e.share_usage_with_hr);--> statement-breakpoint
CREATE VIEW practitioner_billing WITH (security_barrier) AS
  SELECT s.practitioner_id, s.first_name, s.last_name, s.specialty, s.company_id, s.period,
         s.consultation_count, s.total_duration_minutes, s.avg_duration_minutes
    FROM practitioner_billing_stats s
   WHERE (SELECT app_is_system()) OR (SELECT app_is_platform_admin())
  UNION ALL
  SELECT s.practitioner_id, s.first_name, s.last_name, s.specialty, s.company_id, s.period,
         s.consultation_count, s.total_duration_minutes, s.avg_duration_minutes
    FROM practitioner_billing_stats s
   WHERE NOT ((SELECT app_is_system()) OR (SELECT app_is_platform_admin()))
     AND s.practitioner_id = (SELECT app_practitioner());--> statement-breakpoint

-- Exactly the grants the four relations had: first none but the owner's (default privileges may
-- have granted some on creation), then the saved ones.
DO $$
DECLARE
  g record;
BEGIN
  FOR g IN
    SELECT c.relname, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END AS grantee
      FROM pg_class c
     CROSS JOIN LATERAL aclexplode(c.relacl) a
      LEFT JOIN pg_roles r ON r.oid = a.grantee
     WHERE c.relnamespace = 'public'::regnamespace
       AND c.relname IN ('employee_usage_stats', 'practitioner_billing_stats',
                         'company_employee_usage', 'practitioner_billing')
       AND a.grantee <> c.relowner
  LOOP
    EXECUTE format('REVOKE ALL ON %I FROM %s', g.relname, g.grantee);
  END LOOP;
  FOR g IN SELECT * FROM counters_grants LOOP
    EXECUTE format('GRANT %s ON %I TO %s', g.privilege_type, g.relname, g.grantee);
  END LOOP;
END $$;--> statement-breakpoint
DROP TABLE counters_grants;
