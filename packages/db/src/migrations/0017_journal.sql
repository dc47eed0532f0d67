-- Hand-written: the employee's private mood journal (modules/journal).
-- 0001 gave journal_entries the permissive policy `employee_only`; this migration makes the rule
-- hold for writes too, whatever other policy is added later, and adds the sentiment opt-in.

-- Extra column (not in the spec): the spec's "optional, future" sentimentScore is computed only for
-- employees who opt in. Default off: nothing is analysed without a decision of the employee.
ALTER TABLE employees ADD COLUMN IF NOT EXISTS journal_sentiment_enabled boolean NOT NULL DEFAULT false;--> statement-breakpoint

-- HR and platform admins may update employee rows (0001 tenant_isolation); the opt-in is the
-- employee's own decision, so only they (or the system actor, or the owner login running
-- maintenance) may change it.
CREATE OR REPLACE FUNCTION guard_journal_sentiment_opt_in() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.journal_sentiment_enabled IS DISTINCT FROM OLD.journal_sentiment_enabled
     AND current_user = 'huntzen_app'
     AND NOT (app_is_system() OR (app_role() = 'EMPLOYEE' AND NEW.id = app_employee())) THEN
    RAISE EXCEPTION 'only the employee may change their journal sentiment opt-in'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
DROP TRIGGER IF EXISTS employees_guard_journal_sentiment ON employees;--> statement-breakpoint
CREATE TRIGGER employees_guard_journal_sentiment BEFORE UPDATE OF journal_sentiment_enabled ON employees
  FOR EACH ROW EXECUTE FUNCTION guard_journal_sentiment_opt_in();--> statement-breakpoint

-- Restrictive: ANDed with every permissive policy, present or future. Only an EMPLOYEE actor on
-- their own rows (or the system actor: account deletion, key rotation) reads or writes; a
-- permissive policy added by mistake for HR or admins cannot open the table.
CREATE POLICY journal_employee_role ON journal_entries AS RESTRICTIVE FOR ALL
  USING ((SELECT app_is_system())
         OR ((SELECT app_role()) = 'EMPLOYEE' AND employee_id = (SELECT app_employee())))
  WITH CHECK ((SELECT app_is_system())
         OR ((SELECT app_role()) = 'EMPLOYEE' AND employee_id = (SELECT app_employee())));--> statement-breakpoint

-- Column grants: an entry never moves to another employee and keeps its id (the ciphertext is
-- bound to it) and its creation time; the application updates only what an edit changes.
REVOKE UPDATE ON journal_entries FROM huntzen_app;--> statement-breakpoint
GRANT UPDATE (encrypted_content, iv, auth_tag, mood, tags, sentiment_score, updated_at) ON journal_entries TO huntzen_app;--> statement-breakpoint

-- Tags as the API normalises them: at most 10, each 1-30 characters, trimmed, lower-case, unique.
CREATE OR REPLACE FUNCTION journal_tags_valid(tags text[]) RETURNS boolean
  LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(cardinality(tags), 0) <= 10
     AND NOT EXISTS (SELECT 1 FROM unnest(tags) t
                     WHERE t IS NULL OR char_length(t) NOT BETWEEN 1 AND 30 OR t <> lower(btrim(t)))
     AND (SELECT count(DISTINCT t) FROM unnest(tags) t) = coalesce(cardinality(tags), 0)
$$;--> statement-breakpoint
ALTER TABLE journal_entries ADD CONSTRAINT journal_entries_tags_valid CHECK (journal_tags_valid(tags));--> statement-breakpoint
ALTER TABLE journal_entries ADD CONSTRAINT journal_entries_sentiment_range
  CHECK (sentiment_score IS NULL OR sentiment_score BETWEEN -1 AND 1);--> statement-breakpoint

-- The list reads one employee's entries newest first (cursor on created_at, id); tag filters use
-- array containment.
CREATE INDEX IF NOT EXISTS journal_entries_employee_created_idx ON journal_entries (employee_id, created_at DESC, id DESC);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS journal_entries_tags_idx ON journal_entries USING gin (tags);
