-- Hand-written (issue 14, part 3): the waitlist also hears of new openings (an availability change
-- that opens slots, modules/availability), and each waiter is told of a free slot once.
-- Extra table (not in the spec): which slot each waiter was told of. A slot announced again (a
-- second cancellation of the same time, a change that opens it anew) is not told again to whom it
-- was told: the job inserts the row before telling, so two jobs at once cannot both tell (primary
-- key). The rows go with their entry (left, expired, erased account).
CREATE TABLE waitlist_notices (
  entry_id uuid NOT NULL REFERENCES waitlist_entries(id) ON DELETE CASCADE,
  slot_start timestamptz NOT NULL,
  notified_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (entry_id, slot_start)
);--> statement-breakpoint
ALTER TABLE waitlist_notices ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE waitlist_notices FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- Bookkeeping of the job (the system actor) alone: the employee sees what they were told in their
-- notifications.
CREATE POLICY waitlist_notices_system ON waitlist_notices FOR ALL
  USING ((SELECT app_is_system()))
  WITH CHECK ((SELECT app_is_system()));--> statement-breakpoint
REVOKE ALL ON waitlist_notices FROM huntzen_app;--> statement-breakpoint
GRANT SELECT, INSERT ON waitlist_notices TO huntzen_app;
