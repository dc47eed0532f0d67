-- Not in the spec: the mail sender's "not before" (next_attempt_at) holds the exponential backoff after a
-- failed attempt and the short lease of the worker sending a row, so a crash mid-send loses nothing and
-- two workers never send one row at once. The partial index serves the claim order of the rows to send.
ALTER TABLE "email_queue" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "email_queue_pending_idx" ON "email_queue" USING btree ("priority" DESC NULLS LAST,"created_at") WHERE "email_queue"."status" = 'PENDING';
