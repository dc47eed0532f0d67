// The signed-in practitioner's application and public profile: completing it, sending it for
// review, fixing it after a refusal, editing it once validated, pausing the listing, and their
// documents (uploaded through /api/v1/files; listed and removed here).
import type {
  PractitionerApplication,
  PractitionerDocument,
  PractitionerListingUpdateSchema,
  PractitionerProfileUpdateSchema,
} from '@huntzen/contracts';
import { type Database, type NewPractitioner, type Tx, withActor } from '@huntzen/db';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import type { FilesService } from '../files';
import {
  applicationStatus,
  mayChangeListing,
  mayEditProfile,
  mayRemoveDocuments,
  maySubmit,
  profileProblems,
  requirementsOf,
  VERIFIED_FIELDS,
} from './application.policy';
import { toApplication, toDocument } from './application.view';
import * as repo from './applications.repository';
import { illegalTransition, noApplication, professionalIdTaken } from './errors';

type ProfileUpdate = z.output<typeof PractitionerProfileUpdateSchema>;
type ListingUpdate = z.output<typeof PractitionerListingUpdateSchema>;

export interface MyApplicationDeps {
  db: Database;
  publicUrl: string;
  files: FilesService;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The columns an update changes, with their values before and after (for the audit log). */
function diff(row: repo.PractitionerRow, changes: Partial<NewPractitioner>) {
  const keys = Object.keys(changes) as (keyof NewPractitioner & keyof repo.PractitionerRow)[];
  return {
    before: Object.fromEntries(keys.map((k) => [k, row[k]])),
    after: Object.fromEntries(keys.map((k) => [k, changes[k]])),
  };
}

/** Builds the service of /api/v1/me/practitioner. */
export function createMyApplicationService(deps: MyApplicationDeps) {
  const { db, publicUrl } = deps;

  const ownId = (actor: RequestActor) => {
    if (actor.role !== 'PRACTITIONER' || !actor.practitionerId) throw noApplication();
    return actor.practitionerId;
  };

  async function load(tx: Tx, id: string, lock = false) {
    const row = await repo.findPractitioner(tx, id, lock);
    if (!row) throw noApplication();
    return row;
  }

  async function view(tx: Tx, row: repo.PractitionerRow): Promise<PractitionerApplication> {
    return toApplication(row, await repo.listDocuments(tx, row.id), publicUrl);
  }

  async function save(
    tx: Tx,
    actor: RequestActor,
    row: repo.PractitionerRow,
    changes: Partial<NewPractitioner>,
  ) {
    let updated: repo.PractitionerRow | undefined;
    try {
      updated = await repo.updatePractitioner(tx, row.id, changes);
    } catch (error) {
      if (repo.isProfessionalIdTaken(error)) throw professionalIdTaken();
      throw error;
    }
    if (!updated) throw noApplication();
    const { before, after } = diff(row, changes);
    await recordAudit(tx, actor, {
      action: 'UPDATE',
      resource: 'practitioner',
      resourceId: row.id,
      changesBefore: before,
      changesAfter: after,
    });
    return updated;
  }

  return {
    /** The application, its checklist and its documents. */
    async get(actor: RequestActor): Promise<PractitionerApplication> {
      const id = ownId(actor);
      return withActor(db, actor, async (tx) => view(tx, await load(tx, id)));
    },

    /** Changes profile fields: not while under review; what HuntZen verified stays once validated. */
    async update(actor: RequestActor, input: ProfileUpdate): Promise<PractitionerApplication> {
      const id = ownId(actor);
      return withActor(db, actor, async (tx) => {
        const row = await load(tx, id, true);
        const status = applicationStatus(row);
        if (!mayEditProfile(status)) {
          throw illegalTransition('Your application is being reviewed: wait for the decision.', status);
        }
        // The kind is not stored: the number's format says it (9 digits ADELI, 11 RPPS).
        const { professionalIdKind: _kind, ...fields } = input;
        const changes: Partial<NewPractitioner> = {};
        for (const [key, value] of Object.entries(fields) as [keyof typeof fields, unknown][]) {
          if (value !== undefined && !same(row[key], value)) Object.assign(changes, { [key]: value });
        }
        if (status === 'VALIDATED') {
          const locked = VERIFIED_FIELDS.filter((field) => field in changes);
          if (locked.length > 0) {
            throw new AppError('CONFLICT', 'HuntZen verified these fields: contact us to change them.', {
              errors: locked.map((field) => ({ path: `body.${field}`, message: 'verified by HuntZen' })),
            });
          }
        }
        const merged = { ...row, ...changes };
        const problems = profileProblems(merged, merged.timezone);
        if (problems.length > 0) {
          throw new AppError('VALIDATION_FAILED', 'The profile is invalid; see `errors`.', {
            errors: problems,
          });
        }
        if (Object.keys(changes).length === 0) return view(tx, row);
        return view(tx, await save(tx, actor, row, changes));
      });
    },

    /** Pauses or resumes the listing, or new clients; once validated. */
    async updateListing(actor: RequestActor, input: ListingUpdate): Promise<PractitionerApplication> {
      const id = ownId(actor);
      return withActor(db, actor, async (tx) => {
        const row = await load(tx, id, true);
        const status = applicationStatus(row);
        if (!mayChangeListing(status)) {
          throw illegalTransition('Your profile is listed once HuntZen has validated it.', status);
        }
        const changes: Partial<NewPractitioner> = {};
        if (input.isActive !== undefined && input.isActive !== row.isActive)
          changes.isActive = input.isActive;
        if (
          input.isAcceptingNewClients !== undefined &&
          input.isAcceptingNewClients !== row.isAcceptingNewClients
        ) {
          changes.isAcceptingNewClients = input.isAcceptingNewClients;
        }
        if (Object.keys(changes).length === 0) return view(tx, row);
        return view(tx, await save(tx, actor, row, changes));
      });
    },

    /** Sends a complete draft (or a fixed refusal) for review; any earlier verification is void. */
    async submit(actor: RequestActor): Promise<PractitionerApplication> {
      const id = ownId(actor);
      return withActor(db, actor, async (tx) => {
        const row = await load(tx, id, true);
        const status = applicationStatus(row);
        if (!maySubmit(status)) {
          throw illegalTransition(
            status === 'SUBMITTED'
              ? 'Your application is already being reviewed.'
              : 'Your profile is validated.',
            status,
          );
        }
        const documents = await repo.listDocuments(tx, id);
        const missing = requirementsOf(
          row,
          documents.map((d) => d.fileType as PractitionerDocument['fileType']),
        ).filter((r) => !r.met);
        const problems = profileProblems(row, row.timezone);
        if (missing.length > 0 || problems.length > 0) {
          throw new AppError('CONFLICT', 'Your application is not complete yet; see `errors`.', {
            errors: [
              ...missing.map((r) => ({ path: `requirements.${r.key}`, message: 'missing' })),
              ...problems,
            ],
          });
        }
        const submitted = await repo.updatePractitioner(tx, id, {
          submittedAt: new Date(),
          rejectedAt: null,
          rejectionReason: null,
          documentsVerified: false,
        });
        await recordAudit(tx, actor, {
          action: 'UPDATE',
          resource: 'practitioner',
          resourceId: id,
          details: { status: 'SUBMITTED', previous: status },
        });
        return toApplication(submitted!, documents, publicUrl);
      });
    },

    /** The practitioner's documents. */
    async listDocuments(actor: RequestActor): Promise<{ items: PractitionerDocument[] }> {
      const id = ownId(actor);
      return withActor(db, actor, async (tx) => {
        await load(tx, id);
        const documents = await repo.listDocuments(tx, id);
        return { items: documents.map((d) => toDocument(d, publicUrl)) };
      });
    },

    /**
     * Removes one of the practitioner's documents, while the application is a draft or refused: the
     * documents of an application under review, or of a validation, stay as the admin saw them.
     */
    async removeDocument(actor: RequestActor, fileId: string): Promise<void> {
      const id = ownId(actor);
      await withActor(db, actor, async (tx) => {
        const row = await load(tx, id);
        if (!(await repo.findDocument(tx, id, fileId))) {
          throw new AppError('NOT_FOUND', 'No such document among yours.');
        }
        const status = applicationStatus(row);
        if (!mayRemoveDocuments(status)) {
          throw illegalTransition('Documents cannot be removed once sent for review.', status);
        }
      });
      // The files service removes the row (audited, the copy in `document_urls` follows by trigger)
      // and then the stored content.
      await deps.files.remove(actor, fileId);
    },
  };
}

export type MyApplicationService = ReturnType<typeof createMyApplicationService>;
