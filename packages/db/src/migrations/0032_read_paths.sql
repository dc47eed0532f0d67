-- Issue 13: read paths at db:demo volume (1 M consultations, 500 practitioners, 10 000 employees).
-- Nothing here changes who may read what: the same rows, reached through an index. Numbers in
-- docs/scaling.md ("Read paths").

-- ---------------------------------------------------------------- "upcoming" lists
-- An upcoming consultation is IN_PROGRESS, or SCHEDULED/CONFIRMED and not yet over
-- (CONSULTATION_LISTING, @huntzen/contracts). The (practitioner|employee, scheduled_at) indexes
-- hold a whole year of past rows before the first upcoming one, and `scheduled_end_at > now()`
-- cannot bound them: these indexes hold only the rows of those three statuses, in the list's keyset
-- order (the repository states the status list as a plain condition, which matches the predicate).
CREATE INDEX IF NOT EXISTS idx_consultations_practitioner_upcoming
  ON consultations (practitioner_id, scheduled_at, id)
  WHERE status IN ('SCHEDULED', 'CONFIRMED', 'IN_PROGRESS');--> statement-breakpoint
CREATE INDEX IF NOT EXISTS idx_consultations_employee_upcoming
  ON consultations (employee_id, scheduled_at, id)
  WHERE status IN ('SCHEDULED', 'CONFIRMED', 'IN_PROGRESS');--> statement-breakpoint
-- Platform admins' list (every consultation).
CREATE INDEX IF NOT EXISTS idx_consultations_upcoming
  ON consultations (scheduled_at, id)
  WHERE status IN ('SCHEDULED', 'CONFIRMED', 'IN_PROGRESS');--> statement-breakpoint

-- ---------------------------------------------------------------- practitioner_patients
-- 0001 ran, for every employee row a practitioner's query touches, an EXISTS over consultations
-- under their own policy: planned with that policy's OR (planning time on every statement), and
-- probed through (employee_id, scheduled_at), i.e. the employee's whole history, fetching each row
-- to test the practitioner. Now one index probe of (practitioner_id, employee_id) per row, in a
-- function run by the owner: the same answer, since the EXISTS could only see, through the
-- consultations policy, rows with `practitioner_id = app_practitioner()`, which it asked anyway.
-- (Measured against an InitPlan of the practitioner's patients as an array: as fast on a page of
-- rows, but it grows with the practitioner's whole history.)
CREATE INDEX IF NOT EXISTS idx_consultations_practitioner_employee
  ON consultations (practitioner_id, employee_id);--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_is_practitioner_patient(employee uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM consultations c
                  WHERE c.practitioner_id = app_practitioner() AND c.employee_id = employee)
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION app_is_practitioner_patient(uuid) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_is_practitioner_patient(uuid) TO huntzen_app;--> statement-breakpoint
ALTER POLICY practitioner_patients ON employees
  USING ((SELECT app_role()) = 'PRACTITIONER' AND app_is_practitioner_patient(id));--> statement-breakpoint

-- ---------------------------------------------------------------- counters (materialized views)
-- REFRESH … CONCURRENTLY (the 5-minute job) took 2.5–3.5× its defining SELECT at 1 M
-- consultations. About as long as the SELECT itself goes to PostgreSQL's check that the new data
-- holds no two identical rows (a self-join of the new rows sorted on the whole record, skipped for
-- rows with a NULL column); the rest is building the new data (the SELECT), its diff against the
-- view and the changes. These queries cannot produce two identical rows: each is a GROUP BY whose
-- keys determine every other column (one row per employee and month; per practitioner, company and
-- month). So each view gets one more column, always NULL, which exempts every row from that check; the spec's columns, the unique indexes the
-- concurrent refresh needs and the refresh functions' names are unchanged. The refresh now costs
-- about the SELECT plus the diff (docs/scaling.md, "Read paths").
-- Rebuilding a materialized view drops its dependants: the two security-barrier views are
-- recreated below. No CASCADE: an unexpected dependant stops this migration instead of vanishing.
DROP VIEW IF EXISTS company_employee_usage;--> statement-breakpoint
DROP VIEW IF EXISTS practitioner_billing;--> statement-breakpoint
DROP MATERIALIZED VIEW employee_usage_stats;--> statement-breakpoint
DROP MATERIALIZED VIEW practitioner_billing_stats;--> statement-breakpoint
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
  max(c.scheduled_at) AS last_consultation_date,
  NULL::boolean AS refresh_unchecked
FROM employees e
LEFT JOIN consultations c ON c.employee_id = e.id
  AND c.status = 'COMPLETED'
  AND c.is_billable = true
GROUP BY e.id, e.company_id, e.first_name, e.last_name, e.department, date_trunc('month', c.scheduled_at)
WITH NO DATA;--> statement-breakpoint
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
  avg(c.actual_duration) AS avg_duration_minutes,
  NULL::boolean AS refresh_unchecked
FROM practitioners p
LEFT JOIN consultations c ON c.practitioner_id = p.id
  AND c.status = 'COMPLETED'
  AND c.billing_status IN ('VALIDATED', 'BILLED')
GROUP BY p.id, p.first_name, p.last_name, p.specialty, c.company_id, date_trunc('month', c.scheduled_at)
WITH NO DATA;--> statement-breakpoint
CREATE UNIQUE INDEX practitioner_billing_stats_practitioner_id_company_id_period_idx
  ON practitioner_billing_stats (practitioner_id, company_id, period) NULLS NOT DISTINCT;--> statement-breakpoint
CREATE INDEX practitioner_billing_stats_period_company_idx
  ON practitioner_billing_stats (period, company_id);--> statement-breakpoint
-- The application role never reads them directly (0001); new relations got the default grants.
REVOKE ALL ON employee_usage_stats, practitioner_billing_stats FROM huntzen_app;--> statement-breakpoint

-- The same functions (grants kept), which also fill a view not yet populated (a concurrent refresh
-- refuses one): right below, and after a restore of a dump taken without data. Both count months
-- in UTC whatever the session's time zone (the employees' was the session's until now).
CREATE OR REPLACE FUNCTION refresh_employee_stats() RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET timezone TO 'UTC' AS $$
BEGIN
  IF (SELECT relispopulated FROM pg_class WHERE oid = 'employee_usage_stats'::regclass) THEN
    REFRESH MATERIALIZED VIEW CONCURRENTLY employee_usage_stats;
  ELSE
    REFRESH MATERIALIZED VIEW employee_usage_stats;
  END IF;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION refresh_practitioner_stats() RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET timezone TO 'UTC' AS $$
BEGIN
  IF (SELECT relispopulated FROM pg_class WHERE oid = 'practitioner_billing_stats'::regclass) THEN
    REFRESH MATERIALIZED VIEW CONCURRENTLY practitioner_billing_stats;
  ELSE
    REFRESH MATERIALIZED VIEW practitioner_billing_stats;
  END IF;
END $$;--> statement-breakpoint
SELECT refresh_employee_stats();--> statement-breakpoint
SELECT refresh_practitioner_stats();--> statement-breakpoint

-- ---------------------------------------------------------------- counters' security-barrier views
-- 0001/0021 filtered each view with one OR over the actor's role: the planner cannot turn an OR of
-- settings into an index condition, so HR's company (or a practitioner's own rows) was found by a
-- sequential scan of the whole materialized view. The same rows as a UNION ALL of one branch per
-- role: the branches exclude each other (one role per actor; the second branch of
-- practitioner_billing excludes the first explicitly, as 0001 asked no role there), so no row
-- appears twice; each branch is gated by a one-time filter on the role (a branch that is not the
-- actor's costs nothing), and the live branch filters on an indexed column. Same columns as before
-- (the spec's), same rights.
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
REVOKE ALL ON company_employee_usage, practitioner_billing FROM huntzen_app;--> statement-breakpoint
GRANT SELECT ON company_employee_usage, practitioner_billing TO huntzen_app;
