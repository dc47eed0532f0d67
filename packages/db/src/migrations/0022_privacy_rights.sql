-- Hand-written: GDPR rights (modules/privacy, docs/security.md "Privacy rights").
-- 1. erasure_requests: the single-use confirmation of an erasure (art. 17), e-mailed to the address
--    being erased; only its SHA-256 is stored.
-- 2. erase_own_account(token hash): the erasure itself. The application role may change only a few
--    columns of users and none of audit_logs or email_queue (0018), so the erasure runs as the owner
--    (SECURITY DEFINER), and only for the signed-in actor themself, holding a live token.
-- 3. purge_audit_logs(days): the retention of the audit log (AUDIT_RETENTION_DAYS), for SYSTEM only;
--    huntzen_app still has no DELETE on audit_logs.

-- ---------------------------------------------------------------- erasure requests
-- Extra table (not in the spec): an erasure is asked for with the password (and TOTP), then
-- confirmed with the link e-mailed to the account's address. A completed row stays as the record
-- that the account was erased (it holds no personal data: ids and times).
CREATE TABLE IF NOT EXISTS erasure_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  requested_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  completed_at timestamptz
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS erasure_requests_user_idx ON erasure_requests (user_id);--> statement-breakpoint
ALTER TABLE erasure_requests ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE erasure_requests FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- One's own requests only (SYSTEM for upkeep). Completion happens in erase_own_account, never
-- through an UPDATE of the application.
CREATE POLICY erasure_requests_own ON erasure_requests FOR ALL
  USING ((SELECT app_is_system()) OR user_id = (SELECT app_user_id()))
  WITH CHECK ((SELECT app_is_system()) OR (user_id = (SELECT app_user_id()) AND completed_at IS NULL));--> statement-breakpoint
REVOKE ALL ON erasure_requests FROM huntzen_app;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON erasure_requests TO huntzen_app;--> statement-breakpoint

-- ---------------------------------------------------------------- scrubbing helpers
-- Replaces every case-insensitive occurrence of each needle by '[erased]'. Needles are matched
-- literally (regular-expression characters escaped); `words` ones only as whole words, so erasing
-- "Marc" leaves "Marcel" alone. Needles shorter than 2 characters are ignored.
CREATE OR REPLACE FUNCTION privacy_scrub_text(t text, needles text[], words text[] DEFAULT '{}')
  RETURNS text LANGUAGE plpgsql IMMUTABLE SET search_path = public, pg_temp AS $$
DECLARE
  n text;
  quoted text;
BEGIN
  IF t IS NULL THEN RETURN NULL; END IF;
  FOREACH n IN ARRAY coalesce(needles, '{}') LOOP
    CONTINUE WHEN n IS NULL OR char_length(n) < 2;
    quoted := regexp_replace(n, '([.^$*+?()[\]{}|\\-])', '\\\1', 'g');
    t := regexp_replace(t, quoted, '[erased]', 'gi');
  END LOOP;
  FOREACH n IN ARRAY coalesce(words, '{}') LOOP
    CONTINUE WHEN n IS NULL OR char_length(n) < 2;
    quoted := regexp_replace(n, '([.^$*+?()[\]{}|\\-])', '\\\1', 'g');
    t := regexp_replace(t, '\m' || quoted || '\M', '[erased]', 'gi');
  END LOOP;
  RETURN t;
END $$;--> statement-breakpoint
-- The same inside a JSON document: needles are matched in their JSON-escaped form, so the result
-- stays valid JSON; should it not be (a needle cutting an escape), the document is dropped.
CREATE OR REPLACE FUNCTION privacy_scrub_json(j jsonb, needles text[], words text[] DEFAULT '{}')
  RETURNS jsonb LANGUAGE plpgsql IMMUTABLE SET search_path = public, pg_temp AS $$
DECLARE
  escaped text[];
  escaped_words text[];
BEGIN
  IF j IS NULL THEN RETURN NULL; END IF;
  SELECT coalesce(array_agg(btrim(to_jsonb(n)::text, '"')), '{}') INTO escaped FROM unnest(needles) n;
  SELECT coalesce(array_agg(btrim(to_jsonb(n)::text, '"')), '{}') INTO escaped_words FROM unnest(words) n;
  RETURN privacy_scrub_text(j::text, escaped, escaped_words)::jsonb;
EXCEPTION WHEN others THEN
  RETURN jsonb_build_object('erased', true);
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION privacy_scrub_text(text, text[], text[]) FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION privacy_scrub_json(jsonb, text[], text[]) FROM PUBLIC;--> statement-breakpoint

-- ---------------------------------------------------------------- erasure
-- Erases the signed-in actor's account, confirmed by the hash of the e-mailed token. Returns what
-- the application must still do: stored objects to delete (after the commit), the other participant
-- of each cancelled consultation to tell.
-- What goes and what stays, and why: docs/security.md "Privacy rights".
CREATE OR REPLACE FUNCTION erase_own_account(p_token_hash text) RETURNS jsonb
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  uid uuid := app_user_id();
  actor text := app_role();
  req erasure_requests%ROWTYPE;
  u users%ROWTYPE;
  emp employees%ROWTYPE;
  prac practitioners%ROWTYPE;
  pseudo text;
  needles text[];
  words text[] := '{}';
  like_any text[];
  paths text[];
  cancelled uuid[];
  all_cancelled uuid[] := '{}';
  tbl record;
  cols text;
  sets text;
BEGIN
  -- Only for oneself: a signed-in EMPLOYEE, PRACTITIONER or ADMIN_RH (HuntZen's staff accounts are
  -- closed by a SUPER_ADMIN), never SYSTEM or anonymous.
  IF uid IS NULL OR actor NOT IN ('EMPLOYEE', 'PRACTITIONER', 'ADMIN_RH') THEN
    RAISE EXCEPTION 'only a signed-in employee, practitioner or HR admin erases their own account'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT * INTO req FROM erasure_requests
   WHERE user_id = uid AND token_hash = p_token_hash AND completed_at IS NULL AND expires_at > now()
   FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no live erasure request of this account with this token'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT * INTO u FROM users WHERE id = uid FOR UPDATE;
  IF u.role::text IS DISTINCT FROM actor THEN
    RAISE EXCEPTION 'the role of the session is not the account''s' USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT * INTO emp FROM employees WHERE user_id = uid FOR UPDATE;
  SELECT * INTO prac FROM practitioners WHERE user_id = uid FOR UPDATE;

  pseudo := 'erased-' || uid::text || '@erased.invalid';
  -- From here on, every row this transaction writes (the consultation audit trigger,
  -- record_audit) carries the pseudonym, never the erased address.
  PERFORM set_config('app.current_email', pseudo, true);

  needles := ARRAY[u.email];
  IF u.display_name IS NOT NULL THEN
    needles := needles || u.display_name;
  END IF;
  IF emp.id IS NOT NULL THEN
    needles := needles || (emp.first_name || ' ' || emp.last_name) || (emp.last_name || ' ' || emp.first_name);
    words := ARRAY[emp.first_name, emp.last_name];
  END IF;
  -- A practitioner's name stays (see below); only their address is erased from others' rows.
  like_any := ARRAY(SELECT '%' || replace(replace(replace(n, '\', '\\'), '%', '\%'), '_', '\_') || '%'
                      FROM unnest(needles) n WHERE char_length(n) >= 2);

  -- ------------------------------------------------------------ sign-in and sessions
  -- password_hash = '!erased' is how an erased account is marked: the trigger of 0028
  -- (users_erase_assessments) fires on it and deletes the person's questionnaire results and
  -- settings and their private calendar feed (tables created after this function).
  UPDATE users SET email = pseudo, password_hash = '!erased', is_active = false, email_verified = false,
         two_factor_enabled = false, two_factor_secret = NULL, display_name = NULL, totp_last_step = NULL, last_login_at = NULL,
         failed_login_count = 0, locked_until = NULL, updated_at = now()
   WHERE id = uid;
  DELETE FROM refresh_tokens WHERE user_id = uid;
  DELETE FROM account_tokens WHERE user_id = uid;
  DELETE FROM recovery_codes WHERE user_id = uid;
  DELETE FROM used_challenge_tokens WHERE user_id = uid;
  DELETE FROM idempotency_keys WHERE user_id = uid;
  DELETE FROM notifications WHERE user_id = uid;

  -- ------------------------------------------------------------ files (objects deleted by the caller)
  SELECT coalesce(array_agg(path), '{}') INTO paths FROM files WHERE uploaded_by = uid;
  DELETE FROM files WHERE uploaded_by = uid;

  -- ------------------------------------------------------------ employee
  IF emp.id IS NOT NULL THEN
    -- The department stays: the HR counters group by it (and never show a group under 5). HR no
    -- longer sees their own counters (0021): only inside groups, as for anyone who does not share.
    UPDATE employees SET first_name = 'Deleted', last_name = 'account', position = NULL, phone_number = NULL,
           birth_date = NULL, bio = NULL, location = NULL, avatar_url = NULL, cover_url = NULL,
           share_usage_with_hr = false,
           usage_sharing_changed_at = CASE WHEN share_usage_with_hr THEN now() ELSE usage_sharing_changed_at END,
           updated_at = now()
     WHERE id = emp.id;
    DELETE FROM journal_entries WHERE employee_id = emp.id;
    -- Which company news they opened (0025) is their record: removed. Each item's view_count stays
    -- as it is, a bare number that names nobody (no trigger counts a removal).
    DELETE FROM news_views WHERE employee_id = emp.id;
    -- Their own words in the chats: wiped as a deleted message is (the practitioner's stay).
    UPDATE messages m SET encrypted_content = '', iv = '', auth_tag = NULL, attachment_url = NULL,
           attachment_name = NULL, attachment_type = NULL, attachment_size = NULL, is_deleted = true,
           deleted_at = coalesce(m.deleted_at, now())
      FROM consultations c
     WHERE c.id = m.consultation_id AND c.employee_id = emp.id AND m.sender_role = 'EMPLOYEE'
       AND (m.encrypted_content <> '' OR m.attachment_url IS NOT NULL);
    -- The booking reason is the employee's health data; the consultation row stays, anonymous,
    -- for the counters and billing (and the practitioner's clinical notes that hang on it).
    UPDATE consultations SET notes = NULL WHERE employee_id = emp.id AND notes IS NOT NULL;
    UPDATE practitioner_reviews SET comment = NULL WHERE employee_id = emp.id AND comment IS NOT NULL;
    -- Upcoming consultations cannot take place any more: cancelled, never billable.
    WITH gone AS (
      UPDATE consultations SET status = 'CANCELLED', cancelled_at = now(), cancelled_by = uid,
             cancel_reason = 'Account deleted', cancelled_within24h = scheduled_at < now() + interval '24 hours',
             is_billable = false, updated_at = now()
       WHERE employee_id = emp.id AND status IN ('SCHEDULED', 'CONFIRMED')
       RETURNING id)
    SELECT coalesce(array_agg(id), '{}') INTO cancelled FROM gone;
    INSERT INTO consultation_events (consultation_id, event_type, actor_id, actor_role, metadata)
    SELECT id, 'CANCELLED', uid, 'EMPLOYEE', jsonb_build_object('reason', 'account_erased') FROM unnest(cancelled) id;
    all_cancelled := all_cancelled || cancelled;
  END IF;

  -- ------------------------------------------------------------ practitioner
  IF prac.id IS NOT NULL THEN
    -- Name, title and professional id stay: they identify the author of clinical records kept 20
    -- years (CSP R.1112-7) and of billed consultations (Code de commerce L123-22, 10 years). The
    -- public profile and contact details go; the profile leaves the directory.
    UPDATE practitioners SET bio = '', avatar_url = NULL, cover_url = NULL,
           video_url = NULL, in_person_address = NULL, education = NULL, is_active = false,
           is_accepting_new_clients = false, updated_at = now()
     WHERE id = prac.id;
    DELETE FROM availabilities WHERE practitioner_id = prac.id;
    UPDATE messages m SET encrypted_content = '', iv = '', auth_tag = NULL, attachment_url = NULL,
           attachment_name = NULL, attachment_type = NULL, attachment_size = NULL, is_deleted = true,
           deleted_at = coalesce(m.deleted_at, now())
      FROM consultations c
     WHERE c.id = m.consultation_id AND c.practitioner_id = prac.id AND m.sender_role = 'PRACTITIONER'
       AND (m.encrypted_content <> '' OR m.attachment_url IS NOT NULL);
    WITH gone AS (
      UPDATE consultations SET status = 'CANCELLED', cancelled_at = now(), cancelled_by = uid,
             cancel_reason = 'Account deleted', cancelled_within24h = scheduled_at < now() + interval '24 hours',
             is_billable = false, updated_at = now()
       WHERE practitioner_id = prac.id AND status IN ('SCHEDULED', 'CONFIRMED')
       RETURNING id)
    SELECT coalesce(array_agg(id), '{}') INTO cancelled FROM gone;
    INSERT INTO consultation_events (consultation_id, event_type, actor_id, actor_role, metadata)
    SELECT id, 'CANCELLED', uid, 'PRACTITIONER', jsonb_build_object('reason', 'account_erased') FROM unnest(cancelled) id;
    all_cancelled := all_cancelled || cancelled;
  END IF;

  -- ------------------------------------------------------------ HR admin
  IF actor = 'ADMIN_RH' THEN
    UPDATE companies SET contact_email = NULL WHERE lower(contact_email) = lower(u.email);
    UPDATE companies SET billing_email = NULL WHERE lower(billing_email) = lower(u.email);
  END IF;

  -- ------------------------------------------------------------ traces of the person elsewhere
  -- Where they acted: no address or browser kept.
  UPDATE consultation_events SET ip_address = NULL, user_agent = NULL,
         metadata = privacy_scrub_json(metadata, needles, words)
   WHERE actor_id = uid;
  -- E-mails to them (this erasure's confirmation included, sent by now): nothing of them is kept;
  -- those still waiting are cancelled. E-mails to others that name them: the name goes.
  UPDATE email_queue SET "to" = pseudo, cc = '{}', bcc = '{}', subject = '[erased]', html_body = '',
         text_body = NULL, template_data = NULL, attachments = NULL, error_message = NULL,
         status = CASE WHEN status = 'PENDING' THEN 'CANCELLED'::email_status ELSE status END
   WHERE lower("to") = lower(u.email) OR lower(u.email) = ANY (SELECT lower(x) FROM unnest(cc || bcc) x);
  UPDATE email_queue SET subject = privacy_scrub_text(subject, needles, words),
         html_body = privacy_scrub_text(html_body, needles, words),
         text_body = privacy_scrub_text(text_body, needles, words),
         template_data = privacy_scrub_json(template_data, needles, words),
         attachments = privacy_scrub_json(attachments, needles, words)
   WHERE subject ILIKE ANY (like_any) OR html_body ILIKE ANY (like_any) OR text_body ILIKE ANY (like_any)
      OR template_data::text ILIKE ANY (like_any) OR attachments::text ILIKE ANY (like_any);
  UPDATE notifications SET title = privacy_scrub_text(title, needles, words),
         message = privacy_scrub_text(message, needles, words),
         link_label = privacy_scrub_text(link_label, needles, words),
         metadata = privacy_scrub_json(metadata, needles, words)
   WHERE title ILIKE ANY (like_any) OR message ILIKE ANY (like_any) OR link_label ILIKE ANY (like_any)
      OR metadata::text ILIKE ANY (like_any);
  -- The audit log: rows stay (append-only for the application), their identifying address and any
  -- copy of the name become the pseudonym; the user id still ties them together.
  UPDATE audit_logs SET user_email = pseudo WHERE user_id = uid OR lower(user_email) = lower(u.email);
  UPDATE audit_logs SET details = privacy_scrub_json(details, needles, words),
         changes_before = privacy_scrub_json(changes_before, needles, words),
         changes_after = privacy_scrub_json(changes_after, needles, words)
   WHERE details::text ILIKE ANY (like_any) OR changes_before::text ILIKE ANY (like_any)
      OR changes_after::text ILIKE ANY (like_any)
      OR ((user_id = uid OR resource_id IN (uid::text, emp.id::text, prac.id::text))
          AND (details IS NOT NULL OR changes_before IS NOT NULL OR changes_after IS NOT NULL));

  -- ------------------------------------------------------------ any other copy of the address
  -- Tables added later (or not listed above) may keep an e-mail address in a text or JSON column:
  -- every such column of every table of the schema is swept for the exact address.
  FOR tbl IN
    SELECT c.table_name, array_agg(c.column_name::text) AS names, array_agg(c.data_type::text) AS types
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
       AND c.data_type IN ('text', 'character varying', 'jsonb', 'json')
       AND c.table_name <> 'erasure_requests'
     GROUP BY c.table_name
  LOOP
    SELECT string_agg(format('%I::text ILIKE %L', n, like_any[1]), ' OR '),
           string_agg(CASE WHEN ty IN ('jsonb', 'json')
                           THEN format('%1$I = CASE WHEN %1$I::text ILIKE %2$L THEN privacy_scrub_json(%1$I::jsonb, %3$L::text[])::%4$s ELSE %1$I END',
                                       n, like_any[1], ARRAY[u.email], ty)
                           ELSE format('%1$I = CASE WHEN %1$I ILIKE %2$L THEN privacy_scrub_text(%1$I, %3$L::text[]) ELSE %1$I END',
                                       n, like_any[1], ARRAY[u.email]) END, ', ')
      INTO cols, sets
      FROM unnest(tbl.names, tbl.types) AS x(n, ty);
    EXECUTE format('UPDATE %I SET %s WHERE %s', tbl.table_name, sets, cols);
  END LOOP;

  UPDATE erasure_requests SET completed_at = now() WHERE id = req.id;
  -- Other pending requests of the account are void.
  DELETE FROM erasure_requests WHERE user_id = uid AND completed_at IS NULL;

  RETURN jsonb_build_object(
    'filePaths', to_jsonb(paths),
    'employeeId', emp.id,
    'practitionerId', prac.id,
    'cancelledConsultations', to_jsonb(all_cancelled));
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION erase_own_account(text) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION erase_own_account(text) TO huntzen_app;--> statement-breakpoint

-- ---------------------------------------------------------------- audit retention
-- Deletes audit rows older than `p_days` days (AUDIT_RETENTION_DAYS, CNIL: 6 months to 1 year) and
-- returns the count. SYSTEM only (the hourly job); never below 30 days, whatever is asked. The
-- application role itself still has no DELETE on audit_logs: only this owner-run path deletes.
CREATE OR REPLACE FUNCTION purge_audit_logs(p_days integer) RETURNS integer
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  n integer;
BEGIN
  IF NOT app_is_system() THEN
    RAISE EXCEPTION 'only the system purges the audit log' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_days IS NULL OR p_days < 30 THEN
    RAISE EXCEPTION 'audit rows are kept at least 30 days' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  DELETE FROM audit_logs WHERE created_at < now() - make_interval(days => p_days);
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION purge_audit_logs(integer) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION purge_audit_logs(integer) TO huntzen_app;
