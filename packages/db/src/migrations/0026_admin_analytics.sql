-- Issue 11, part 2: HuntZen's admin analytics (GET /api/v1/insights/billing) read the spec's
-- materialized view `practitioner_billing_stats` through the `practitioner_billing` security-barrier
-- view of 0001 (platform admins see every row). Nothing here changes what anyone may read.

-- A month's rows: the spec's unique index starts with the practitioner, so "one month, every
-- practitioner" (the page's default question) would scan the whole view; this index serves the
-- month filter, and the company filter after it.
CREATE INDEX IF NOT EXISTS practitioner_billing_stats_period_company_idx
  ON practitioner_billing_stats (period, company_id);--> statement-breakpoint

-- `date_trunc('month', scheduled_at)` on a timestamptz truncates in the session's time zone, so the
-- view's months depended on the TimeZone of whoever refreshed it (a server set to Europe/Paris
-- would file 1 March 00:30 Paris under February in UTC terms, or the reverse). Billing, the API and
-- the web speak UTC months: the refresh always runs in UTC, whoever calls it.
ALTER FUNCTION refresh_practitioner_stats() SET timezone TO 'UTC';
