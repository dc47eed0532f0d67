CREATE TABLE "account_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "recovery_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD COLUMN "family_id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD COLUMN "rotated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD COLUMN "last_used_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD COLUMN "ip_address" text;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD COLUMN "user_agent" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "failed_login_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "locked_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "password_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "account_tokens" ADD CONSTRAINT "account_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_codes" ADD CONSTRAINT "recovery_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_tokens_user_id_idx" ON "account_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "recovery_codes_user_id_idx" ON "recovery_codes" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "refresh_tokens_family_id_idx" ON "refresh_tokens" USING btree ("family_id");--> statement-breakpoint
-- Hand-written part. Accounts that exist before this migration count as approved.
UPDATE "users" SET "approved_at" = "created_at" WHERE "approved_at" IS NULL AND "is_active";--> statement-breakpoint
ALTER TABLE "account_tokens" ADD CONSTRAINT "account_tokens_purpose_check"
  CHECK ("purpose" IN ('VERIFY_EMAIL', 'RESET_PASSWORD', 'ADMIN_INVITATION'));--> statement-breakpoint
-- Email links are looked up before anyone is signed in: the SYSTEM actor only.
ALTER TABLE "account_tokens" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY account_tokens_system ON "account_tokens"
  USING ((SELECT app_is_system())) WITH CHECK ((SELECT app_is_system()));--> statement-breakpoint
ALTER TABLE "recovery_codes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY recovery_codes_owner ON "recovery_codes"
  USING ((SELECT app_is_system()) OR user_id = (SELECT app_user_id()))
  WITH CHECK ((SELECT app_is_system()) OR user_id = (SELECT app_user_id()));--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "account_tokens", "recovery_codes" TO huntzen_app;
--> statement-breakpoint
-- A SUPER_ADMIN invites HuntZen admins: the invitation link is the one token they may create.
CREATE POLICY account_tokens_invitation ON "account_tokens" FOR INSERT
  WITH CHECK ((SELECT app_role()) = 'SUPER_ADMIN' AND purpose = 'ADMIN_INVITATION');--> statement-breakpoint
-- Ends every session of a user, for those allowed to manage that account: the system, the user,
-- SUPER_ADMIN (anyone), ADMIN_HUNTZEN (anyone but admins), ADMIN_RH (their company's employees).
-- SECURITY DEFINER because refresh tokens are otherwise private to their user.
CREATE OR REPLACE FUNCTION revoke_user_sessions(target uuid) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  t users%ROWTYPE;
  n integer;
BEGIN
  SELECT * INTO t FROM users WHERE id = target;
  IF NOT FOUND THEN RETURN 0; END IF;
  IF NOT (app_is_system() OR app_user_id() = target OR app_role() = 'SUPER_ADMIN'
          OR (app_role() = 'ADMIN_HUNTZEN' AND t.role NOT IN ('SUPER_ADMIN', 'ADMIN_HUNTZEN'))
          OR (app_role() = 'ADMIN_RH' AND t.role = 'EMPLOYEE' AND t.company_id = app_tenant())) THEN
    RAISE EXCEPTION 'not allowed to end the sessions of user %', target USING ERRCODE = 'insufficient_privilege';
  END IF;
  UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = target AND revoked_at IS NULL;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION revoke_user_sessions(uuid) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION revoke_user_sessions(uuid) TO huntzen_app;
