-- Hand-written (issue #13): the session check of a signed-in request rides the first transaction
-- the request opens, in the same round trip as BEGIN and the actor's settings, instead of a
-- statement of its own before it. The request fails there, before any of its statements runs, when
-- the session has ended (logout, "log out everywhere", password change, deactivated account): the
-- error's SQLSTATE, HZ401, tells the application to answer 401. Same answer as session_is_live
-- (migration 0027), from which it reads.
CREATE OR REPLACE FUNCTION require_live_session(p_user uuid, p_family uuid) RETURNS void
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT session_is_live(p_user, p_family) THEN
    RAISE EXCEPTION 'this session has ended' USING ERRCODE = 'HZ401';
  END IF;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION require_live_session(uuid, uuid) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION require_live_session(uuid, uuid) TO huntzen_app;
