-- 0029 Operations: the encryption key canary.
--
-- Backups (`npm run db:backup`) hold the encrypted columns but never the key (ENCRYPTION_KEY lives
-- in the operator's secret store, or DATA_DIR/encryption.key in development). A database restored
-- next to the wrong key would start, answer, and fail on every encrypted read — or worse, write
-- new rows under a key that the old rows do not share. The canary is one known value sealed under
-- the key at the first start: every start (and `npm run db:restore`) decrypts it first and refuses
-- to go on when it cannot. After a key rotation the start that sees it under a previous key seals
-- it again under the current one.
--
-- One row only (id = 1). Its plaintext is a constant: the row proves the key, it hides nothing.
CREATE TABLE key_canary (
  id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  encrypted_content text NOT NULL,
  iv text NOT NULL,
  auth_tag text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);--> statement-breakpoint
ALTER TABLE key_canary ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE key_canary FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- Only the SYSTEM actor (the start-up check, proven by its token) reads or writes it.
CREATE POLICY key_canary_system ON key_canary
  USING ((SELECT app_is_system()))
  WITH CHECK ((SELECT app_is_system()));--> statement-breakpoint
-- The default privileges of 0001 granted every verb: keep only what the check needs.
REVOKE ALL ON key_canary FROM huntzen_app;--> statement-breakpoint
GRANT SELECT, INSERT ON key_canary TO huntzen_app;--> statement-breakpoint
GRANT UPDATE (encrypted_content, iv, auth_tag, updated_at) ON key_canary TO huntzen_app;
