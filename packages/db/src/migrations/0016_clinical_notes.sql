-- Clinical notes (PRODUCT.md "Clinical notes"): templates, signature and lock, addenda, and the
-- database rules that keep them to their author whatever the path (API, a bug, a direct session of
-- the application role).
--
-- Columns beyond the spec: `template` (FREE, SOAP, DAP, BIRP: how the encrypted sections are laid
-- out; the sections themselves stay inside the ciphertext), `signed_at` / `signed_by` (a signed
-- note is locked: corrections become addenda).
ALTER TABLE clinical_notes
  ADD COLUMN template text NOT NULL DEFAULT 'FREE',
  ADD COLUMN signed_at timestamptz,
  ADD COLUMN signed_by uuid REFERENCES practitioners(id),
  ADD CONSTRAINT clinical_notes_template_check CHECK (template IN ('FREE', 'SOAP', 'DAP', 'BIRP')),
  ADD CONSTRAINT clinical_notes_signed_check CHECK ((signed_at IS NULL) = (signed_by IS NULL));--> statement-breakpoint
-- "Notes to write" looks for the signed note of each completed consultation.
CREATE INDEX clinical_notes_signed_idx ON clinical_notes (consultation_id) WHERE signed_at IS NOT NULL;--> statement-breakpoint

-- Addenda: a signed note's corrections, each encrypted (AAD clinical_note_addenda:encrypted_content:
-- id), signed and timestamped when written, never changed afterwards.
CREATE TABLE clinical_note_addenda (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  note_id uuid NOT NULL REFERENCES clinical_notes(id) ON DELETE CASCADE,
  practitioner_id uuid NOT NULL REFERENCES practitioners(id),
  encrypted_content text NOT NULL,
  iv text NOT NULL,
  auth_tag text,
  signed_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now()
);--> statement-breakpoint
CREATE INDEX clinical_note_addenda_note_id_idx ON clinical_note_addenda (note_id, signed_at);--> statement-breakpoint
ALTER TABLE clinical_note_addenda ENABLE ROW LEVEL SECURITY;--> statement-breakpoint

-- ---------------------------------------------------------------- grants
-- The application changes a note's content, type, template and signature, nothing else (who wrote
-- it, on which consultation, when). Addenda are insert-only. Key rotation runs as the owner.
REVOKE UPDATE ON clinical_notes FROM huntzen_app;--> statement-breakpoint
GRANT UPDATE (encrypted_content, iv, auth_tag, note_type, template, signed_at, signed_by, updated_at)
  ON clinical_notes TO huntzen_app;--> statement-breakpoint
REVOKE ALL ON clinical_note_addenda FROM huntzen_app;--> statement-breakpoint
GRANT SELECT, INSERT ON clinical_note_addenda TO huntzen_app;--> statement-breakpoint

-- ---------------------------------------------------------------- row-level security
-- 0001's `practitioner_only` (the author, or SYSTEM) stays the permissive rule; these RESTRICTIVE
-- policies narrow writes: a note is written by a PRACTITIONER actor only (not an admin, even one
-- who would set app.current_practitioner), on one of their own consultations that is not cancelled.
CREATE POLICY clinical_notes_insert_guard ON clinical_notes AS RESTRICTIVE FOR INSERT
  WITH CHECK ((SELECT app_is_system()) OR ((SELECT app_role()) = 'PRACTITIONER'
    AND practitioner_id = (SELECT app_practitioner())
    AND EXISTS (SELECT 1 FROM consultations c WHERE c.id = clinical_notes.consultation_id
      AND c.practitioner_id = (SELECT app_practitioner()) AND c.status <> 'CANCELLED')));--> statement-breakpoint
CREATE POLICY clinical_notes_update_guard ON clinical_notes AS RESTRICTIVE FOR UPDATE
  USING ((SELECT app_is_system()) OR ((SELECT app_role()) = 'PRACTITIONER'
    AND practitioner_id = (SELECT app_practitioner())))
  WITH CHECK ((SELECT app_is_system()) OR ((SELECT app_role()) = 'PRACTITIONER'
    AND practitioner_id = (SELECT app_practitioner())
    AND (signed_by IS NULL OR signed_by = (SELECT app_practitioner()))));--> statement-breakpoint
CREATE POLICY clinical_notes_delete_guard ON clinical_notes AS RESTRICTIVE FOR DELETE
  USING ((SELECT app_is_system()) OR ((SELECT app_role()) = 'PRACTITIONER'
    AND practitioner_id = (SELECT app_practitioner()) AND signed_at IS NULL));--> statement-breakpoint
CREATE POLICY clinical_note_addenda_read ON clinical_note_addenda FOR SELECT
  USING ((SELECT app_is_system()) OR ((SELECT app_role()) = 'PRACTITIONER'
    AND practitioner_id = (SELECT app_practitioner())));--> statement-breakpoint
-- An addendum corrects a signed note of its author (a draft is simply edited).
CREATE POLICY clinical_note_addenda_insert ON clinical_note_addenda FOR INSERT
  WITH CHECK ((SELECT app_is_system()) OR ((SELECT app_role()) = 'PRACTITIONER'
    AND practitioner_id = (SELECT app_practitioner())
    AND EXISTS (SELECT 1 FROM clinical_notes n WHERE n.id = clinical_note_addenda.note_id
      AND n.practitioner_id = (SELECT app_practitioner()) AND n.signed_at IS NOT NULL)));--> statement-breakpoint

-- ---------------------------------------------------------------- sign & lock
-- A signed note never changes through the application, whatever the actor but SYSTEM, and even
-- then only its ciphertext may be rewritten (key rotation, which runs as the table's owner; the
-- application's login, `-c role=huntzen_app` or its own APP_DATABASE_URL login, is never a member of
-- the owner). Who wrote it and where stays put for everyone; a signature is set once, by the author.
CREATE OR REPLACE FUNCTION clinical_notes_guard_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  maintenance boolean := app_is_system()
    OR pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'USAGE');
BEGIN
  IF NEW.id <> OLD.id OR NEW.consultation_id <> OLD.consultation_id
     OR NEW.practitioner_id <> OLD.practitioner_id OR NEW.created_at <> OLD.created_at THEN
    RAISE EXCEPTION 'clinical note %: author, consultation and creation time are fixed', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF OLD.signed_at IS NOT NULL THEN
    IF maintenance AND NEW.signed_at = OLD.signed_at AND NEW.signed_by = OLD.signed_by
       AND NEW.note_type = OLD.note_type AND NEW.template = OLD.template THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'clinical note % is signed: add an addendum instead', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF NEW.signed_at IS NOT NULL AND NOT maintenance AND NEW.signed_by <> NEW.practitioner_id THEN
    RAISE EXCEPTION 'clinical note %: only its author signs it', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER clinical_notes_guard_update BEFORE UPDATE ON clinical_notes
  FOR EACH ROW EXECUTE FUNCTION clinical_notes_guard_update();--> statement-breakpoint

-- Retention (Code de la santé publique, R.1112-7): a signed note is kept 20 years after the
-- patient's last consultation with its author. Nobody deletes it earlier — not the application,
-- not the owner, not a cascade from a deleted consultation, employee or practitioner (that delete
-- fails: erasure must pseudonymise the people and keep the notes, see docs/security.md).
CREATE OR REPLACE FUNCTION clinical_note_retained_until(note clinical_notes) RETURNS timestamptz
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT greatest(note.signed_at, note.created_at, (
    SELECT max(coalesce(c2.ended_at, c2.scheduled_end_at)) FROM consultations c1
      JOIN consultations c2 ON c2.employee_id = c1.employee_id AND c2.practitioner_id = note.practitioner_id
     WHERE c1.id = note.consultation_id AND c2.status <> 'CANCELLED')) + interval '20 years'
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION clinical_notes_guard_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.signed_at IS NOT NULL AND clinical_note_retained_until(OLD) > now() THEN
    RAISE EXCEPTION 'clinical note % is kept until %', OLD.id, clinical_note_retained_until(OLD)
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN OLD;
END $$;--> statement-breakpoint
CREATE TRIGGER clinical_notes_guard_delete BEFORE DELETE ON clinical_notes
  FOR EACH ROW EXECUTE FUNCTION clinical_notes_guard_delete();--> statement-breakpoint
-- Addenda share their note's fate: not deleted while it is kept (the cascade from the note, once
-- its retention is over, is the only way out).
CREATE OR REPLACE FUNCTION clinical_note_addenda_guard_delete() RETURNS trigger LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM clinical_notes n WHERE n.id = OLD.note_id
             AND clinical_note_retained_until(n) > now()) THEN
    RAISE EXCEPTION 'addendum % belongs to a clinical note still kept', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN OLD;
END $$;--> statement-breakpoint
CREATE TRIGGER clinical_note_addenda_guard_delete BEFORE DELETE ON clinical_note_addenda
  FOR EACH ROW EXECUTE FUNCTION clinical_note_addenda_guard_delete();
