-- Hand-written (issue #13): functions that PostgreSQL parsed and planned again on every call.
-- A profile of the server under the free-slots route (perf, 32 connections) put half of
-- PostgreSQL's time in the planner, called from inside these functions:
-- - A LANGUAGE sql function that is not inlined (SECURITY DEFINER ones never are) keeps its parsed
--   and planned body only for the statement that calls it: every request parsed and planned it
--   anew. PL/pgSQL keeps the plans of its statements for the connection's life, so the same query
--   in PL/pgSQL is planned once per connection (a generic plan when it costs no more than the
--   custom ones, PostgreSQL's usual choice).
-- - practitioner_busy_times planned its query with the values of every call (force_custom_plan),
--   about 0.35 ms for a query that runs in 0.1 ms, because one generic plan could not serve both
--   one practitioner and hundreds of them (0012). Now each has its own statement: one
--   practitioner's (the slots route, every booking) is an equality on practitioner_id, whose
--   generic plan is the custom one (the busy-times index on practitioner_id and scheduled_at);
--   many practitioners' (the directory) is still planned with the call's values, by EXECUTE.
-- Measured on one connection (pgbench, prepared, the analytics bench's 1 M consultations):
--   require_live_session 0.175 → 0.097 ms a call (SELECT 1: 0.063), session_is_live 0.171 →
--   0.094 ms, practitioner_busy_times for one practitioner over 7 days 0.51 → 0.16 ms, for all 500
--   the same (1.2 → 1.1 ms), directory_search('stress') 0.32 → 0.12 ms.
-- Same signatures, answers, rights (CREATE OR REPLACE keeps the grants) and SECURITY DEFINER
-- settings; only the bodies' language and the busy times' plan_cache_mode change.

-- 0027's answer, as PL/pgSQL.
CREATE OR REPLACE FUNCTION session_is_live(p_user uuid, p_family uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN EXISTS (
    SELECT 1 FROM users u
     WHERE u.id = p_user AND u.is_active
       AND EXISTS (SELECT 1 FROM refresh_tokens r
                    WHERE r.family_id = p_family AND r.user_id = p_user
                      AND r.revoked_at IS NULL AND r.expires_at > now()));
END
$$;--> statement-breakpoint

-- 0037's check, with session_is_live's query in its own body: one function call a request, not two.
CREATE OR REPLACE FUNCTION require_live_session(p_user uuid, p_family uuid) RETURNS void
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM users u
     WHERE u.id = p_user AND u.is_active
       AND EXISTS (SELECT 1 FROM refresh_tokens r
                    WHERE r.family_id = p_family AND r.user_id = p_user
                      AND r.revoked_at IS NULL AND r.expires_at > now())) THEN
    RAISE EXCEPTION 'this session has ended' USING ERRCODE = 'HZ401';
  END IF;
END
$$;--> statement-breakpoint

-- 0012/0013's busy times: the same rows in the same order, for the same callers.
CREATE OR REPLACE FUNCTION practitioner_busy_times(practitioner_ids uuid[], range_from timestamptz, range_to timestamptz)
  RETURNS TABLE (practitioner_id uuid, starts_at timestamptz, ends_at timestamptz)
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  -- (CREATE OR REPLACE sets the function's settings anew: 0012's plan_cache_mode is gone.)
  AS $$
BEGIN
  IF cardinality(practitioner_ids) = 1 THEN
    RETURN QUERY
    SELECT c.practitioner_id, c.scheduled_at, c.scheduled_end_at
      FROM consultations c
      JOIN practitioners p ON p.id = c.practitioner_id
     WHERE c.practitioner_id = practitioner_ids[1]
       AND c.status <> 'CANCELLED'
       -- A consultation lasts less than a day (0013 checks it): bounds the index range.
       AND c.scheduled_at >= range_from - interval '1 day'
       AND c.scheduled_at < range_to
       AND c.scheduled_end_at > range_from
       AND ((SELECT app_is_system()) OR (SELECT app_is_platform_admin())
            OR p.id = (SELECT app_practitioner())
            OR ((SELECT app_is_authenticated()) AND p.is_validated AND p.is_active))
     ORDER BY c.scheduled_at;
    RETURN;
  END IF;
  RETURN QUERY EXECUTE $query$
    SELECT c.practitioner_id, c.scheduled_at, c.scheduled_end_at
      FROM consultations c
      JOIN practitioners p ON p.id = c.practitioner_id
     WHERE c.practitioner_id = ANY ($1)
       AND c.status <> 'CANCELLED'
       AND c.scheduled_at >= $2 - interval '1 day'
       AND c.scheduled_at < $3
       AND c.scheduled_end_at > $2
       AND ((SELECT app_is_system()) OR (SELECT app_is_platform_admin())
            OR p.id = (SELECT app_practitioner())
            OR ((SELECT app_is_authenticated()) AND p.is_validated AND p.is_active))
     ORDER BY c.practitioner_id, c.scheduled_at $query$
    USING practitioner_ids, range_from, range_to;
END
$$;--> statement-breakpoint

-- 0031's search box, as PL/pgSQL (ROWS 50 kept: the planner's guess of a search's matches).
CREATE OR REPLACE FUNCTION directory_search(query tsquery) RETURNS TABLE (practitioner_id uuid, rank float8)
  LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 50 SET search_path = public, pg_temp AS $$
BEGIN
  RETURN QUERY
  SELECT p.id, ts_rank(d.document, query)::float8
    FROM practitioner_search_documents d
    JOIN practitioners p ON p.id = d.practitioner_id
   WHERE app_is_authenticated() AND p.is_validated AND p.is_active
     AND d.document @@ query;
END
$$;
