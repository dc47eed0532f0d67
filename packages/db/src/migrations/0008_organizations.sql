-- Hand-written for companies and HR's employee management (apps/api/src/modules/companies,
-- modules/employees).

-- ---------------------------------------------------------------- rejection of a sign-up
-- HuntZen may refuse a company's sign-up, with a reason emailed to its HR admin. A rejected
-- company stays for the record (audit, support) but leaves the validation queue.
ALTER TABLE "companies" ADD COLUMN "rejected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "rejection_reason" text;--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_rejection_check"
  CHECK (("rejected_at" IS NULL) = ("rejection_reason" IS NULL) AND NOT ("rejected_at" IS NOT NULL AND "is_active"));--> statement-breakpoint

-- The language of HuntZen's emails to the company's HR admins (validation, rejection): the spec
-- keeps a preferred language for employees only. Set at sign-up from the form's language.
ALTER TABLE "companies" ADD COLUMN "preferred_language" text NOT NULL DEFAULT 'fr';--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_preferred_language_check"
  CHECK ("preferred_language" IN ('fr', 'en'));--> statement-breakpoint

-- ---------------------------------------------------------------- one company per email domain
-- `companies.email_domains` is an array (the spec's model), which no unique index can cover. Every
-- claimed domain is also a row of this table, whose primary key makes a second claim impossible
-- whatever the concurrency: two transactions inserting the same key are serialised by the index,
-- and the second one fails. Triggers keep it in step with the array; nothing else writes to it.
-- A rejected company releases its domains (it may sign up again, or another company may claim them).
CREATE TABLE "company_email_domains" (
	"domain" text PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL REFERENCES "companies"("id") ON DELETE CASCADE,
	CONSTRAINT "company_email_domains_lower_check" CHECK ("domain" = lower("domain"))
);--> statement-breakpoint
CREATE INDEX "company_email_domains_company_id_idx" ON "company_email_domains" ("company_id");--> statement-breakpoint

-- The array itself is kept canonical: trimmed, lower-case, with its leading "@", without duplicates
-- (first occurrence order kept), so that "@TechCorp.com" and "@techcorp.com" are one domain.
CREATE OR REPLACE FUNCTION companies_normalise_email_domains() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  NEW.email_domains := coalesce((
    SELECT array_agg(d ORDER BY first_ord)
      FROM (SELECT d, min(ord) AS first_ord
              FROM unnest(NEW.email_domains) WITH ORDINALITY AS u(raw, ord),
                   LATERAL (SELECT CASE WHEN btrim(raw) = '' THEN NULL
                                        WHEN left(btrim(raw), 1) = '@' THEN lower(btrim(raw))
                                        ELSE '@' || lower(btrim(raw)) END AS d) AS n
             WHERE d IS NOT NULL
             GROUP BY d) AS canonical), '{}');
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER companies_normalise_email_domains
  BEFORE INSERT OR UPDATE OF email_domains ON "companies"
  FOR EACH ROW EXECUTE FUNCTION companies_normalise_email_domains();--> statement-breakpoint

-- Claims the company's domains and releases those it no longer lists. A domain held by another
-- company raises unique_violation on company_email_domains_pkey, its DETAIL listing every such
-- domain (comma-separated) for the API's DOMAIN_TAKEN answer. SECURITY DEFINER: the application
-- role cannot write to the table (nor see other companies' domains), and HR editing its own
-- company must still claim domains.
CREATE OR REPLACE FUNCTION companies_claim_email_domains() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  wanted text[] := CASE WHEN NEW.rejected_at IS NULL THEN NEW.email_domains ELSE '{}'::text[] END;
  candidate text;
  holder uuid;
  taken text[] := '{}';
BEGIN
  DELETE FROM company_email_domains WHERE company_id = NEW.id AND domain <> ALL (wanted);
  FOREACH candidate IN ARRAY wanted LOOP
    -- A concurrent claim of the same domain makes this wait for that transaction: if it commits,
    -- nothing is inserted and the lookup below (a new snapshot) sees the other holder.
    INSERT INTO company_email_domains (domain, company_id) VALUES (candidate, NEW.id)
      ON CONFLICT (domain) DO NOTHING;
    IF NOT FOUND THEN
      SELECT company_id INTO holder FROM company_email_domains WHERE domain = candidate;
      IF holder IS DISTINCT FROM NEW.id THEN
        taken := taken || candidate;
      END IF;
    END IF;
  END LOOP;
  IF cardinality(taken) > 0 THEN
    RAISE EXCEPTION 'email domain already belongs to another company: %', array_to_string(taken, ', ')
      USING ERRCODE = 'unique_violation', CONSTRAINT = 'company_email_domains_pkey',
            TABLE = 'company_email_domains', DETAIL = array_to_string(taken, ',');
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER companies_claim_email_domains
  AFTER INSERT OR UPDATE OF email_domains, rejected_at ON "companies"
  FOR EACH ROW EXECUTE FUNCTION companies_claim_email_domains();--> statement-breakpoint

-- Existing companies claim their domains now (through the trigger). Two companies already sharing
-- a domain make this migration fail: such data must be fixed by hand before the rule can hold.
UPDATE "companies" SET "email_domains" = "email_domains";--> statement-breakpoint

-- Readable by the platform and the system only (they see every company anyway); written by the
-- trigger alone.
ALTER TABLE "company_email_domains" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY company_email_domains_read ON "company_email_domains" FOR SELECT
  USING ((SELECT app_is_system()) OR (SELECT app_is_platform_admin()));--> statement-breakpoint
REVOKE ALL ON "company_email_domains" FROM huntzen_app;--> statement-breakpoint
GRANT SELECT ON "company_email_domains" TO huntzen_app;--> statement-breakpoint

-- ---------------------------------------------------------------- what HR may change
-- companies_update lets ADMIN_RH update its own company row (branding, domains, onboarding
-- settings). Its validation state and legal identity are HuntZen's to change, whatever the code
-- path: a guard below the API.
CREATE OR REPLACE FUNCTION companies_guard_hr_update() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF app_role() = 'ADMIN_RH' AND (
       NEW.is_active IS DISTINCT FROM OLD.is_active
    OR NEW.validated_at IS DISTINCT FROM OLD.validated_at
    OR NEW.validated_by IS DISTINCT FROM OLD.validated_by
    OR NEW.rejected_at IS DISTINCT FROM OLD.rejected_at
    OR NEW.rejection_reason IS DISTINCT FROM OLD.rejection_reason
    OR NEW.slug IS DISTINCT FROM OLD.slug
    OR NEW.siret IS DISTINCT FROM OLD.siret) THEN
    RAISE EXCEPTION 'HR cannot change the validation state or legal identity of its company'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER companies_guard_hr_update
  BEFORE UPDATE ON "companies"
  FOR EACH ROW EXECUTE FUNCTION companies_guard_hr_update();--> statement-breakpoint

-- HR's employee list filters by department.
CREATE INDEX IF NOT EXISTS "employees_company_id_department_idx" ON "employees" ("company_id", "department");
