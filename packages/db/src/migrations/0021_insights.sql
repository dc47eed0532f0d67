-- Hand-written: HR usage insights (modules/insights, issue 11 §1). Reasoning in
-- docs/adr/0002-usage-insights-anonymity.md. HR never reads a usage row of the materialized view:
-- it reads thresholded aggregates through insights_usage() below, and per-employee counters only of
-- employees who chose to share them.

-- ---------------------------------------------------------------- settings (extra columns)
-- The company's minimum group size (k of k-anonymity): HR may raise it, never below 5.
ALTER TABLE companies ADD COLUMN IF NOT EXISTS min_group_size integer NOT NULL DEFAULT 5;--> statement-breakpoint
ALTER TABLE companies ADD CONSTRAINT companies_min_group_size_range CHECK (min_group_size BETWEEN 5 AND 1000);--> statement-breakpoint

-- The employee's choice to show HR their own counters (count and minutes per month). Off by
-- default; when it last changed (audited by the API as well).
ALTER TABLE employees ADD COLUMN IF NOT EXISTS share_usage_with_hr boolean NOT NULL DEFAULT false;--> statement-breakpoint
ALTER TABLE employees ADD COLUMN IF NOT EXISTS usage_sharing_changed_at timestamp with time zone;--> statement-breakpoint

-- HR and platform admins may update employee rows (0001 tenant_isolation): the sharing choice is
-- the employee's alone (or the system actor's, e.g. account erasure), as 0017 does for its opt-in.
CREATE OR REPLACE FUNCTION guard_usage_sharing() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.share_usage_with_hr, NEW.usage_sharing_changed_at)
       IS DISTINCT FROM (OLD.share_usage_with_hr, OLD.usage_sharing_changed_at)
     AND current_user = 'huntzen_app'
     AND NOT (app_is_system() OR (app_role() = 'EMPLOYEE' AND NEW.id = app_employee())) THEN
    RAISE EXCEPTION 'only the employee may change what they share with HR'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
DROP TRIGGER IF EXISTS employees_guard_usage_sharing ON employees;--> statement-breakpoint
CREATE TRIGGER employees_guard_usage_sharing BEFORE UPDATE OF share_usage_with_hr, usage_sharing_changed_at
  ON employees FOR EACH ROW EXECUTE FUNCTION guard_usage_sharing();--> statement-breakpoint

-- The minimum group size is HR's (its company) or the platform's to change; the CHECK above keeps
-- it at 5 or more whoever writes.
CREATE OR REPLACE FUNCTION guard_min_group_size() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.min_group_size IS DISTINCT FROM OLD.min_group_size
     AND current_user = 'huntzen_app'
     AND NOT (app_is_system() OR app_is_platform_admin()
              OR (app_role() = 'ADMIN_RH' AND NEW.id = app_tenant())) THEN
    RAISE EXCEPTION 'only the company''s HR changes its minimum group size'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
DROP TRIGGER IF EXISTS companies_guard_min_group_size ON companies;--> statement-breakpoint
CREATE TRIGGER companies_guard_min_group_size BEFORE UPDATE OF min_group_size
  ON companies FOR EACH ROW EXECUTE FUNCTION guard_min_group_size();--> statement-breakpoint

-- ---------------------------------------------------------------- per-employee counters
-- 0001 let ADMIN_RH read every row of its company in company_employee_usage. Narrowed: HR reads
-- the rows of employees who share their counters (checked live, so switching off hides them at
-- once, before the next refresh); an employee reads their own rows ("what my HR sees").
CREATE OR REPLACE VIEW company_employee_usage WITH (security_barrier) AS
  SELECT * FROM employee_usage_stats s
  WHERE (SELECT app_is_system()) OR (SELECT app_is_platform_admin())
     OR ((SELECT app_role()) = 'EMPLOYEE' AND s.employee_id = (SELECT app_employee()))
     OR ((SELECT app_role()) = 'ADMIN_RH' AND s.company_id = (SELECT app_tenant())
         AND EXISTS (SELECT 1 FROM employees e
                     WHERE e.id = s.employee_id AND e.company_id = s.company_id AND e.share_usage_with_hr));--> statement-breakpoint

-- ---------------------------------------------------------------- thresholded aggregates
-- Head counts per department of the caller's company (HR's employee list shows them anyway):
-- `members` every account, `protected` those who do not share their counters (their figures are
-- the ones anonymity protects: a sharer's are known to HR). The API chooses from these which
-- departments to suppress (complementary suppression, modules/insights/anonymity.ts) and passes
-- the choice to insights_usage(), which refuses any choice that would isolate a small group.
-- Department key: trimmed, '' for none.
CREATE OR REPLACE FUNCTION insights_department_sizes()
  RETURNS TABLE (department text, members integer, protected integer)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF app_role() IS DISTINCT FROM 'ADMIN_RH' OR app_tenant() IS NULL THEN
    RAISE EXCEPTION 'usage insights are for HR' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN QUERY
    SELECT coalesce(btrim(e.department), '') AS department, count(*)::integer,
           (count(*) FILTER (WHERE NOT e.share_usage_with_hr))::integer
      FROM employees e
     WHERE e.company_id = app_tenant()
     GROUP BY 1
     ORDER BY 1;
END $$;--> statement-breakpoint

-- The usage of HR's company over the months [p_from, p_to] (first days of months), by month or by
-- department, from employee_usage_stats (counts and minutes) and consultations (first sessions).
-- p_hidden: the departments the API suppresses; they form one "rest" group R, shown nowhere but
-- inside the total. Guarantees, whatever the arguments (see the ADR):
--   * every group of the partition (each visible department, R) has 0 or >= k protected members,
--     else the call fails;
--   * a month of a group counts (anywhere: group, month, total) only from the month its k-th
--     protected member had joined ("reportable"), so no figure covers fewer than k protected people
--     even when HR knows the join dates; everything else is left out of every figure;
--   * figures of a visible department or month are returned; R's never on their own;
--   * a median of days to first consultation needs k first consultations, else NULL.
-- Rows: kind 'group' (key: department or 'YYYY-MM') and one 'total' row (key NULL). A group row
-- with reportable = false carries no figure.
CREATE OR REPLACE FUNCTION insights_usage(p_from date, p_to date, p_group_by text, p_hidden text[])
  RETURNS TABLE (kind text, key text, reportable boolean, employees integer, active_employees integer,
                 consultations bigint, minutes bigint, first_consultations integer, median_days numeric)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_company uuid := app_tenant();
  v_k integer;
  v_from timestamptz := date_trunc('month', p_from::timestamptz);
  v_to timestamptz := date_trunc('month', p_to::timestamptz);
  v_bad text;
BEGIN
  IF app_role() IS DISTINCT FROM 'ADMIN_RH' OR v_company IS NULL THEN
    RAISE EXCEPTION 'usage insights are for HR' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_group_by NOT IN ('month', 'department') OR v_from > v_to OR v_to > v_from + interval '60 months' THEN
    RAISE EXCEPTION 'bad period or grouping' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT c.min_group_size INTO v_k FROM companies c WHERE c.id = v_company;

  -- The partition must not isolate a small group of protected (non-sharing) people.
  SELECT g INTO v_bad FROM (
    SELECT CASE WHEN coalesce(btrim(e.department), '') = ANY (coalesce(p_hidden, '{}')) THEN NULL
                ELSE coalesce(btrim(e.department), '') END AS g,
           count(*) FILTER (WHERE NOT e.share_usage_with_hr) AS n
      FROM employees e WHERE e.company_id = v_company GROUP BY 1) p
   WHERE p.n > 0 AND p.n < v_k LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'this suppression would reveal a group smaller than %', v_k
      USING ERRCODE = 'insufficient_privilege';
  END IF;

  RETURN QUERY
  WITH members AS (
    SELECT e.id, coalesce(btrim(e.department), '') AS dept,
           -- The partition group: 'd:<department>' when visible, 'r' for the suppressed rest
           -- (text keys, so joins hash).
           CASE WHEN coalesce(btrim(e.department), '') = ANY (coalesce(p_hidden, '{}')) THEN 'r'
                ELSE 'd:' || coalesce(btrim(e.department), '') END AS grp,
           date_trunc('month', e.created_at) AS joined, e.created_at, e.share_usage_with_hr AS shares
      FROM employees e WHERE e.company_id = v_company
  ),
  -- The month from which a group is reportable: its k-th protected member's joining month (a
  -- group of sharers only is known to HR anyway: reportable from its first member).
  ranked AS (
    SELECT m.grp, m.joined, row_number() OVER (PARTITION BY m.grp ORDER BY m.joined) AS r
      FROM members m WHERE NOT m.shares
  ),
  starts AS (
    SELECT g.grp, coalesce(k.joined, CASE WHEN g.protected = 0 THEN g.first_joined END) AS start
      FROM (SELECT m.grp, min(m.joined) AS first_joined, count(*) FILTER (WHERE NOT m.shares) AS protected
              FROM members m GROUP BY m.grp) g
      LEFT JOIN ranked k ON k.grp = g.grp AND k.r = v_k
  ),
  -- Reportable usage cells (one employee, one month); dkey: the visible department (R: NULL).
  cells AS (
    SELECT m.id, s.period, s.consultation_count AS n, s.total_duration_minutes AS minutes,
           CASE WHEN m.grp <> 'r' THEN m.dept END AS dkey
      FROM employee_usage_stats s
      JOIN members m ON m.id = s.employee_id
      JOIN starts st ON st.grp = m.grp
     WHERE s.company_id = v_company AND s.period >= v_from AND s.period <= v_to
       AND st.start IS NOT NULL AND s.period >= st.start
  ),
  -- One row per employee and answer group (hash aggregates; no DISTINCT sort).
  per_employee AS (
    SELECT CASE WHEN p_group_by = 'month' THEN c.period END AS gperiod, c.dkey, c.id,
           sum(c.n) AS n, sum(c.minutes) AS minutes
      FROM cells c GROUP BY 1, 2, 3
  ),
  -- First completed billable consultation of each employee whose first counted month (in the
  -- view) is reportable and in the period; its exact time from consultations (an index probe per
  -- such employee: idx_consultations_employee_scheduled).
  firsts AS (
    SELECT CASE WHEN p_group_by = 'month' THEN to_char(fm.first_month, 'YYYY-MM')
                WHEN m.grp <> 'r' THEN m.dept END AS gkey,
           greatest(0, floor(extract(epoch FROM (f.first_at - m.created_at)) / 86400))::numeric AS days
      FROM (SELECT s.employee_id, min(s.period) AS first_month FROM employee_usage_stats s
             WHERE s.company_id = v_company AND s.period IS NOT NULL GROUP BY s.employee_id) fm
      JOIN members m ON m.id = fm.employee_id
      JOIN starts st ON st.grp = m.grp
      CROSS JOIN LATERAL (
        SELECT min(c.scheduled_at) AS first_at FROM consultations c
         WHERE c.employee_id = fm.employee_id AND c.status = 'COMPLETED' AND c.is_billable
           AND c.scheduled_at >= fm.first_month AND c.scheduled_at < fm.first_month + interval '1 month') f
     WHERE fm.first_month >= v_from AND fm.first_month <= v_to
       AND st.start IS NOT NULL AND fm.first_month >= st.start AND f.first_at IS NOT NULL
  ),
  usage AS (
    SELECT CASE WHEN p_group_by = 'month' THEN to_char(e.gperiod, 'YYYY-MM') ELSE e.dkey END AS gkey,
           (count(*) FILTER (WHERE e.n > 0))::integer AS active,
           sum(e.n)::bigint AS n, sum(e.minutes)::bigint AS minutes
      FROM per_employee e WHERE p_group_by = 'month' OR e.dkey IS NOT NULL GROUP BY 1
  ),
  first_usage AS (
    SELECT f.gkey, count(*)::integer AS n,
           CASE WHEN count(*) >= v_k THEN percentile_cont(0.5) WITHIN GROUP (ORDER BY f.days)::numeric END AS median
      FROM firsts f GROUP BY f.gkey
  ),
  -- The answer's groups and how many accounts each counts (0: not reportable in this period).
  -- A month counts the accounts of the groups reportable in it; a visible department its
  -- accounts once it is reportable by the end of the period; a suppressed department nothing.
  counted AS (
    SELECT greatest(m.joined, st.start) AS since
      FROM members m JOIN starts st ON st.grp = m.grp WHERE st.start IS NOT NULL
  ),
  groups AS (
    SELECT to_char(mo, 'YYYY-MM') AS gkey, count(c.since)::integer AS n
      FROM generate_series(v_from, v_to, interval '1 month') AS mo
      LEFT JOIN counted c ON c.since <= mo
     WHERE p_group_by = 'month' GROUP BY mo
    UNION ALL
    SELECT m.dept,
           CASE WHEN m.grp <> 'r' AND bool_or(st.start IS NOT NULL AND st.start <= v_to)
                THEN count(*) ELSE 0 END::integer
      FROM members m JOIN starts st ON st.grp = m.grp
     WHERE p_group_by = 'department' GROUP BY m.dept, m.grp
  )
  SELECT 'group'::text, g.gkey, g.n > 0,
         CASE WHEN g.n > 0 THEN g.n END,
         CASE WHEN g.n > 0 THEN coalesce(u.active, 0) END,
         CASE WHEN g.n > 0 THEN coalesce(u.n, 0) END,
         CASE WHEN g.n > 0 THEN coalesce(u.minutes, 0) END,
         CASE WHEN g.n > 0 THEN coalesce(fu.n, 0) END,
         CASE WHEN g.n > 0 THEN fu.median END
    FROM groups g
    LEFT JOIN usage u ON u.gkey = g.gkey
    LEFT JOIN first_usage fu ON fu.gkey = g.gkey
  UNION ALL
  SELECT 'total'::text, NULL::text, true,
         (SELECT count(*) FROM members)::integer,
         (SELECT count(*) FROM (SELECT c.id FROM cells c WHERE c.n > 0 GROUP BY c.id) a)::integer,
         (SELECT coalesce(sum(c.n), 0) FROM cells c)::bigint,
         (SELECT coalesce(sum(c.minutes), 0) FROM cells c)::bigint,
         (SELECT count(*) FROM firsts)::integer,
         (SELECT CASE WHEN count(*) >= v_k THEN percentile_cont(0.5) WITHIN GROUP (ORDER BY f.days)::numeric END
            FROM firsts f);
END $$;--> statement-breakpoint

REVOKE ALL ON FUNCTION insights_department_sizes() FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION insights_usage(date, date, text, text[]) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION insights_department_sizes() TO huntzen_app;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION insights_usage(date, date, text, text[]) TO huntzen_app;
