-- Issue 17: a session ended before MIN_BILLABLE_MINUTES (10, @huntzen/contracts) is not billable.
-- 0018's billing guard let billability change only with a cancellation or a no-show; it now also
-- lets the end set it, and only as the rule says (a participant cannot dodge billing of a real
-- session, nor bill a session that barely began).
CREATE OR REPLACE FUNCTION consultations_guard_billing() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  actor text := app_role();
  late_soon boolean;
  late_surely boolean;
  absent text;
BEGIN
  IF NOT row_security_active(TG_RELID) OR app_is_system() OR app_is_platform_admin() THEN
    RETURN NEW;
  END IF;
  IF (NEW.billing_status, NEW.billed_at) IS DISTINCT FROM (OLD.billing_status, OLD.billed_at) THEN
    RAISE EXCEPTION 'billing is changed by HuntZen only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.status = 'COMPLETED' AND OLD.status IS DISTINCT FROM 'COMPLETED' THEN
    -- The end: a session shorter than the minimum (10 minutes, MIN_BILLABLE_MINUTES in
    -- @huntzen/contracts) is not billable, any other stays as it was. consultation_duration_trigger
    -- sorts before this trigger, so NEW.actual_duration is already computed.
    IF (NEW.cancelled_within24h, NEW.no_show_by) IS DISTINCT FROM (OLD.cancelled_within24h, OLD.no_show_by)
       OR NEW.is_billable IS DISTINCT FROM (OLD.is_billable AND coalesce(NEW.actual_duration, 0) >= 10) THEN
      RAISE EXCEPTION 'an ended session is billable unless it lasted less than 10 minutes'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.status IS NOT DISTINCT FROM OLD.status OR NEW.status NOT IN ('CANCELLED', 'NO_SHOW') THEN
    IF (NEW.is_billable, NEW.cancelled_within24h, NEW.no_show_by)
       IS DISTINCT FROM (OLD.is_billable, OLD.cancelled_within24h, OLD.no_show_by) THEN
      RAISE EXCEPTION 'billability changes only with a cancellation or a no-show'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.status = 'CANCELLED' THEN
    -- Late = less than 24 hours before the start; a minute of slack either way for the clocks.
    late_surely := OLD.scheduled_at < now() + interval '23 hours 59 minutes';
    late_soon := OLD.scheduled_at < now() + interval '24 hours 1 minute';
    IF NEW.cancelled_within24h IS NULL OR (late_surely AND NOT NEW.cancelled_within24h)
       OR (NEW.cancelled_within24h AND NOT late_soon)
       OR NEW.is_billable IS DISTINCT FROM (NEW.cancelled_within24h AND actor = 'EMPLOYEE') THEN
      RAISE EXCEPTION 'a cancellation is billable only when the employee cancels late'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
  ELSE
    absent := CASE actor WHEN 'EMPLOYEE' THEN 'practitioner' WHEN 'PRACTITIONER' THEN 'employee' END;
    IF NEW.no_show_by IS DISTINCT FROM absent OR NEW.is_billable IS DISTINCT FROM (NEW.no_show_by = 'employee') THEN
      RAISE EXCEPTION 'a no-show is reported about the other participant, billable when the employee was absent'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
