-- Hand-written for issue 17 (newcomer journeys): proof of control of a company's email domains, and
-- a display name for the accounts that have no profile (HR and HuntZen's admins).

-- ---------------------------------------------------------------- verified email domains
-- A domain admits whoever holds an address there (employee sign-up). A company's own domains given
-- at its sign-up are vouched for by HuntZen's validation of the company; a domain HR adds later
-- stays "pending verification" until someone proves control of it: a single-use link emailed to an
-- address at that domain chosen by HR, or a HuntZen admin's validation. Sign-ups match verified
-- domains only. The spec's `companies.email_domains` array stays the list of claimed domains.
ALTER TABLE "company_email_domains" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "company_email_domains" ADD COLUMN "verification_method" text;--> statement-breakpoint
ALTER TABLE "company_email_domains" ADD COLUMN "verified_by" uuid
  REFERENCES "users"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "company_email_domains" ADD CONSTRAINT "company_email_domains_verification_check"
  CHECK (("verified_at" IS NULL) = ("verification_method" IS NULL)
         AND ("verification_method" IS NULL
              OR "verification_method" IN ('COMPANY_VALIDATION', 'EMAIL_LINK', 'ADMIN')));--> statement-breakpoint

-- Domains of companies HuntZen validated (or created active) before this migration keep admitting
-- sign-ups.
UPDATE "company_email_domains" d
   SET "verified_at" = coalesce(c."validated_at", now()), "verification_method" = 'COMPANY_VALIDATION'
  FROM "companies" c
 WHERE c."id" = d."company_id" AND (c."validated_at" IS NOT NULL OR c."is_active");--> statement-breakpoint

-- HuntZen's validation of a company verifies the domains it holds at that moment (those of its
-- sign-up, which the admin saw). A company inserted already validated or active (the seed, tests;
-- the API only creates pending ones) counts as validated. Fires after companies_claim_email_domains
-- (triggers of one event run by name), so the rows to verify exist. SECURITY DEFINER: the table is
-- written by triggers and the platform only.
CREATE OR REPLACE FUNCTION companies_verify_domains_on_validation() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  validating boolean;
BEGIN
  IF TG_OP = 'INSERT' THEN
    validating := NEW.validated_at IS NOT NULL OR NEW.is_active;
  ELSE
    validating := OLD.validated_at IS NULL AND NEW.validated_at IS NOT NULL;
  END IF;
  IF validating AND NEW.rejected_at IS NULL THEN
    UPDATE company_email_domains
       SET verified_at = coalesce(NEW.validated_at, now()), verification_method = 'COMPANY_VALIDATION',
           verified_by = NEW.validated_by
     WHERE company_id = NEW.id AND verified_at IS NULL;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER companies_verify_domains_on_validation
  AFTER INSERT OR UPDATE OF validated_at ON "companies"
  FOR EACH ROW EXECUTE FUNCTION companies_verify_domains_on_validation();--> statement-breakpoint

-- HR reads its own company's domains and their state (never another company's: the register stays
-- hidden from it). Only the system (a verification link) and HuntZen's admins mark one verified.
CREATE POLICY company_email_domains_read_own ON "company_email_domains" FOR SELECT
  USING ((SELECT app_role()) = 'ADMIN_RH' AND company_id = (SELECT app_tenant()));--> statement-breakpoint
CREATE POLICY company_email_domains_verify ON "company_email_domains" FOR UPDATE
  USING ((SELECT app_is_system()) OR (SELECT app_is_platform_admin()))
  WITH CHECK ((SELECT app_is_system()) OR (SELECT app_is_platform_admin()));--> statement-breakpoint
GRANT UPDATE ("verified_at", "verification_method", "verified_by") ON "company_email_domains" TO huntzen_app;--> statement-breakpoint

-- Verification links: one row per link sent, the token kept as its SHA-256 only (like
-- account_tokens), 24 hours, single use. The address must be at the domain it proves. Removing the
-- domain (or the company losing it) deletes its links.
CREATE TABLE "company_domain_verifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"domain" text NOT NULL REFERENCES "company_email_domains"("domain") ON DELETE CASCADE,
	"company_id" uuid NOT NULL REFERENCES "companies"("id") ON DELETE CASCADE,
	"email" text NOT NULL,
	"token_hash" text NOT NULL,
	"requested_by" uuid REFERENCES "users"("id") ON DELETE SET NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "company_domain_verifications_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "company_domain_verifications_email_check"
	  CHECK ("email" = lower("email") AND substring("email" from '@[^@]*$') = "domain"
	         AND char_length("email") <= 254)
);--> statement-breakpoint
CREATE INDEX "company_domain_verifications_domain_idx" ON "company_domain_verifications" ("domain");--> statement-breakpoint
CREATE INDEX "company_domain_verifications_company_id_idx" ON "company_domain_verifications" ("company_id");--> statement-breakpoint

-- HR asks for links for its own company (and replaces its unused ones); the system consumes them
-- (the link is opened signed out); HuntZen's admins read them for support.
ALTER TABLE "company_domain_verifications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "company_domain_verifications" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY company_domain_verifications_read ON "company_domain_verifications" FOR SELECT
  USING ((SELECT app_is_system()) OR (SELECT app_is_platform_admin())
         OR ((SELECT app_role()) = 'ADMIN_RH' AND company_id = (SELECT app_tenant())));--> statement-breakpoint
CREATE POLICY company_domain_verifications_request ON "company_domain_verifications" FOR INSERT
  WITH CHECK ((SELECT app_is_system())
              OR ((SELECT app_role()) = 'ADMIN_RH' AND company_id = (SELECT app_tenant())
                  AND requested_by = (SELECT app_user_id()) AND used_at IS NULL));--> statement-breakpoint
CREATE POLICY company_domain_verifications_replace ON "company_domain_verifications" FOR DELETE
  USING ((SELECT app_is_system())
         OR ((SELECT app_role()) = 'ADMIN_RH' AND company_id = (SELECT app_tenant()) AND used_at IS NULL));--> statement-breakpoint
CREATE POLICY company_domain_verifications_consume ON "company_domain_verifications" FOR UPDATE
  USING ((SELECT app_is_system())) WITH CHECK ((SELECT app_is_system()));--> statement-breakpoint
REVOKE ALL ON "company_domain_verifications" FROM huntzen_app;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON "company_domain_verifications" TO huntzen_app;--> statement-breakpoint
GRANT UPDATE ("used_at") ON "company_domain_verifications" TO huntzen_app;--> statement-breakpoint

-- ---------------------------------------------------------------- display names
-- Employees and practitioners have a profile with their names; HR and HuntZen's admins had none, so
-- their home said "Bonjour" alone. Set at sign-up / invitation, editable by the account itself
-- (users_guard_update keeps it out of reach of anyone else).
ALTER TABLE "users" ADD COLUMN "display_name" text;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_display_name_check"
  CHECK ("display_name" IS NULL
         OR (char_length(btrim("display_name")) BETWEEN 1 AND 100 AND "display_name" !~ '[[:cntrl:]]'));--> statement-breakpoint
GRANT UPDATE ("display_name") ON "users" TO huntzen_app;
