-- Hand-written for the video rooms, the reminders and billing (apps/api/src/modules/video,
-- reminders and billing).

-- ---------------------------------------------------------------- HR reads, never writes, consultations
-- `tenant_isolation` (0001) is one policy for every command: HR reads its company's consultations
-- (the counters need them) and, by the same rule, could change them — validate its own bills, say.
-- These RESTRICTIVE policies take writes away from ADMIN_RH and leave its reads alone. HR's one
-- legitimate write, disputing a bill, goes through `dispute_consultation_billing` below, which
-- checks everything itself. Events follow: HR records none.
CREATE POLICY consultations_hr_no_insert ON consultations AS RESTRICTIVE FOR INSERT
  WITH CHECK ((SELECT app_role()) <> 'ADMIN_RH');--> statement-breakpoint
CREATE POLICY consultations_hr_no_update ON consultations AS RESTRICTIVE FOR UPDATE
  USING ((SELECT app_role()) <> 'ADMIN_RH')
  WITH CHECK ((SELECT app_role()) <> 'ADMIN_RH');--> statement-breakpoint
CREATE POLICY consultations_hr_no_delete ON consultations AS RESTRICTIVE FOR DELETE
  USING ((SELECT app_role()) <> 'ADMIN_RH');--> statement-breakpoint
CREATE POLICY consultation_events_hr_no_insert ON consultation_events AS RESTRICTIVE FOR INSERT
  WITH CHECK ((SELECT app_role()) <> 'ADMIN_RH');--> statement-breakpoint
CREATE POLICY consultation_events_hr_no_update ON consultation_events AS RESTRICTIVE FOR UPDATE
  USING ((SELECT app_role()) <> 'ADMIN_RH')
  WITH CHECK ((SELECT app_role()) <> 'ADMIN_RH');--> statement-breakpoint
CREATE POLICY consultation_events_hr_no_delete ON consultation_events AS RESTRICTIVE FOR DELETE
  USING ((SELECT app_role()) <> 'ADMIN_RH');--> statement-breakpoint

-- ---------------------------------------------------------------- reminders: once each
-- A reminder (24 h or 1 h before a start) is sent in the transaction that records its
-- REMINDER_SENT event, and this index admits one such event per consultation, kind and planned
-- start: two workers running the same reminder (a retried job, a duplicate) cannot both commit,
-- whatever the timing. The planned start is part of the key so that a consultation moved to
-- another time is reminded again for its new time.
CREATE UNIQUE INDEX consultation_events_reminder_once
  ON consultation_events (consultation_id, (metadata ->> 'kind'), (metadata ->> 'scheduledAt'))
  WHERE event_type = 'REMINDER_SENT';--> statement-breakpoint

-- ---------------------------------------------------------------- billing disputes
-- Why HR or HuntZen contests a bill. A table rather than a consultation column: a consultation may
-- be disputed, re-validated and disputed again (the history stays), the text is written by HR about
-- an invoice and must reach neither the participants (consultation events follow the
-- consultation's visibility) nor the audit log's before/after copies of consultations (admins read
-- those; someone may write more than they should in a free text). Readable by HuntZen's admins and
-- by the HR of the consultation's company; written only by `dispute_consultation_billing`;
-- resolved (re-validated) by HuntZen's admins.
CREATE TABLE billing_disputes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  consultation_id uuid NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
  company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  reason text NOT NULL,
  disputed_by uuid NOT NULL,
  disputed_by_role role NOT NULL,
  -- The billing status the dispute interrupted (PENDING, VALIDATED or BILLED).
  previous_status billing_status NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  resolved_by uuid,
  CONSTRAINT billing_disputes_reason_length CHECK (char_length(btrim(reason)) BETWEEN 3 AND 1000),
  CONSTRAINT billing_disputes_resolution CHECK ((resolved_at IS NULL) = (resolved_by IS NULL))
);--> statement-breakpoint
CREATE INDEX billing_disputes_consultation_idx ON billing_disputes (consultation_id, created_at);--> statement-breakpoint
-- At most one open dispute per consultation.
CREATE UNIQUE INDEX billing_disputes_one_open ON billing_disputes (consultation_id) WHERE resolved_at IS NULL;--> statement-breakpoint
ALTER TABLE billing_disputes ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY billing_disputes_read ON billing_disputes FOR SELECT
  USING ((SELECT app_is_system()) OR (SELECT app_is_platform_admin())
         OR ((SELECT app_role()) = 'ADMIN_RH' AND company_id = (SELECT app_tenant())));--> statement-breakpoint
CREATE POLICY billing_disputes_resolve ON billing_disputes FOR UPDATE
  USING ((SELECT app_is_system()) OR (SELECT app_is_platform_admin()))
  WITH CHECK ((SELECT app_is_system()) OR (SELECT app_is_platform_admin()));--> statement-breakpoint
REVOKE INSERT, DELETE, TRUNCATE ON billing_disputes FROM huntzen_app;--> statement-breakpoint
GRANT SELECT, UPDATE ON billing_disputes TO huntzen_app;--> statement-breakpoint

-- Disputes a consultation's bill for the actor of the transaction: HuntZen's admins (any company)
-- or the HR of the consultation's company. SECURITY DEFINER because HR may not update
-- consultations (policies above): everything the policies would check is checked here, with the
-- same actor functions. The consultation's audit trigger records the change as the actor's.
-- Returns the outcome — 'disputed', 'not_found' (not the caller's to see), 'not_billable' (not a
-- final, billable consultation) or 'already_disputed' — with the billing status found.
-- Billable: COMPLETED, NO_SHOW or CANCELLED with is_billable (the lifecycle clears is_billable for
-- an absent practitioner and for every cancellation but the employee's late one).
CREATE FUNCTION dispute_consultation_billing(p_consultation uuid, p_reason text,
                                             OUT outcome text, OUT found_status billing_status)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  c consultations%ROWTYPE;
BEGIN
  IF NOT (app_is_platform_admin() OR app_role() = 'ADMIN_RH') OR app_user_id() IS NULL THEN
    outcome := 'not_found';
    RETURN;
  END IF;
  SELECT * INTO c FROM consultations
   WHERE id = p_consultation AND (app_is_platform_admin() OR company_id = app_tenant())
   FOR UPDATE;
  IF NOT FOUND THEN
    outcome := 'not_found';
    RETURN;
  END IF;
  found_status := c.billing_status;
  IF NOT (c.is_billable AND c.status IN ('COMPLETED', 'NO_SHOW', 'CANCELLED')) THEN
    outcome := 'not_billable';
    RETURN;
  END IF;
  IF c.billing_status = 'DISPUTED' THEN
    outcome := 'already_disputed';
    RETURN;
  END IF;
  UPDATE consultations SET billing_status = 'DISPUTED', updated_at = now() WHERE id = c.id;
  INSERT INTO billing_disputes (consultation_id, company_id, reason, disputed_by, disputed_by_role, previous_status)
  VALUES (c.id, c.company_id, btrim(p_reason), app_user_id(), app_role()::role, c.billing_status);
  outcome := 'disputed';
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION dispute_consultation_billing(uuid, text) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION dispute_consultation_billing(uuid, text) TO huntzen_app;
