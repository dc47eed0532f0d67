-- The access guard asks on every authenticated request (and at every socket handshake and file
-- download) whether the access token's session is still live: not logged out, not revoked, the
-- account active. Asked through withActor as SYSTEM it cost a transaction of four round trips
-- (BEGIN, the settings, the query, COMMIT) before the request's own work. This function answers in
-- one statement on the application pool, outside any transaction.
--
-- It reveals one boolean for a (user id, session family id) pair that the caller read from an
-- access token whose signature it has just verified; the family id is a random UUID that no route
-- lists, so the function tells nothing a caller does not already hold.
CREATE OR REPLACE FUNCTION session_is_live(p_user uuid, p_family uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (
    SELECT 1 FROM users u
     WHERE u.id = p_user AND u.is_active
       AND EXISTS (SELECT 1 FROM refresh_tokens r
                    WHERE r.family_id = p_family AND r.user_id = p_user
                      AND r.revoked_at IS NULL AND r.expires_at > now()))
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION session_is_live(uuid, uuid) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION session_is_live(uuid, uuid) TO huntzen_app;
