-- Hand-written for availability and slots (apps/api/src/modules/availability).
--
-- Storage of a practitioner's availability (spec section 6, table availabilities):
--   RECURRING rows: day_of_week 0-6 (0 = Sunday), start_time/end_time "HH:MM" in the practitioner's
--     time zone, date NULL. end_time may be "24:00" (the end of the day: ends are exclusive, and a
--     window until midnight cannot be written otherwise).
--   EXCEPTION rows: `date` is a calendar date of the practitioner's time zone, stored as midnight
--     UTC of that date (2026-12-25 → 2026-12-25T00:00:00Z), whatever the zone; day_of_week NULL.
--     is_available = false without times: day off; with times: those hours blocked.
--     is_available = true with times: an extra opening.
-- The API validates the same rules with field errors; these constraints make them true for every
-- writer (seed, demo loader, psql) and close the race between two concurrent edits.

-- "HH:MM" → minutes since midnight ("24:00" → 1440). IMMUTABLE so the exclusion constraints can
-- index it; only called on values the CHECK constraints below have already accepted.
CREATE OR REPLACE FUNCTION availability_minute(t text) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT split_part(t, ':', 1)::integer * 60 + split_part(t, ':', 2)::integer
$$;--> statement-breakpoint

ALTER TABLE availabilities
  ADD CONSTRAINT availabilities_day_of_week_check CHECK (day_of_week BETWEEN 0 AND 6),
  ADD CONSTRAINT availabilities_start_time_check CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  ADD CONSTRAINT availabilities_end_time_check CHECK (end_time ~ '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$'),
  ADD CONSTRAINT availabilities_times_check CHECK (
    (start_time IS NULL) = (end_time IS NULL)
    AND (start_time IS NULL OR availability_minute(start_time) < availability_minute(end_time))),
  ADD CONSTRAINT availabilities_slot_duration_check CHECK (slot_duration BETWEEN 10 AND 180),
  ADD CONSTRAINT availabilities_kind_check CHECK (
    (type = 'RECURRING' AND day_of_week IS NOT NULL AND start_time IS NOT NULL AND date IS NULL)
    OR (type = 'EXCEPTION' AND day_of_week IS NULL AND date IS NOT NULL
        AND date = date_trunc('day', date, 'UTC')
        AND (is_available = false OR start_time IS NOT NULL)));--> statement-breakpoint

-- No two active weekly windows of one practitioner overlap on a weekday, and no two active
-- exceptions overlap on a date (a day off covers the whole day). Touching is fine (09:00-12:00 and
-- 12:00-14:00). btree_gist (0001) gives the = operators on uuid, integer and timestamptz.
ALTER TABLE availabilities ADD CONSTRAINT availabilities_recurring_no_overlap EXCLUDE USING gist (
  practitioner_id WITH =,
  day_of_week WITH =,
  int4range(availability_minute(start_time), availability_minute(end_time)) WITH &&
) WHERE (type = 'RECURRING' AND is_active);--> statement-breakpoint
ALTER TABLE availabilities ADD CONSTRAINT availabilities_exception_no_overlap EXCLUDE USING gist (
  practitioner_id WITH =,
  date WITH =,
  int4range(coalesce(availability_minute(start_time), 0), coalesce(availability_minute(end_time), 1440)) WITH &&
) WHERE (type = 'EXCEPTION' AND is_active);--> statement-breakpoint

-- The slot engine's one query for the consultations of many practitioners at once (directory:
-- "available within N days", "next free slot"): index-only on the non-cancelled rows.
CREATE INDEX IF NOT EXISTS consultations_busy_idx ON consultations (practitioner_id, scheduled_at)
  INCLUDE (scheduled_end_at) WHERE status <> 'CANCELLED';--> statement-breakpoint

-- When practitioners are busy, and nothing else. An employee's RLS shows only their own
-- consultations, yet free slots must avoid everyone's: this returns the time ranges of the
-- non-cancelled consultations of the given practitioners overlapping [range_from, range_to) —
-- no employee, company, format or note. Only for practitioners the caller may book or see the
-- slots of: validated and active ones for any signed-in user, their own for a practitioner,
-- every one for the platform and the system.
-- PL/pgSQL with custom plans: planned with the actual ids and range on each call (about a
-- millisecond), the planner picks the per-practitioner index for a few practitioners and a scan
-- for hundreds. A generic plan (a LANGUAGE sql function's) guesses the range selective and walks
-- the scheduled_at index over every practitioner's rows: 50 times slower for one practitioner.
CREATE OR REPLACE FUNCTION practitioner_busy_times(practitioner_ids uuid[], range_from timestamptz, range_to timestamptz)
  RETURNS TABLE (practitioner_id uuid, starts_at timestamptz, ends_at timestamptz)
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  SET plan_cache_mode = force_custom_plan AS $$
BEGIN
  RETURN QUERY
  SELECT c.practitioner_id, c.scheduled_at, c.scheduled_end_at
    FROM consultations c
    JOIN practitioners p ON p.id = c.practitioner_id
   WHERE c.practitioner_id = ANY (practitioner_ids)
     AND c.status <> 'CANCELLED'
     -- A consultation lasts less than a day (0013 checks it): bounds the index range.
     AND c.scheduled_at >= range_from - interval '1 day'
     AND c.scheduled_at < range_to
     AND c.scheduled_end_at > range_from
     AND ((SELECT app_is_system()) OR (SELECT app_is_platform_admin())
          OR p.id = (SELECT app_practitioner())
          OR ((SELECT app_is_authenticated()) AND p.is_validated AND p.is_active))
   ORDER BY c.practitioner_id, c.scheduled_at;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION practitioner_busy_times(uuid[], timestamptz, timestamptz) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION practitioner_busy_times(uuid[], timestamptz, timestamptz) TO huntzen_app;
