// GDPR rights: the export of one's data as a zip (art. 15 and 20) and the erasure of one's account
// (art. 17) in two steps — the password (and TOTP) asks, the link e-mailed to the address being
// erased confirms — and the retention of the audit log. What goes and what stays: privacy.policy.ts
// and docs/security.md "Privacy rights".
import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  ERASURE_LINK_MINUTES,
  type ErasureConfirm,
  type ErasureDone,
  type ErasureRequest,
  type ErasureRequested,
} from '@huntzen/contracts';
import { DecryptionError, type FieldCipher, messageContentContext } from '@huntzen/crypto';
import { type Database, SYSTEM_ACTOR, type Tx, withActor } from '@huntzen/db';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { recordAudit } from '../../platform/audit';
import { type RequestActor, verifyPassword } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import {
  decryptedStream,
  FileDecryptionError,
  type FileStorage,
  safeOriginalName,
  unwrapFileKey,
} from '../../platform/files';
import { refreshCountersTask, scheduleJob } from '../../platform/jobs';
import { enqueueEmail, kickEmailSender, mailDateTime, mailLanguage } from '../../platform/mail';
import { notify } from '../../platform/notifications';
import { exportAssessments } from '../assessments';
import { acceptTotp } from '../auth';
import type { JournalService } from '../journal';
import { exportReadme } from './export-readme';
import { type ZipEntry, zipStream } from './export-zip';
import { erasedFor, keptFor, mayErase } from './privacy.policy';
import * as repo from './privacy.repository';

export interface PrivacyDeps {
  db: Database;
  cipher: FieldCipher;
  storage: FileStorage;
  journal: Pick<JournalService, 'exportJournal'>;
  publicUrl: string;
  logger: Pick<FastifyBaseLogger, 'warn' | 'error'>;
  /** Closes the erased account's open sockets (after the commit). */
  onErased: (userId: string) => void;
  now?: () => Date;
}

/** The stored form of an e-mailed token: its SHA-256. */
export function erasureTokenHash(token: string): string {
  return createHash('sha256').update(`huntzen:erasure:${token}`).digest('hex');
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Builds the privacy service. */
export function createPrivacyService(deps: PrivacyDeps) {
  const now = deps.now ?? (() => new Date());

  /** A message's text, or null (deleted, attachment only, or failing authentication: flagged). */
  function openMessage(row: repo.StoredMessage): { content: string | null; unreadable: boolean } {
    if (row.isDeleted || row.encryptedContent === '') return { content: null, unreadable: false };
    try {
      const text = deps.cipher.decrypt(
        { encryptedContent: row.encryptedContent, iv: row.iv, authTag: row.authTag },
        messageContentContext(row),
      );
      return { content: text === '' ? null : text, unreadable: false };
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
      deps.logger.warn({ messageId: row.id }, 'message failed authentication during an export');
      return { content: null, unreadable: true };
    }
  }

  /** The stored bytes of a file, decrypted and authenticated; null when it cannot be read. */
  async function fileContent(file: repo.StoredFile): Promise<AsyncIterable<Uint8Array> | null> {
    try {
      if (!file.isEncrypted) return (await deps.storage.get(file.path)) as AsyncIterable<Uint8Array>;
      if (!file.encryptionKey) return null;
      const key = unwrapFileKey(deps.cipher, file.id, file.encryptionKey);
      // Read whole before it is written: a file that fails its check is left out, never half-written.
      const chunks: Buffer[] = [];
      for await (const chunk of await decryptedStream(deps.storage, file.path, file.id, key))
        chunks.push(chunk);
      return (async function* () {
        yield* chunks;
      })();
    } catch (error) {
      if (error instanceof DecryptionError || error instanceof FileDecryptionError) {
        deps.logger.error(
          { alert: 'FILE_INTEGRITY', fileId: file.id },
          'file failed its check during an export',
        );
        return null;
      }
      deps.logger.warn({ fileId: file.id, err: error }, 'stored object missing during an export');
      return null;
    }
  }

  /**
   * Everything the account owns, as a zip: account, profile, consents (HR usage sharing included),
   * consultations and their events, messages (decrypted), journal (the journal's own re-importable
   * format), questionnaires (decrypted by the assessments module) and their settings, the calendar
   * feed's existence, the news items opened, waitlist entries and recurring series, notifications, files' metadata and contents, and a
   * README. Audited as EXPORT (counts only).
   */
  async function exportData(actor: RequestActor): Promise<{ filename: string; stream: Readable }> {
    const journal = actor.role === 'EMPLOYEE' ? (await deps.journal.exportJournal(actor, 'json')).body : null;
    const collected = await withActor(deps.db, actor, async (tx) => {
      const account = await repo.accountOf(tx, actor.userId);
      if (!account) throw new AppError('UNAUTHENTICATED', 'This account no longer exists.');
      const sessions = await repo.sessionsOf(tx, actor.userId);
      const employee = await repo.employeeOf(tx, actor.userId);
      const practitioner = await repo.practitionerOf(tx, actor.userId);
      const documents: Record<string, unknown> = {};
      documents['account.json'] = { account, sessions };

      let consultations: Record<string, unknown>[] = [];
      let messages: repo.StoredMessage[] = [];
      let assessments = 0;
      if (employee) {
        documents['profile.json'] = {
          employee,
          reviewsWritten: await repo.reviewsWritten(tx, employee.id as string),
        };
        documents['consents.json'] = {
          consentVersion: employee.consentVersion ?? null,
          consentGivenAt: employee.consentGivenAt ?? null,
          journalSentimentEnabled: employee.journalSentimentEnabled ?? false,
          shareUsageWithHr: employee.shareUsageWithHr ?? false,
          usageSharingChangedAt: employee.usageSharingChangedAt ?? null,
        };
        // Questionnaires: decrypted by their own module, inside this transaction.
        const questionnaires = await exportAssessments(
          tx,
          { cipher: deps.cipher, log: deps.logger },
          employee.id as string,
        );
        assessments = questionnaires.results.length;
        documents['assessments.json'] = questionnaires;
        documents['news.json'] = { viewed: await repo.newsViewedBy(tx, employee.id as string) };
        documents['waitlist.json'] = await repo.bookingsOf(tx, employee.id as string);
        consultations = await repo.employeeConsultations(tx, employee.id as string, actor.userId);
        messages = await repo.employeeMessages(tx, employee.id as string);
      } else if (practitioner) {
        documents['profile.json'] = {
          practitioner,
          availability: await repo.availabilitiesOf(tx, practitioner.id as string),
          reviewsReceived: await repo.reviewsReceived(tx, practitioner.id as string),
        };
        consultations = await repo.practitionerConsultations(tx, practitioner.id as string, actor.userId);
        messages = await repo.practitionerMessages(tx, practitioner.id as string);
      }
      if (employee || practitioner) {
        // The private calendar feed: whether there is one and since when; its URL is never kept.
        const feed = await repo.calendarFeedOf(tx, actor.userId);
        documents['calendar-feed.json'] = {
          exists: feed !== null,
          createdAt: feed?.createdAt ?? null,
          lastFetchedAt: feed?.lastFetchedAt ?? null,
        };
        const events = await repo.eventsOf(
          tx,
          consultations.map((c) => c.id as string),
          actor.userId,
        );
        documents['consultations.json'] = consultations.map((c) => ({
          ...c,
          events: events.filter((e) => e.consultationId === c.id).map(({ consultationId: _, ...e }) => e),
        }));
        documents['messages.json'] = messages.map((m) => {
          const opened = openMessage(m);
          return {
            id: m.id,
            consultationId: m.consultationId,
            sentByMe: m.senderRole === actor.role,
            senderRole: m.senderRole,
            content: opened.content,
            contentUnreadable: opened.unreadable,
            messageType: m.messageType,
            isDeleted: m.isDeleted,
            isEdited: m.isEdited,
            attachment: m.attachmentName
              ? { name: m.attachmentName, type: m.attachmentType, size: m.attachmentSize }
              : null,
            createdAt: m.createdAt,
            readAt: m.readAt,
          };
        });
      }
      documents['notifications.json'] = await repo.notificationsOf(tx, actor.userId);
      const files = await repo.filesOf(tx, actor.userId);
      await recordAudit(tx, actor, {
        action: 'EXPORT',
        resource: 'personal_data',
        resourceId: actor.userId,
        details: {
          format: 'zip',
          consultations: consultations.length,
          messages: messages.length,
          assessments,
          files: files.length,
        },
        isSensitive: true,
      });
      return { documents, files };
    });

    const stamp = now().toISOString().slice(0, 10);
    const fileName = (f: repo.StoredFile) => `files/${f.id}-${safeOriginalName(f.originalName, 'file')}`;
    const documents = {
      ...collected.documents,
      ...(journal ? { 'journal.json': null } : {}),
      'files.json': collected.files.map((f) => ({
        id: f.id,
        path: fileName(f),
        originalName: f.originalName,
        mimeType: f.mimeType,
        size: f.size,
        fileType: f.fileType,
        relatedResource: f.relatedResource,
        relatedId: f.relatedId,
        isPublic: f.isPublic,
        encryptedAtRest: f.isEncrypted,
        createdAt: f.createdAt,
        expiresAt: f.expiresAt,
      })),
    };
    const names = Object.keys(documents);
    const entries: ZipEntry[] = [
      { name: 'README.txt', text: exportReadme(actor.role, names, stamp) },
      ...names.map((name) => ({
        name,
        text: name === 'journal.json' ? `${journal}\n` : json(documents[name as keyof typeof documents]),
      })),
      ...collected.files.map((f) => ({ name: fileName(f), open: () => fileContent(f) })),
    ];
    return { filename: `huntzen-my-data-${stamp}.zip`, stream: zipStream(entries) };
  }

  /** Step 1: checks the password (and TOTP), then e-mails a single-use link to the address. */
  async function requestErasure(actor: RequestActor, body: ErasureRequest): Promise<ErasureRequested> {
    if (!mayErase(actor.role)) throw new AppError('FORBIDDEN', 'This account is closed by a SUPER_ADMIN.');
    return withActor(deps.db, actor, async (tx) => {
      const user = await repo.credentialsOf(tx, actor.userId);
      if (!user) throw new AppError('UNAUTHENTICATED', 'This account no longer exists.');
      const passwordOk = await verifyPassword(body.password, user.passwordHash);
      const codeOk =
        !user.twoFactorEnabled ||
        (body.code !== undefined && (await acceptTotp(tx, deps.cipher, user, body.code)));
      if (!passwordOk || !codeOk) {
        throw new AppError('VALIDATION_FAILED', 'The password or the code is incorrect.', {
          errors: [
            ...(passwordOk ? [] : [{ path: 'body.password', message: 'incorrect password' }]),
            ...(codeOk
              ? []
              : [
                  {
                    path: 'body.code',
                    message: body.code ? 'invalid code' : 'required: two-factor authentication is on',
                  },
                ]),
          ],
        });
      }
      await assertNotLastHrAdmin(tx, actor);
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now().getTime() + ERASURE_LINK_MINUTES * 60_000);
      await repo.replaceErasureRequest(tx, actor.userId, erasureTokenHash(token), expiresAt);
      const recipient = await recipientOf(tx, actor.userId);
      await enqueueEmail(tx, {
        to: user.email,
        template: 'account-erasure',
        language: recipient.language,
        data: {
          firstName: recipient.firstName ?? undefined,
          link: `${deps.publicUrl}/account/data/erase?token=${encodeURIComponent(token)}`,
        },
        priority: 'HIGH',
      });
      await kickEmailSender(tx);
      await recordAudit(tx, actor, {
        action: 'CREATE',
        resource: 'erasure_request',
        resourceId: actor.userId,
        details: { expiresAt: expiresAt.toISOString() },
      });
      return {
        status: 'CONFIRMATION_SENT' as const,
        expiresAt: expiresAt.toISOString(),
        erased: erasedFor(actor.role),
        kept: keptFor(actor.role),
      };
    });
  }

  /** Step 2: the e-mailed token, presented by the signed-in account itself, erases it. */
  async function confirmErasure(actor: RequestActor, body: ErasureConfirm): Promise<ErasureDone> {
    if (!mayErase(actor.role)) throw new AppError('FORBIDDEN', 'This account is closed by a SUPER_ADMIN.');
    const tokenHash = erasureTokenHash(body.token);
    const outcome = await withActor(deps.db, actor, async (tx) => {
      if (!(await repo.liveErasureRequest(tx, actor.userId, tokenHash))) {
        throw new AppError('TOKEN_INVALID', 'This link is invalid or expired: ask for the erasure again.', {
          errors: [{ path: 'body.token', message: 'invalid or expired' }],
        });
      }
      await assertNotLastHrAdmin(tx, actor);
      const result = await repo.eraseOwnAccount(tx, tokenHash);
      // After the function: the transaction's e-mail setting is the pseudonym now.
      await recordAudit(tx, actor, {
        action: 'DELETE',
        resource: 'account',
        resourceId: actor.userId,
        details: {
          reason: 'gdpr_erasure',
          files: result.filePaths.length,
          cancelledConsultations: result.cancelledConsultations.length,
        },
        isSensitive: true,
      });
      // The other participant of each cancelled consultation is told (no name: only the date).
      if (actor.role === 'EMPLOYEE' || actor.role === 'PRACTITIONER') {
        for (const c of await repo.cancelledWithOthers(tx, result.cancelledConsultations, actor.role)) {
          await notify(tx, cancellationNotice(c));
        }
      }
      // Names leave the counters' views at their next refresh, right after this commits.
      await scheduleJob(tx, {
        task: refreshCountersTask,
        payload: {},
        jobKey: 'refresh_counters',
        maxAttempts: 3,
      });
      return result;
    });
    deps.onErased(actor.userId);
    for (const path of outcome.filePaths) {
      await deps.storage.delete(path).catch((error: unknown) => {
        deps.logger.warn({ err: error }, 'stored object of an erased account could not be deleted');
      });
    }
    return {
      status: 'ERASED',
      erasedAt: now().toISOString(),
      cancelledConsultations: outcome.cancelledConsultations.length,
      kept: keptFor(actor.role),
    };
  }

  /** A company keeps at least one HR admin: the last one hands over before leaving. */
  async function assertNotLastHrAdmin(tx: Tx, actor: RequestActor) {
    if (actor.role !== 'ADMIN_RH' || !actor.companyId) return;
    if ((await repo.otherActiveHrAdmins(tx, actor.companyId, actor.userId)) === 0) {
      throw new AppError(
        'CONFLICT',
        'You are the last HR admin of your company: ask HuntZen to name another one before deleting your account.',
      );
    }
  }

  return { exportData, requestErasure, confirmErasure };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;

async function recipientOf(tx: Tx, userId: string) {
  const result = await tx.execute<{ firstName: string | null; language: string | null }>(
    sql`select coalesce(e.first_name, p.first_name) as "firstName",
               coalesce(e.preferred_language, p.preferred_language) as "language"
          from users u left join employees e on e.user_id = u.id left join practitioners p on p.user_id = u.id
         where u.id = ${userId}`,
  );
  const row = result.rows[0];
  return { firstName: row?.firstName ?? null, language: mailLanguage(row?.language) };
}

/** The notice of a consultation cancelled by an erasure, in the recipient's language and time zone. */
function cancellationNotice(c: repo.CancelledConsultation) {
  const language = mailLanguage(c.language);
  const when = mailDateTime(new Date(c.scheduledAt), c.timeZone ?? 'Europe/Paris', language);
  return {
    userId: c.otherUserId,
    type: 'CONSULTATION_CANCELLED' as const,
    title: language === 'fr' ? 'Consultation annulée' : 'Consultation cancelled',
    message:
      language === 'fr'
        ? `La consultation du ${when} est annulée : l’autre personne a supprimé son compte HuntZen.`
        : `The consultation of ${when} is cancelled: the other person deleted their HuntZen account.`,
    linkUrl: `/app/consultations/${c.id}`,
    metadata: { consultationId: c.id, reason: 'account_erased' },
  };
}

/** Deletes audit rows older than `days` days (owner-run function, SYSTEM); one DELETE row records it. */
export async function purgeOldAuditLogs(db: Database, days: number): Promise<number> {
  return withActor(db, SYSTEM_ACTOR, async (tx) => {
    const count = await repo.purgeAuditLogs(tx, days);
    await recordAudit(tx, SYSTEM_ACTOR, {
      action: 'DELETE',
      resource: 'audit_log',
      details: { count, reason: `older than ${days} days` },
    });
    return count;
  });
}
