-- Hand-written for files (apps/api/src/platform/files, modules/files): what files_read cannot say.
-- Chat attachments are read by the consultation's two participants. `files_read` cannot express
-- it: a practitioner has no tenant, so `company_id = app_tenant()` fails on an employee's upload,
-- and `allowed_roles` would open the file to every employee or practitioner of the tenant. HR and
-- admins never match (only employees and practitioners have app_employee / app_practitioner).
CREATE POLICY files_consultation_participants ON files FOR SELECT
  USING (file_type = 'ATTACHMENT' AND related_resource = 'consultation' AND EXISTS (
    SELECT 1 FROM consultations c
     -- Guarded cast: related_id is text and may hold other kinds of ids.
     WHERE c.id = CASE WHEN files.related_id ~ '^[0-9a-fA-F-]{36}$' THEN files.related_id::uuid END
       AND (c.employee_id = (SELECT app_employee()) OR c.practitioner_id = (SELECT app_practitioner()))));--> statement-breakpoint
-- The hourly clean-up looks for expired files; only temporary uploads have an expiry.
CREATE INDEX IF NOT EXISTS files_expires_at_idx ON files (expires_at) WHERE expires_at IS NOT NULL;
