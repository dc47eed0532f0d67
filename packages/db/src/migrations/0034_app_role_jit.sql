-- Hand-written (issue 13): no JIT compilation for the application role. Its statements are short
-- OLTP reads and writes; where row-level security inflated a plan's estimated cost past
-- jit_above_cost, PostgreSQL spent 0.1-2.7 s compiling for a query that ran in milliseconds
-- (measured at db:demo volume, docs/scaling.md). Role settings apply at each login of the role
-- (the application pool logs in as huntzen_app, packages/db client.ts). Changing another role's
-- settings needs CREATEROLE (or a superuser); a migrating login without it keeps the server's
-- default and says so, rather than failing the migration.
DO $$
BEGIN
  ALTER ROLE huntzen_app SET jit = off;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'huntzen_app keeps the server''s jit setting: this login may not change its settings';
END $$;
