-- Hand-written: real-time delivery of notifications, and the indexes of the bell.
--
-- Every change that matters to a user's bell is announced on the channel `huntzen_notifications`
-- with pg_notify. PostgreSQL delivers a NOTIFY only when its transaction commits, and never when it
-- rolls back, so a notification is pushed exactly when it exists for good, whoever created it: a
-- request on any API instance, a job in a worker process, a seed or a hand-written SQL statement.
-- Each API instance LISTENs and pushes to its own connected sockets (apps/api/src/platform/notifications/push.ts).
-- Payloads carry ids only (no title or message: a NOTIFY payload is readable by any session
-- LISTENing on the database, and is limited to 8000 bytes).
CREATE OR REPLACE FUNCTION announce_notification_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM pg_notify('huntzen_notifications',
      json_build_object('event', 'created', 'userId', NEW.user_id, 'id', NEW.id)::text);
  ELSE
    -- Read, unread or deleted: only the unread count changes. Identical payloads of one
    -- transaction are delivered once, so "mark all read" announces one change per user.
    PERFORM pg_notify('huntzen_notifications',
      json_build_object('event', 'changed', 'userId', coalesce(NEW.user_id, OLD.user_id))::text);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint

CREATE TRIGGER notifications_announce_insert AFTER INSERT ON notifications
  FOR EACH ROW EXECUTE FUNCTION announce_notification_change();--> statement-breakpoint
CREATE TRIGGER notifications_announce_read AFTER UPDATE OF is_read ON notifications
  FOR EACH ROW WHEN (OLD.is_read IS DISTINCT FROM NEW.is_read)
  EXECUTE FUNCTION announce_notification_change();--> statement-breakpoint
CREATE TRIGGER notifications_announce_delete AFTER DELETE ON notifications
  FOR EACH ROW WHEN (NOT OLD.is_read)
  EXECUTE FUNCTION announce_notification_change();--> statement-breakpoint

-- The notification centre lists a user's notifications newest first, page by page, and the bell
-- counts the unread ones on every page load and every push: one index for each, instead of
-- combining the single-column indexes of the spec for every user.
CREATE INDEX IF NOT EXISTS notifications_user_feed_idx ON notifications (user_id, created_at DESC, id DESC);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS notifications_user_unread_idx ON notifications (user_id) WHERE NOT is_read;
