-- Hand-written for the chat (apps/api/src/modules/messages): who may write what in `messages`, the
-- real-time announcements, the memory of "unread message" e-mails and the practitioner's reply
-- promise. The API enforces the same rules first; these hold whatever the path (a bug, psql as the
-- application role). The table owner (demo generator, key rotation) bypasses row-level security.

-- ---------------------------------------------------------------- reply promise
-- Beyond the spec: the practitioner's auto-reply / office hours, shown at the top of their threads.
ALTER TABLE practitioners ADD COLUMN IF NOT EXISTS reply_promise text;--> statement-breakpoint
ALTER TABLE practitioners ADD CONSTRAINT practitioners_reply_promise_length
  CHECK (reply_promise IS NULL OR char_length(reply_promise) <= 500);--> statement-breakpoint

-- ---------------------------------------------------------------- who reads and writes messages
-- Only employees and practitioners ever take part in a thread: HR and admins read nothing, even if
-- their account happened to carry an employee or practitioner id.
CREATE POLICY messages_chat_roles ON messages AS RESTRICTIVE
  USING ((SELECT app_is_system()) OR (SELECT app_role()) IN ('EMPLOYEE', 'PRACTITIONER'))
  WITH CHECK ((SELECT app_is_system()) OR (SELECT app_role()) IN ('EMPLOYEE', 'PRACTITIONER'));--> statement-breakpoint

-- A new message: in a thread still open (not cancelled, until 14 days after the actual or planned
-- end, CHAT_RULES.writableDaysAfterEnd), unread, unedited. A policy and not a trigger: the demo
-- generator inserts past threads as the owner, which policies (rightly) do not bind.
CREATE POLICY messages_thread_open ON messages AS RESTRICTIVE FOR INSERT
  WITH CHECK ((SELECT app_is_system()) OR (
    NOT is_read AND read_at IS NULL AND NOT is_edited AND NOT is_deleted
    AND EXISTS (SELECT 1 FROM consultations c
                 WHERE c.id = messages.consultation_id AND c.status <> 'CANCELLED'
                   AND now() < coalesce(c.ended_at, c.scheduled_end_at) + interval '14 days')));--> statement-breakpoint

-- An update leaves a row that is the actor's own message, or a message addressed to the actor and
-- now read. Which columns each of them may change is checked by guard_message_update below (a
-- policy sees only the new row).
CREATE POLICY messages_update_by_party ON messages AS RESTRICTIVE FOR UPDATE
  USING (true)
  WITH CHECK ((SELECT app_is_system())
    OR (sender_role = 'EMPLOYEE' AND sender_id = (SELECT app_employee()))
    OR (sender_role = 'PRACTITIONER' AND sender_id = (SELECT app_practitioner()))
    OR (is_read AND read_at IS NOT NULL AND EXISTS (
      SELECT 1 FROM consultations c WHERE c.id = messages.consultation_id
        AND ((messages.sender_role = 'PRACTITIONER' AND c.employee_id = (SELECT app_employee()))
          OR (messages.sender_role = 'EMPLOYEE' AND c.practitioner_id = (SELECT app_practitioner()))))));--> statement-breakpoint

-- Column grants: nobody rewrites who sent what, where or when; deleting is wiping (no DELETE).
REVOKE UPDATE, DELETE ON messages FROM huntzen_app;--> statement-breakpoint
GRANT UPDATE (encrypted_content, iv, auth_tag, is_read, read_at, is_edited, edited_at, is_deleted, deleted_at,
  attachment_url, attachment_name, attachment_type, attachment_size) ON messages TO huntzen_app;--> statement-breakpoint

-- Per row, for actors bound by row-level security (not the owner, not SYSTEM): the sender changes
-- only the text within 15 minutes (CHAT_RULES.editWindowMinutes) or wipes the message; the
-- recipient only marks it read. A deleted message never changes again.
CREATE OR REPLACE FUNCTION guard_message_update() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  is_sender boolean;
BEGIN
  IF NOT row_security_active('messages') OR app_is_system() THEN
    RETURN NEW;
  END IF;
  IF OLD.is_deleted THEN
    RAISE EXCEPTION 'message % is deleted', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  is_sender := (OLD.sender_role = 'EMPLOYEE' AND OLD.sender_id = app_employee())
            OR (OLD.sender_role = 'PRACTITIONER' AND OLD.sender_id = app_practitioner());
  IF is_sender THEN
    IF (NEW.is_read, NEW.read_at) IS DISTINCT FROM (OLD.is_read, OLD.read_at) THEN
      RAISE EXCEPTION 'only the recipient marks a message read' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.is_deleted THEN
      IF NEW.encrypted_content <> '' OR NEW.iv <> '' OR NEW.auth_tag IS NOT NULL
         OR NEW.attachment_url IS NOT NULL OR NEW.attachment_name IS NOT NULL
         OR NEW.attachment_type IS NOT NULL OR NEW.attachment_size IS NOT NULL OR NEW.deleted_at IS NULL THEN
        RAISE EXCEPTION 'deleting a message wipes its content and attachment' USING ERRCODE = 'check_violation';
      END IF;
    ELSE
      IF (NEW.attachment_url, NEW.attachment_name, NEW.attachment_type, NEW.attachment_size)
         IS DISTINCT FROM (OLD.attachment_url, OLD.attachment_name, OLD.attachment_type, OLD.attachment_size)
         OR NEW.deleted_at IS NOT NULL THEN
        RAISE EXCEPTION 'an edit changes the text only' USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF (NEW.encrypted_content, NEW.iv, NEW.auth_tag, NEW.is_edited, NEW.edited_at)
         IS DISTINCT FROM (OLD.encrypted_content, OLD.iv, OLD.auth_tag, OLD.is_edited, OLD.edited_at)
         AND (OLD.created_at < now() - interval '15 minutes' OR NOT NEW.is_edited OR NEW.edited_at IS NULL) THEN
        RAISE EXCEPTION 'message % can no longer be edited', OLD.id USING ERRCODE = 'insufficient_privilege';
      END IF;
    END IF;
  ELSE
    IF (NEW.encrypted_content, NEW.iv, NEW.auth_tag, NEW.is_edited, NEW.edited_at, NEW.is_deleted,
        NEW.deleted_at, NEW.attachment_url, NEW.attachment_name, NEW.attachment_type, NEW.attachment_size)
       IS DISTINCT FROM
       (OLD.encrypted_content, OLD.iv, OLD.auth_tag, OLD.is_edited, OLD.edited_at, OLD.is_deleted,
        OLD.deleted_at, OLD.attachment_url, OLD.attachment_name, OLD.attachment_type, OLD.attachment_size)
       OR NOT NEW.is_read OR NEW.read_at IS NULL THEN
      RAISE EXCEPTION 'the recipient of a message only marks it read' USING ERRCODE = 'insufficient_privilege';
    END IF;
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER messages_guard_update BEFORE UPDATE ON messages
  FOR EACH ROW EXECUTE FUNCTION guard_message_update();--> statement-breakpoint

-- ---------------------------------------------------------------- real time
-- Like notifications (0005): announced with pg_notify, delivered only when the transaction commits;
-- every API instance LISTENs and pushes to the two participants' sockets connected to it. Ids only:
-- a NOTIFY payload is readable by any session listening on the database. Read receipts carry the
-- instant instead of ids: every row marked by one statement shares it, and identical payloads of
-- one transaction are delivered once. A key rotation (ciphertext changed, nothing else) is silent.
CREATE OR REPLACE FUNCTION announce_message_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  event text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    event := 'new';
  ELSIF NEW.is_deleted AND NOT OLD.is_deleted THEN
    event := 'deleted';
  ELSIF NEW.is_edited AND NEW.edited_at IS DISTINCT FROM OLD.edited_at THEN
    event := 'edited';
  ELSIF NEW.is_read AND NOT OLD.is_read AND NEW.read_at IS NOT NULL THEN
    PERFORM pg_notify('huntzen_messages', json_build_object(
      'event', 'read', 'consultationId', NEW.consultation_id, 'readAt', NEW.read_at)::text);
    RETURN NULL;
  ELSE
    RETURN NULL;
  END IF;
  PERFORM pg_notify('huntzen_messages', json_build_object(
    'event', event, 'id', NEW.id, 'consultationId', NEW.consultation_id)::text);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER messages_announce AFTER INSERT OR UPDATE ON messages
  FOR EACH ROW EXECUTE FUNCTION announce_message_change();--> statement-breakpoint

-- ---------------------------------------------------------------- indexes
-- A thread's pages (newest first, keyset on (created_at, id)), the unread counts of the thread
-- list, and the per-sender rate limit (CHAT_RULES.maxMessagesPerMinute).
CREATE INDEX IF NOT EXISTS messages_thread_page_idx ON messages (consultation_id, created_at DESC, id DESC);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS messages_thread_unread_idx ON messages (consultation_id, sender_role) WHERE NOT is_read;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS messages_sender_recent_idx ON messages (sender_id, created_at);--> statement-breakpoint

-- ---------------------------------------------------------------- unread e-mails
-- Beyond the spec: one row per thread and recipient, remembering the last "you have a new message"
-- e-mail (at most one per thread per recipient per hour, CHAT_RULES.unreadEmailEveryMinutes) and
-- since when an e-mail is pending. Timestamps only, no content. Read and written by the jobs
-- (SYSTEM); the sender marks it pending in the sending transaction.
CREATE TABLE IF NOT EXISTS message_email_state (
  consultation_id uuid NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
  recipient_user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  pending_since timestamptz,
  last_emailed_at timestamptz,
  PRIMARY KEY (consultation_id, recipient_user_id)
);--> statement-breakpoint
ALTER TABLE message_email_state ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON message_email_state TO huntzen_app;--> statement-breakpoint
REVOKE DELETE ON message_email_state FROM huntzen_app;--> statement-breakpoint
-- The participants of the consultation (the sender writes the recipient's row); SYSTEM for the job.
CREATE POLICY message_email_state_parties ON message_email_state
  USING ((SELECT app_is_system()) OR EXISTS (
    SELECT 1 FROM consultations c WHERE c.id = message_email_state.consultation_id
      AND (c.employee_id = (SELECT app_employee()) OR c.practitioner_id = (SELECT app_practitioner()))))
  WITH CHECK ((SELECT app_is_system()) OR EXISTS (
    SELECT 1 FROM consultations c WHERE c.id = message_email_state.consultation_id
      AND (c.employee_id = (SELECT app_employee()) OR c.practitioner_id = (SELECT app_practitioner()))));
