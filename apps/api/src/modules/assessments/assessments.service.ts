// Validated questionnaires (PHQ-9, GAD-7, WHO-5): results scored by the shared rules of
// @huntzen/contracts, stored as one encrypted JSON document per result (AAD
// assessments:encrypted_result:<id>), the employee's alone; shared, per result and by choice, with
// one of their practitioners. PHQ-9 item 9 above 0 is a crisis: the answer says so at once, and
// when the employee agreed, their practitioners get an urgent notification without any score.
// Nothing of a result is logged or audited but ids and counts.
import {
  type Assessment,
  type AssessmentList,
  type AssessmentPractitioner,
  type AssessmentSettings,
  type CreateAssessment,
  CreateAssessmentSchema,
  type Instrument,
  scoreAssessment,
  type UpdateAssessmentSettings,
} from '@huntzen/contracts';
import { DecryptionError, type FieldCipher } from '@huntzen/crypto';
import { type Database, type Tx, withActor } from '@huntzen/db';
import type { FastifyBaseLogger } from 'fastify';
import { recordAudit } from '../../platform/audit';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { mailLanguage } from '../../platform/mail';
import { notify } from '../../platform/notifications';
import { decodeCursor, encodeCursor } from '../../platform/pagination';
import { assertConsentCurrent } from '../onboarding';
import { planAssessmentReminder, scheduleCrisisEmail } from './assessments.jobs';
import { assessmentOwnerOf, nextReminderAt, sharedReaderOf } from './assessments.policy';
import * as repo from './assessments.repository';

export interface AssessmentsDeps {
  db: Database;
  cipher: FieldCipher;
  log: Pick<FastifyBaseLogger, 'warn'>;
}

/** What the ciphertext holds. */
interface Result {
  answers: number[];
  score: number;
  severity: Assessment['severity'];
  crisis: boolean;
  lowWellbeing: boolean | null;
}

const notFound = () => new AppError('NOT_FOUND', 'No such result of yours.');

function contextOf(id: string) {
  return { table: 'assessments', column: 'encrypted_result', rowId: id };
}

/** A stored result, decrypted and authenticated; null (logged, by id only) when it fails its check. */
function openResult(
  deps: Pick<AssessmentsDeps, 'cipher' | 'log'>,
  row: Pick<repo.StoredAssessment, 'id' | 'encryptedResult' | 'iv' | 'authTag'>,
): Result | null {
  try {
    const sealed = { encryptedContent: row.encryptedResult, iv: row.iv, authTag: row.authTag };
    return JSON.parse(deps.cipher.decrypt(sealed, contextOf(row.id))) as Result;
  } catch (error) {
    if (!(error instanceof DecryptionError)) throw error;
    deps.log.warn({ assessmentId: row.id }, 'assessment failed authentication');
    return null;
  }
}

/** One result as the employee's data export gives it: decrypted, with whom it is shared. */
export interface ExportedAssessment {
  id: string;
  instrument: Instrument;
  answers: number[] | null;
  score: number | null;
  severity: Assessment['severity'];
  crisis: boolean | null;
  lowWellbeing: boolean | null;
  /** True when the stored result failed its integrity check (then every result field is null). */
  unreadable: boolean;
  sharedWith: {
    practitionerId: string;
    practitionerName: string | null;
    sharedAt: string | null;
  } | null;
  createdAt: string;
}

/**
 * The employee's questionnaires for their GDPR export (privacy module), inside the caller's
 * transaction (row-level security as the employee): every result decrypted, oldest first, and the
 * settings (defaults, with `updatedAt` null, when never saved).
 */
export async function exportAssessments(
  tx: Tx,
  deps: Pick<AssessmentsDeps, 'cipher' | 'log'>,
  employeeId: string,
): Promise<{
  results: ExportedAssessment[];
  settings: AssessmentSettings & { updatedAt: string | null };
}> {
  const { rows, settings } = await repo.exportRows(tx, employeeId);
  const results = rows.map((row): ExportedAssessment => {
    const result = openResult(deps, row);
    const name = [row.sharedWithTitle, row.sharedWithFirstName, row.sharedWithLastName]
      .filter(Boolean)
      .join(' ');
    return {
      id: row.id,
      instrument: row.instrument,
      answers: result?.answers ?? null,
      score: result?.score ?? null,
      severity: result?.severity ?? null,
      crisis: result?.crisis ?? null,
      lowWellbeing: result?.lowWellbeing ?? null,
      unreadable: result === null,
      sharedWith: row.sharedWithPractitionerId
        ? {
            practitionerId: row.sharedWithPractitionerId,
            practitionerName: name || null,
            sharedAt: row.sharedAt?.toISOString() ?? null,
          }
        : null,
      createdAt: row.createdAt.toISOString(),
    };
  });
  return {
    results,
    settings: {
      alertPractitionerOnCrisis: settings?.alertPractitionerOnCrisis ?? false,
      reminderWeeks:
        settings?.reminderWeeks === 2 || settings?.reminderWeeks === 4 ? settings.reminderWeeks : null,
      reminderInstrument: settings?.reminderInstrument ?? null,
      nextReminderAt: settings?.nextReminderAt?.toISOString() ?? null,
      updatedAt: settings?.updatedAt.toISOString() ?? null,
    },
  };
}

/** Builds the questionnaires service. */
export function createAssessmentsService(deps: AssessmentsDeps) {
  function open(row: repo.StoredAssessment): Result | null {
    return openResult(deps, row);
  }

  /** The employee's view (answers and sharing included), or the practitioner's (score only). */
  function view(row: repo.StoredAssessment, result: Result, forOwner: boolean): Assessment {
    return {
      id: row.id,
      instrument: row.instrument,
      score: result.score,
      severity: result.severity,
      crisis: result.crisis,
      lowWellbeing: result.lowWellbeing,
      ...(forOwner
        ? { answers: result.answers, sharedWithPractitionerId: row.sharedWithPractitionerId }
        : {}),
      createdAt: row.createdAt.toISOString(),
    };
  }

  function page(
    rows: Awaited<ReturnType<typeof repo.listAssessments>>,
    limit: number,
    forOwner: boolean,
  ): AssessmentList {
    const shown = rows.slice(0, limit);
    const last = shown.at(-1);
    return {
      items: shown.flatMap((row) => {
        const result = open(row);
        return result ? [view(row, result, forOwner)] : [];
      }),
      nextCursor: rows.length > limit && last ? encodeCursor({ t: last.createdAtKey, id: last.id }) : null,
    };
  }

  /** Alerts the employee's current practitioners: urgent, in-app, with no score and no answer. */
  async function alertPractitioners(tx: Tx, employeeId: string, assessmentId: string) {
    const employee = await repo.findEmployee(tx, employeeId);
    if (!employee) return;
    const name = `${employee.firstName} ${employee.lastName}`.trim();
    for (const p of await repo.practitionersOf(tx, employeeId, true)) {
      const fr = mailLanguage(p.language) === 'fr';
      await notify(tx, {
        userId: p.userId,
        type: 'SYSTEM',
        title: fr
          ? `Urgent : ${name} a besoin d’un contact rapide`
          : `Urgent: ${name} needs a prompt contact`,
        message: fr
          ? `${name} a répondu à un questionnaire d’une façon qui appelle un contact rapide de votre part, et a accepté que vous en soyez prévenu·e. Aucun score n’est transmis. En cas de danger immédiat : 15 ou 112.`
          : `${name} answered a questionnaire in a way that calls for a prompt contact from you, and agreed that you be told. No score is shared. In immediate danger: 15 or 112.`,
        linkUrl: `/app/patients/${employeeId}`,
        linkLabel: fr ? 'Voir le dossier' : 'See the patient file',
        metadata: { kind: 'ASSESSMENT_CRISIS', priority: 'URGENT', employeeId },
        email: false,
      });
      await scheduleCrisisEmail(tx, { assessmentId, practitionerId: p.id });
    }
  }

  function settingsView(s: repo.StoredSettings): AssessmentSettings {
    return {
      alertPractitionerOnCrisis: s.alertPractitionerOnCrisis,
      reminderWeeks: s.reminderWeeks === 2 || s.reminderWeeks === 4 ? s.reminderWeeks : null,
      reminderInstrument: s.reminderInstrument,
      nextReminderAt: s.nextReminderAt?.toISOString() ?? null,
    };
  }

  return {
    /** Records and scores a questionnaire; crisis routing in the same transaction. */
    async create(actor: RequestActor, body: CreateAssessment): Promise<Assessment> {
      const input = CreateAssessmentSchema.parse(body);
      const scored = scoreAssessment(input.instrument, input.answers);
      const result: Result = { answers: input.answers, ...scored };
      return withActor(deps.db, actor, async (tx) => {
        const employeeId = assessmentOwnerOf(actor);
        await assertConsentCurrent(tx, actor);
        const id = crypto.randomUUID();
        const sealed = deps.cipher.encrypt(JSON.stringify(result), contextOf(id));
        const row = await repo.insertAssessment(tx, {
          id,
          employeeId,
          instrument: input.instrument,
          encryptedResult: sealed.encryptedContent,
          iv: sealed.iv,
          authTag: sealed.authTag,
        });
        const settings = await repo.findSettings(tx, employeeId);
        if (scored.crisis && settings.alertPractitionerOnCrisis) await alertPractitioners(tx, employeeId, id);
        // A result of the reminded questionnaire restarts the interval from now.
        if (
          settings.reminderWeeks &&
          (settings.reminderInstrument === null || settings.reminderInstrument === input.instrument)
        ) {
          const next = nextReminderAt(settings.reminderWeeks, row.createdAt);
          await repo.saveSettings(tx, employeeId, { ...settings, nextReminderAt: next });
          await planAssessmentReminder(tx, employeeId, next);
        }
        return view(row, result, true);
      });
    },

    /** The caller's results, newest first. */
    async list(
      actor: RequestActor,
      query: { instrument?: Instrument | undefined; limit: number; cursor?: string | undefined },
    ): Promise<AssessmentList> {
      return withActor(deps.db, actor, async (tx) => {
        const employeeId = assessmentOwnerOf(actor);
        const after = query.cursor ? decodeCursor(query.cursor) : null;
        const rows = await repo.listAssessments(tx, {
          employeeId,
          instrument: query.instrument,
          limit: query.limit,
          after: after ? { createdAt: after.t, id: after.id } : undefined,
        });
        return page(rows, query.limit, true);
      });
    },

    /** One result of the caller. */
    async get(actor: RequestActor, id: string): Promise<Assessment> {
      return withActor(deps.db, actor, async (tx) => {
        const row = await repo.findAssessment(tx, id, assessmentOwnerOf(actor));
        if (!row) throw notFound();
        const result = open(row);
        if (!result) throw new AppError('CONTENT_UNREADABLE', 'This result cannot be decrypted.');
        return view(row, result, true);
      });
    },

    /** Shares one result with one of the employee's practitioners (replacing an earlier share). */
    async share(actor: RequestActor, id: string, practitionerId: string): Promise<Assessment> {
      return withActor(deps.db, actor, async (tx) => {
        const employeeId = assessmentOwnerOf(actor);
        const mine = await repo.practitionersOf(tx, employeeId);
        if (!mine.some((p) => p.id === practitionerId)) {
          throw new AppError('VALIDATION_FAILED', 'Share only with one of your practitioners.', {
            errors: [{ path: 'body.practitionerId', message: 'is not one of your practitioners' }],
          });
        }
        const row = await repo.setSharing(tx, id, employeeId, practitionerId);
        if (!row) throw notFound();
        const result = open(row);
        if (!result) throw new AppError('CONTENT_UNREADABLE', 'This result cannot be decrypted.');
        await recordAudit(tx, actor, {
          action: 'UPDATE',
          resource: 'assessment',
          resourceId: id,
          details: { shared: true },
          isSensitive: true,
        });
        return view(row, result, true);
      });
    },

    /** Stops sharing one result: from the commit on, the practitioner no longer reads it. */
    async unshare(actor: RequestActor, id: string): Promise<Assessment> {
      return withActor(deps.db, actor, async (tx) => {
        const employeeId = assessmentOwnerOf(actor);
        const row = await repo.setSharing(tx, id, employeeId, null);
        if (!row) throw notFound();
        const result = open(row);
        if (!result) throw new AppError('CONTENT_UNREADABLE', 'This result cannot be decrypted.');
        await recordAudit(tx, actor, {
          action: 'UPDATE',
          resource: 'assessment',
          resourceId: id,
          details: { shared: false },
          isSensitive: true,
        });
        return view(row, result, true);
      });
    },

    /** The employee's practitioners, those a result may be shared with. */
    async practitioners(actor: RequestActor): Promise<{ items: AssessmentPractitioner[] }> {
      return withActor(deps.db, actor, async (tx) => {
        const rows = await repo.practitionersOf(tx, assessmentOwnerOf(actor));
        return {
          items: rows.map((p) => ({
            id: p.id,
            title: p.title,
            firstName: p.firstName,
            lastName: p.lastName,
          })),
        };
      });
    },

    /** The results a patient shared with the calling practitioner (a READ audit row, a count). */
    async sharedWithMe(
      actor: RequestActor,
      query: { employeeId: string; limit: number; cursor?: string | undefined },
    ): Promise<AssessmentList> {
      return withActor(deps.db, actor, async (tx) => {
        const practitionerId = sharedReaderOf(actor);
        if (!(await repo.isPatientOf(tx, practitionerId, query.employeeId))) {
          throw new AppError('NOT_FOUND', 'No such patient.');
        }
        const after = query.cursor ? decodeCursor(query.cursor) : null;
        const rows = await repo.listAssessments(tx, {
          employeeId: query.employeeId,
          sharedWith: practitionerId,
          limit: query.limit,
          after: after ? { createdAt: after.t, id: after.id } : undefined,
        });
        const answer = page(rows, query.limit, false);
        await recordAudit(tx, actor, {
          action: 'READ',
          resource: 'assessment',
          resourceId: query.employeeId,
          details: { count: answer.items.length },
          isSensitive: true,
        });
        return answer;
      });
    },

    /** The employee's settings. */
    async settings(actor: RequestActor): Promise<AssessmentSettings> {
      return withActor(deps.db, actor, async (tx) =>
        settingsView(await repo.findSettings(tx, assessmentOwnerOf(actor))),
      );
    },

    /** Changes the settings; the reminder job is planned (or removed) in the same transaction. */
    async updateSettings(actor: RequestActor, body: UpdateAssessmentSettings): Promise<AssessmentSettings> {
      return withActor(deps.db, actor, async (tx) => {
        const employeeId = assessmentOwnerOf(actor);
        const current = await repo.findSettings(tx, employeeId);
        const reminderWeeks = body.reminderWeeks === undefined ? current.reminderWeeks : body.reminderWeeks;
        const reminderChanged =
          (body.reminderWeeks !== undefined && body.reminderWeeks !== current.reminderWeeks) ||
          (body.reminderInstrument !== undefined && body.reminderInstrument !== current.reminderInstrument);
        const next = !reminderWeeks
          ? null
          : reminderChanged || !current.nextReminderAt
            ? nextReminderAt(reminderWeeks, new Date())
            : current.nextReminderAt;
        const saved: repo.StoredSettings = {
          alertPractitionerOnCrisis: body.alertPractitionerOnCrisis ?? current.alertPractitionerOnCrisis,
          reminderWeeks,
          reminderInstrument:
            body.reminderInstrument === undefined ? current.reminderInstrument : body.reminderInstrument,
          nextReminderAt: next,
        };
        await repo.saveSettings(tx, employeeId, saved);
        await planAssessmentReminder(tx, employeeId, next);
        return settingsView(saved);
      });
    },
  };
}

export type AssessmentsService = ReturnType<typeof createAssessmentsService>;
