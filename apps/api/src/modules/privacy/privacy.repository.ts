// SQL of the privacy module: what the export reads (always as the actor, under row-level security),
// the erasure requests, and the owner-run functions of migration 0022 (erase_own_account,
// purge_audit_logs).
import type { Tx } from '@huntzen/db';
import { sql } from 'drizzle-orm';

type Row = Record<string, unknown>;

async function rows(tx: Tx, query: ReturnType<typeof sql>): Promise<Row[]> {
  const result = await tx.execute<Row>(query);
  return result.rows;
}

/** The account, without its password hash, TOTP secret or sign-in counters. */
export async function accountOf(tx: Tx, userId: string): Promise<Row | null> {
  const [row] = await rows(
    tx,
    sql`select u.id, u.email, u.role, u.display_name as "displayName", u.is_active as "isActive",
               u.email_verified as "emailVerified", u.email_verified_at as "emailVerifiedAt",
               u.two_factor_enabled as "twoFactorEnabled", u.company_id as "companyId",
               c.name as "companyName", u.approved_at as "approvedAt", u.last_login_at as "lastLoginAt",
               u.password_changed_at as "passwordChangedAt", u.created_at as "createdAt",
               u.updated_at as "updatedAt"
          from users u left join companies c on c.id = u.company_id
         where u.id = ${userId}`,
  );
  return row ?? null;
}

/** The live sessions (no token, only when and from where). */
export function sessionsOf(tx: Tx, userId: string): Promise<Row[]> {
  return rows(
    tx,
    sql`select family_id as "sessionId", min(created_at) as "startedAt", max(expires_at) as "expiresAt",
               (array_agg(ip_address order by created_at desc))[1] as "ipAddress",
               (array_agg(user_agent order by created_at desc))[1] as "userAgent"
          from refresh_tokens
         where user_id = ${userId} and revoked_at is null and expires_at > now()
         group by family_id order by 2`,
  );
}

/** The employee profile of the account, if any (every column: it is all theirs). */
export async function employeeOf(tx: Tx, userId: string): Promise<Row | null> {
  const [row] = await rows(
    tx,
    sql`select id, company_id as "companyId", first_name as "firstName", last_name as "lastName",
               department, position, phone_number as "phoneNumber", bio, location, birth_date as "birthDate",
               avatar_url as "avatarUrl", cover_url as "coverUrl",
               onboarding_completed_at as "onboardingCompletedAt", consent_given_at as "consentGivenAt",
               consent_version as "consentVersion", preferred_language as "preferredLanguage", timezone,
               journal_sentiment_enabled as "journalSentimentEnabled",
               share_usage_with_hr as "shareUsageWithHr", usage_sharing_changed_at as "usageSharingChangedAt",
               created_at as "createdAt",
               updated_at as "updatedAt"
          from employees where user_id = ${userId}`,
  );
  return row ?? null;
}

/** The practitioner profile of the account, if any. */
export async function practitionerOf(tx: Tx, userId: string): Promise<Row | null> {
  const [row] = await rows(tx, sql`select * from practitioners where user_id = ${userId}`);
  return row ? camel(row) : null;
}

/** A practitioner's weekly hours and exceptions. */
export async function availabilitiesOf(tx: Tx, practitionerId: string): Promise<Row[]> {
  return (
    await rows(
      tx,
      sql`select * from availabilities where practitioner_id = ${practitionerId} order by created_at`,
    )
  ).map(camel);
}

/** Reviews a practitioner received (published ones: public already), without the reviewer. */
export function reviewsReceived(tx: Tx, practitionerId: string): Promise<Row[]> {
  return rows(
    tx,
    sql`select id, rating, comment, created_at as "createdAt"
          from practitioner_reviews where practitioner_id = ${practitionerId} and is_published
         order by created_at`,
  );
}

/** Reviews an employee wrote. */
export function reviewsWritten(tx: Tx, employeeId: string): Promise<Row[]> {
  return rows(
    tx,
    sql`select r.id, r.consultation_id as "consultationId", r.practitioner_id as "practitionerId",
               r.rating, r.comment, r.is_published as "isPublished", r.created_at as "createdAt"
          from practitioner_reviews r where r.employee_id = ${employeeId} order by r.created_at`,
  );
}

const CONSULTATION_COLUMNS = sql`c.id, c.scheduled_at as "scheduledAt", c.scheduled_end_at as "scheduledEndAt",
  c.duration, c.format, c.status, c.started_at as "startedAt", c.ended_at as "endedAt",
  c.actual_duration as "actualDuration", c.cancelled_at as "cancelledAt", c.cancelled_within24h as "cancelledWithin24h",
  c.no_show_at as "noShowAt", c.no_show_by as "noShowBy", c.is_billable as "isBillable",
  c.billing_status as "billingStatus", c.billed_at as "billedAt", c.created_at as "createdAt"`;

/** An employee's consultations with their own reason and the practitioner's name (no room secrets). */
export function employeeConsultations(tx: Tx, employeeId: string, userId: string): Promise<Row[]> {
  return rows(
    tx,
    sql`select ${CONSULTATION_COLUMNS}, c.practitioner_id as "practitionerId",
               concat_ws(' ', p.title, p.first_name, p.last_name) as "practitionerName",
               f.notes as "reason", f.cancel_reason as "cancelReason",
               (c.cancelled_by = ${userId}) as "cancelledByMe"
          from consultations c
          left join practitioners p on p.id = c.practitioner_id
          left join consultation_private_fields f on f.id = c.id
         where c.employee_id = ${employeeId}
         order by c.scheduled_at`,
  );
}

/**
 * A practitioner's consultations: their agenda and billing. The patient is an opaque id; neither
 * the patient's name nor their reason is the practitioner's personal data to carry away.
 */
export function practitionerConsultations(tx: Tx, practitionerId: string, userId: string): Promise<Row[]> {
  return rows(
    tx,
    sql`select ${CONSULTATION_COLUMNS}, c.employee_id as "patientId", c.company_id as "companyId",
               (c.cancelled_by = ${userId}) as "cancelledByMe"
          from consultations c where c.practitioner_id = ${practitionerId}
         order by c.scheduled_at`,
  );
}

/** Events of the given consultations; where and from which browser only for the user's own acts. */
export function eventsOf(tx: Tx, consultationIds: string[], userId: string): Promise<Row[]> {
  if (consultationIds.length === 0) return Promise.resolve([]);
  return rows(
    tx,
    sql`select e.consultation_id as "consultationId", e.event_type as "type", e.actor_role as "actorRole",
               (e.actor_id = ${userId}) as "byMe", e.timestamp as "at",
               case when e.actor_id = ${userId} then e.metadata end as "metadata",
               case when e.actor_id = ${userId} then e.ip_address end as "ipAddress",
               case when e.actor_id = ${userId} then e.user_agent end as "userAgent"
          from consultation_events e
         where e.consultation_id = any(array(select jsonb_array_elements_text(${JSON.stringify(consultationIds)}::jsonb))::uuid[])
         order by e.timestamp`,
  );
}

export interface StoredMessage {
  id: string;
  consultationId: string;
  senderRole: string;
  encryptedContent: string;
  iv: string;
  authTag: string | null;
  messageType: string;
  isDeleted: boolean;
  isEdited: boolean;
  attachmentName: string | null;
  attachmentType: string | null;
  attachmentSize: number | null;
  createdAt: Date | string;
  readAt: Date | string | null;
}

/** Messages of the employee's consultations (both sides of their own conversations). */
export function employeeMessages(tx: Tx, employeeId: string): Promise<StoredMessage[]> {
  return tx
    .execute<StoredMessage & Row>(
      sql`select m.id, m.consultation_id as "consultationId", m.sender_role as "senderRole",
                 m.encrypted_content as "encryptedContent", m.iv, m.auth_tag as "authTag",
                 m.message_type as "messageType", m.is_deleted as "isDeleted", m.is_edited as "isEdited",
                 m.attachment_name as "attachmentName", m.attachment_type as "attachmentType",
                 m.attachment_size as "attachmentSize", m.created_at as "createdAt", m.read_at as "readAt"
            from messages m join consultations c on c.id = m.consultation_id
           where c.employee_id = ${employeeId} order by m.consultation_id, m.created_at, m.id`,
    )
    .then((r) => r.rows);
}

/** Messages the practitioner wrote (what their patients wrote is the patients' data). */
export function practitionerMessages(tx: Tx, practitionerId: string): Promise<StoredMessage[]> {
  return tx
    .execute<StoredMessage & Row>(
      sql`select m.id, m.consultation_id as "consultationId", m.sender_role as "senderRole",
                 m.encrypted_content as "encryptedContent", m.iv, m.auth_tag as "authTag",
                 m.message_type as "messageType", m.is_deleted as "isDeleted", m.is_edited as "isEdited",
                 m.attachment_name as "attachmentName", m.attachment_type as "attachmentType",
                 m.attachment_size as "attachmentSize", m.created_at as "createdAt", m.read_at as "readAt"
            from messages m join consultations c on c.id = m.consultation_id
           where c.practitioner_id = ${practitionerId} and m.sender_role = 'PRACTITIONER'
           order by m.consultation_id, m.created_at, m.id`,
    )
    .then((r) => r.rows);
}

/** Whether the user has a private calendar feed, since when and when last read (never its token). */
export async function calendarFeedOf(tx: Tx, userId: string): Promise<Row | null> {
  const [row] = await rows(
    tx,
    sql`select created_at as "createdAt", last_fetched_at as "lastFetchedAt"
          from calendar_feeds where user_id = ${userId}`,
  );
  return row ?? null;
}

/** The employee's waitlist entries and recurring series (their consultations are in consultations.json). */
export async function bookingsOf(tx: Tx, employeeId: string): Promise<{ waitlist: Row[]; series: Row[] }> {
  const waitlist = await rows(
    tx,
    sql`select w.id, w.practitioner_id as "practitionerId", w.range_start as "rangeStart",
               w.range_end as "rangeEnd", w.created_at as "createdAt", w.last_notified_at as "lastNotifiedAt",
               w.notified_count as "notifiedCount"
          from waitlist_entries w where w.employee_id = ${employeeId} order by w.created_at, w.id`,
  );
  const series = await rows(
    tx,
    sql`select s.id, s.practitioner_id as "practitionerId", s.interval_weeks as "intervalWeeks",
               s.occurrences, s.created_at as "createdAt",
               coalesce((select json_agg(json_build_object('occurrence', m.occurrence, 'consultationId', m.consultation_id)
                                         order by m.occurrence)
                           from consultation_series_members m where m.series_id = s.id), '[]'::json) as members
          from consultation_series s where s.employee_id = ${employeeId} order by s.created_at, s.id`,
  );
  return { waitlist, series };
}

/** The company news items the employee opened, and when (title null if the item is no longer theirs to read). */
export function newsViewedBy(tx: Tx, employeeId: string): Promise<Row[]> {
  return rows(
    tx,
    sql`select v.news_id as "newsId", n.title, v.viewed_at as "viewedAt"
          from news_views v left join news n on n.id = v.news_id
         where v.employee_id = ${employeeId} order by v.viewed_at, v.news_id`,
  );
}

/** The user's notifications. */
export function notificationsOf(tx: Tx, userId: string): Promise<Row[]> {
  return rows(
    tx,
    sql`select id, type, title, message, link_url as "linkUrl", link_label as "linkLabel", metadata,
               is_read as "isRead", read_at as "readAt", created_at as "createdAt", expires_at as "expiresAt"
          from notifications where user_id = ${userId} order by created_at`,
  );
}

export interface StoredFile {
  id: string;
  originalName: string;
  mimeType: string;
  size: number;
  path: string;
  isEncrypted: boolean;
  encryptionKey: string | null;
  fileType: string;
  relatedResource: string | null;
  relatedId: string | null;
  isPublic: boolean;
  createdAt: Date | string;
  expiresAt: Date | string | null;
}

/** Files the user uploaded (and that have not expired). */
export async function filesOf(tx: Tx, userId: string): Promise<StoredFile[]> {
  const result = await tx.execute<StoredFile & Row>(
    sql`select id, original_name as "originalName", mime_type as "mimeType", size, path,
               is_encrypted as "isEncrypted", encryption_key as "encryptionKey", file_type as "fileType",
               related_resource as "relatedResource", related_id as "relatedId", is_public as "isPublic",
               created_at as "createdAt", expires_at as "expiresAt"
          from files where uploaded_by = ${userId} and (expires_at is null or expires_at > now())
         order by created_at`,
  );
  return result.rows;
}

/** The password hash and 2FA state, to check a step-up (erasure request). */
export async function credentialsOf(
  tx: Tx,
  userId: string,
): Promise<{
  id: string;
  email: string;
  passwordHash: string;
  twoFactorEnabled: boolean;
  twoFactorSecret: string | null;
} | null> {
  const result = await tx.execute<{
    id: string;
    email: string;
    passwordHash: string;
    twoFactorEnabled: boolean;
    twoFactorSecret: string | null;
  }>(
    sql`select id, email, password_hash as "passwordHash", two_factor_enabled as "twoFactorEnabled",
               two_factor_secret as "twoFactorSecret" from users where id = ${userId}`,
  );
  return result.rows[0] ?? null;
}

/** Replaces the account's pending erasure request by a new one. */
export async function replaceErasureRequest(
  tx: Tx,
  userId: string,
  tokenHash: string,
  expiresAt: Date,
): Promise<void> {
  await tx.execute(sql`delete from erasure_requests where user_id = ${userId} and completed_at is null`);
  await tx.execute(
    sql`insert into erasure_requests (user_id, token_hash, expires_at)
        values (${userId}, ${tokenHash}, ${expiresAt.toISOString()}::timestamptz)`,
  );
}

/** True when the account has a live request with this token hash. */
export async function liveErasureRequest(tx: Tx, userId: string, tokenHash: string): Promise<boolean> {
  const result = await tx.execute(
    sql`select 1 from erasure_requests where user_id = ${userId} and token_hash = ${tokenHash}
          and completed_at is null and expires_at > now()`,
  );
  return result.rows.length > 0;
}

export interface ErasureOutcome {
  filePaths: string[];
  employeeId: string | null;
  practitionerId: string | null;
  /** Ids of the upcoming consultations the erasure cancelled. */
  cancelledConsultations: string[];
}

export interface CancelledConsultation {
  id: string;
  scheduledAt: Date | string;
  /** The other participant: the practitioner of an erased employee, or the reverse. */
  otherUserId: string;
  language: string | null;
  timeZone: string | null;
}

/** The cancelled consultations of an erasure, with the other participant to tell. */
export async function cancelledWithOthers(tx: Tx, ids: string[], erased: 'EMPLOYEE' | 'PRACTITIONER') {
  if (ids.length === 0) return [];
  const list = sql`array(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid[]`;
  const result = await tx.execute<CancelledConsultation & Record<string, unknown>>(
    erased === 'EMPLOYEE'
      ? sql`select c.id, c.scheduled_at as "scheduledAt", p.user_id as "otherUserId",
                   p.preferred_language as "language", p.timezone as "timeZone"
              from consultations c join practitioners p on p.id = c.practitioner_id where c.id = any(${list})`
      : sql`select c.id, c.scheduled_at as "scheduledAt", e.user_id as "otherUserId",
                   e.preferred_language as "language", e.timezone as "timeZone"
              from consultations c join employees e on e.id = c.employee_id where c.id = any(${list})`,
  );
  return result.rows;
}

/** Runs the owner-run erasure of the actor's own account (migration 0022). */
export async function eraseOwnAccount(tx: Tx, tokenHash: string): Promise<ErasureOutcome> {
  const result = await tx.execute<{ outcome: ErasureOutcome }>(
    sql`select erase_own_account(${tokenHash}) as outcome`,
  );
  return result.rows[0]!.outcome;
}

/** Other active HR admins of a company. */
export async function otherActiveHrAdmins(tx: Tx, companyId: string, userId: string): Promise<number> {
  const result = await tx.execute<{ n: number }>(
    sql`select count(*)::int as n from users
         where company_id = ${companyId} and role = 'ADMIN_RH' and is_active and id <> ${userId}`,
  );
  return result.rows[0]?.n ?? 0;
}

/** Deletes audit rows older than `days` days through the owner-run function; SYSTEM only. */
export async function purgeAuditLogs(tx: Tx, days: number): Promise<number> {
  const result = await tx.execute<{ n: number }>(sql`select purge_audit_logs(${days}) as n`);
  return result.rows[0]?.n ?? 0;
}

function camel(row: Row): Row {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()),
      value,
    ]),
  );
}
