-- Issue 16, sessions: a 2FA challenge token makes one session only. The id (`jti`) of every
-- challenge exchanged for a session is kept until the token would have expired anyway; a second
-- exchange of the same token finds its id here and is refused. Written before anyone is signed in:
-- the SYSTEM actor only. Beyond the spec.
CREATE TABLE "used_challenge_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "used_challenge_tokens" ADD CONSTRAINT "used_challenge_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "used_challenge_tokens_expires_at_idx" ON "used_challenge_tokens" USING btree ("expires_at");--> statement-breakpoint
ALTER TABLE "used_challenge_tokens" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY used_challenge_tokens_system ON "used_challenge_tokens"
  USING ((SELECT app_is_system())) WITH CHECK ((SELECT app_is_system()));--> statement-breakpoint
-- Insert-once: nothing may un-use a challenge; expired ids are deleted.
GRANT SELECT, INSERT, DELETE ON "used_challenge_tokens" TO huntzen_app;
