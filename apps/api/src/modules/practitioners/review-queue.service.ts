// HuntZen's review of practitioner applications (ADMIN_HUNTZEN, SUPER_ADMIN): the queue by state,
// an application with its documents, the documents check, then validation or refusal with a
// reason. Each decision is audited and told to the practitioner, in their language.
import type {
  ApplicationReview,
  ApplicationSummary,
  PractitionerDocumentType,
  ReviewQueue,
} from '@huntzen/contracts';
import { type Database, type Tx, withActor } from '@huntzen/db';
import { recordAudit } from '../../platform/audit';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { mailLanguage } from '../../platform/mail';
import { notify } from '../../platform/notifications';
import { decodeCursor, encodeCursor } from '../../platform/pagination';
import { applicationStatus, mayReview, requirementsOf } from './application.policy';
import { toReview, toSummary } from './application.view';
import * as repo from './applications.repository';
import { illegalTransition, noApplication } from './errors';

/** Where the practitioner reads the decision. */
const PROFILE_PATH = '/app/profile';

/** Builds the service of /api/v1/practitioner-applications. */
export function createReviewQueueService(deps: { db: Database; publicUrl: string }) {
  const { db, publicUrl } = deps;

  async function load(tx: Tx, id: string, lock = false) {
    const row = await repo.findPractitioner(tx, id, lock);
    if (!row) throw noApplication();
    return row;
  }

  async function review(tx: Tx, row: repo.PractitionerRow): Promise<ApplicationReview> {
    const [documents, email] = await Promise.all([
      repo.listDocuments(tx, row.id),
      repo.findAccountEmail(tx, row.userId),
    ]);
    return toReview(row, documents, email ?? '', publicUrl);
  }

  /** Locks an application waiting for review, or answers 409 with its state. */
  async function loadReviewable(tx: Tx, id: string) {
    const row = await load(tx, id, true);
    const status = applicationStatus(row);
    if (!mayReview(status)) {
      throw illegalTransition(`This application is not waiting for review (it is ${status}).`, status);
    }
    return row;
  }

  /** The practitioner's e-mail recipient facts. */
  async function recipient(tx: Tx, row: repo.PractitionerRow) {
    const email = await repo.findAccountEmail(tx, row.userId);
    if (!email) throw noApplication();
    return { to: email, language: mailLanguage(row.preferredLanguage), firstName: row.firstName };
  }

  return {
    /** One page of a tab of the queue. */
    async list(
      actor: RequestActor,
      query: { status: ReviewQueue; limit: number; cursor?: string | undefined },
    ): Promise<{ items: ApplicationSummary[]; nextCursor: string | null }> {
      const after = query.cursor ? decodeCursor(query.cursor) : null;
      return withActor(db, actor, async (tx) => {
        const rows = await repo.listQueue(tx, query.status, query.limit, after);
        const page = rows.slice(0, query.limit);
        const last = page.at(-1);
        return {
          items: page.map((r) => toSummary(r.practitioner, r.email, r.documentCount)),
          nextCursor:
            rows.length > query.limit && last
              ? encodeCursor({ t: last.sortKey, id: last.practitioner.id })
              : null,
        };
      });
    },

    /** An application with its documents. */
    async get(actor: RequestActor, id: string): Promise<ApplicationReview> {
      return withActor(db, actor, async (tx) => review(tx, await load(tx, id)));
    },

    /** Records that the admin checked (or un-checked) the documents of an application under review. */
    async setDocumentsVerified(
      actor: RequestActor,
      id: string,
      verified: boolean,
    ): Promise<ApplicationReview> {
      return withActor(db, actor, async (tx) => {
        const row = await loadReviewable(tx, id);
        if (row.documentsVerified === verified) return review(tx, row);
        if (verified && (await repo.listDocuments(tx, id)).length === 0) {
          throw new AppError('CONFLICT', 'This application has no documents to verify.');
        }
        const updated = await repo.updatePractitioner(tx, id, { documentsVerified: verified });
        await recordAudit(tx, actor, {
          action: 'UPDATE',
          resource: 'practitioner',
          resourceId: id,
          changesBefore: { documentsVerified: row.documentsVerified },
          changesAfter: { documentsVerified: verified },
        });
        return review(tx, updated!);
      });
    },

    /** Validates an application whose documents were verified; the practitioner is told. */
    async validate(actor: RequestActor, id: string): Promise<ApplicationReview> {
      return withActor(db, actor, async (tx) => {
        const row = await loadReviewable(tx, id);
        if (!row.documentsVerified) {
          throw new AppError('CONFLICT', 'Verify the documents before validating the application.', {
            errors: [{ path: 'documentsVerified', message: 'must be true' }],
          });
        }
        // Documents deleted through /api/v1/files since the check reset it; still, never validate
        // an application that is not complete.
        const documents = await repo.listDocuments(tx, id);
        const missing = requirementsOf(
          row,
          documents.map((d) => d.fileType as PractitionerDocumentType),
        ).filter((r) => !r.met);
        if (missing.length > 0) {
          throw new AppError('CONFLICT', 'This application is not complete.', {
            errors: missing.map((r) => ({ path: `requirements.${r.key}`, message: 'missing' })),
          });
        }
        const updated = await repo.updatePractitioner(tx, id, {
          isValidated: true,
          validatedAt: new Date(),
          validatedBy: actor.userId,
        });
        await recordAudit(tx, actor, {
          action: 'VALIDATE',
          resource: 'practitioner',
          resourceId: id,
          changesBefore: { isValidated: false },
          changesAfter: { isValidated: true },
        });
        const to = await recipient(tx, row);
        const fr = to.language === 'fr';
        await notify(tx, {
          userId: row.userId,
          type: 'PRACTITIONER_VALIDATED',
          title: fr ? 'Votre profil est validé' : 'Your profile is validated',
          message: fr
            ? 'HuntZen a validé votre candidature : votre profil apparaît dans l’annuaire.'
            : 'HuntZen validated your application: your profile appears in the directory.',
          linkUrl: PROFILE_PATH,
          email: {
            to: to.to,
            template: 'practitioner-validated',
            language: to.language,
            data: { firstName: to.firstName, link: `${publicUrl}${PROFILE_PATH}` },
          },
        });
        return review(tx, updated!);
      });
    },

    /** Sends an application back with the reason; the practitioner fixes it and sends it again. */
    async reject(actor: RequestActor, id: string, reason: string): Promise<ApplicationReview> {
      return withActor(db, actor, async (tx) => {
        const row = await loadReviewable(tx, id);
        const updated = await repo.updatePractitioner(tx, id, {
          submittedAt: null,
          rejectedAt: new Date(),
          rejectionReason: reason,
          documentsVerified: false,
        });
        await recordAudit(tx, actor, {
          action: 'UPDATE',
          resource: 'practitioner',
          resourceId: id,
          details: { status: 'REJECTED' },
          changesAfter: { rejectionReason: reason },
        });
        const to = await recipient(tx, row);
        const fr = to.language === 'fr';
        await notify(tx, {
          userId: row.userId,
          type: 'SYSTEM',
          title: fr ? 'Votre candidature est à compléter' : 'Your application needs changes',
          message: fr
            ? 'HuntZen n’a pas pu valider votre candidature en l’état. Le motif est indiqué sur votre profil.'
            : 'HuntZen could not validate your application as it is. The reason is shown on your profile.',
          linkUrl: PROFILE_PATH,
          email: {
            to: to.to,
            template: 'practitioner-rejected',
            language: to.language,
            data: { firstName: to.firstName, reason, link: `${publicUrl}${PROFILE_PATH}` },
          },
        });
        return review(tx, updated!);
      });
    },
  };
}

export type ReviewQueueService = ReturnType<typeof createReviewQueueService>;
