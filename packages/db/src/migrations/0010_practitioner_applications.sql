-- Hand-written for practitioner applications (apps/api/src/modules/practitioners): the review
-- workflow's columns, a guard on the review columns, and `document_urls` kept in step with the files.

-- The spec has `is_validated` only; a review also needs "sent for review" and "refused, and why".
-- State: validated (is_validated) > submitted (submitted_at) > rejected (rejected_at) > draft.
ALTER TABLE practitioners ADD COLUMN submitted_at timestamptz;--> statement-breakpoint
ALTER TABLE practitioners ADD COLUMN rejected_at timestamptz;--> statement-breakpoint
ALTER TABLE practitioners ADD COLUMN rejection_reason text;--> statement-breakpoint
-- The language of the e-mails HuntZen sends the practitioner (validation, rejection): the spec
-- keeps a preferred language for employees only.
ALTER TABLE practitioners ADD COLUMN preferred_language text NOT NULL DEFAULT 'fr';--> statement-breakpoint
-- The admins' queue: applications waiting for review, oldest first.
CREATE INDEX practitioners_review_queue_idx ON practitioners (submitted_at, id)
  WHERE submitted_at IS NOT NULL AND NOT is_validated;--> statement-breakpoint

-- practitioners_update lets a practitioner update their own row, review columns included. The API
-- never writes those for them, and this makes sure nothing else does: a practitioner may withdraw
-- a verification (new documents) or clear a rejection (resubmitting), never grant either.
CREATE OR REPLACE FUNCTION guard_practitioner_review() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF app_role() = 'PRACTITIONER' AND (
       NEW.is_validated IS DISTINCT FROM OLD.is_validated
    OR NEW.validated_at IS DISTINCT FROM OLD.validated_at
    OR NEW.validated_by IS DISTINCT FROM OLD.validated_by
    OR (NEW.documents_verified AND NOT OLD.documents_verified)
    OR (NEW.rejected_at IS NOT NULL AND NEW.rejected_at IS DISTINCT FROM OLD.rejected_at)
    OR (NEW.rejection_reason IS NOT NULL AND NEW.rejection_reason IS DISTINCT FROM OLD.rejection_reason)
  ) THEN
    RAISE EXCEPTION 'a practitioner cannot review their own application'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER practitioners_guard_review BEFORE UPDATE ON practitioners
  FOR EACH ROW EXECUTE FUNCTION guard_practitioner_review();--> statement-breakpoint

-- The spec's `document_urls` mirrors the practitioner's documents: the File rows linked to them
-- (related_resource 'practitioner', types DIPLOMA/CERTIFICATE/DOCUMENT) are the truth, uploaded and
-- deleted through /api/v1/files or the expiry job as well as our own routes. A trigger keeps the
-- copy exact whatever the path. Paths, not absolute URLs: a change of PUBLIC_URL breaks nothing.
-- A changed set of documents is no longer the set an admin verified: the verification is reset.
CREATE OR REPLACE FUNCTION refresh_practitioner_documents(owner text) RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE practitioners p
     SET document_urls = coalesce((
           SELECT array_agg('/api/v1/files/' || f.id || '/content' ORDER BY f.created_at, f.id)
             FROM files f
            WHERE f.related_resource = 'practitioner' AND f.related_id = owner
              AND f.file_type IN ('DIPLOMA', 'CERTIFICATE', 'DOCUMENT')), '{}'),
         documents_verified = false
   -- Guarded cast: related_id is text.
   WHERE p.id = CASE WHEN owner ~ '^[0-9a-fA-F-]{36}$' THEN owner::uuid END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION refresh_practitioner_documents(text) FROM PUBLIC;--> statement-breakpoint
CREATE OR REPLACE FUNCTION sync_practitioner_documents() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.related_id IS NOT DISTINCT FROM OLD.related_id
     AND NEW.related_resource IS NOT DISTINCT FROM OLD.related_resource
     AND NEW.file_type = OLD.file_type THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' AND OLD.related_resource = 'practitioner'
     AND OLD.file_type IN ('DIPLOMA', 'CERTIFICATE', 'DOCUMENT') THEN
    PERFORM refresh_practitioner_documents(OLD.related_id);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.related_resource = 'practitioner'
     AND NEW.file_type IN ('DIPLOMA', 'CERTIFICATE', 'DOCUMENT') THEN
    PERFORM refresh_practitioner_documents(NEW.related_id);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER files_practitioner_documents
  AFTER INSERT OR DELETE OR UPDATE OF related_resource, related_id, file_type ON files
  FOR EACH ROW EXECUTE FUNCTION sync_practitioner_documents();
