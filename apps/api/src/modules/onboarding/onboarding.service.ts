// Onboarding and consent of the signed-in employee. Onboarding is done when the required profile
// fields are valid and the current consent is accepted; the profile fields themselves are saved
// through PATCH /api/v1/me/profile, step by step.
import type { ConsentState, OnboardingState } from '@huntzen/contracts';
import { type Database, type Tx, withActor } from '@huntzen/db';
import { recordAudit } from '../../platform/audit';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { ownEmployeeId } from '../employee-profile';
import {
  checkConsentVersion,
  consentStateOf,
  consentUpToDate,
  missingOnboardingFields,
} from './onboarding.policy';
import * as repo from './onboarding.repository';

type EmployeeRow = NonNullable<Awaited<ReturnType<typeof repo.findEmployee>>>;

function onboardingStateOf(row: EmployeeRow): OnboardingState {
  return {
    completed: row.onboardingCompletedAt !== null,
    completedAt: row.onboardingCompletedAt?.toISOString() ?? null,
    missingFields: missingOnboardingFields(row),
    consent: consentStateOf(row),
  };
}

/** Builds the onboarding and consent service. */
export function createOnboardingService(deps: { db: Database }) {
  /** Runs `work` on the caller's own employee row. */
  function onOwnRow<T>(actor: RequestActor, work: (tx: Tx, row: EmployeeRow) => Promise<T>) {
    const id = ownEmployeeId(actor);
    return withActor(deps.db, actor, async (tx) => {
      const row = await repo.findEmployee(tx, id);
      if (!row) throw new AppError('NOT_FOUND', 'No employee profile.');
      return work(tx, row);
    });
  }

  return {
    /** Where the caller's onboarding stands. */
    state(actor: RequestActor): Promise<OnboardingState> {
      return onOwnRow(actor, async (_tx, row) => onboardingStateOf(row));
    },

    /** Finishes onboarding: every required field valid and the current consent accepted. */
    complete(actor: RequestActor): Promise<OnboardingState> {
      return onOwnRow(actor, async (tx, row) => {
        if (row.onboardingCompletedAt) return onboardingStateOf(row);
        const missing = missingOnboardingFields(row);
        if (missing.length > 0) {
          throw new AppError('VALIDATION_FAILED', 'Complete your profile first.', {
            errors: missing.map((field) => ({ path: `profile.${field}`, message: 'required' })),
          });
        }
        if (!consentUpToDate(row)) {
          throw new AppError(
            'CONSENT_REQUIRED',
            'Accept the current consent first (POST /api/v1/me/consent).',
          );
        }
        const after = await repo.completeOnboarding(tx, row.id);
        await recordAudit(tx, actor, {
          action: 'UPDATE',
          resource: 'employee',
          resourceId: row.id,
          changesAfter: { onboardingCompletedAt: after!.onboardingCompletedAt!.toISOString() },
        });
        return onboardingStateOf(after!);
      });
    },

    /** The caller's consent: the current version and the one they accepted. */
    consent(actor: RequestActor): Promise<ConsentState> {
      return onOwnRow(actor, async (_tx, row) => consentStateOf(row));
    },

    /** Accepts consent `version`, which must be the current one; accepting it again changes nothing. */
    acceptConsent(actor: RequestActor, version: string): Promise<ConsentState> {
      checkConsentVersion(version);
      return onOwnRow(actor, async (tx, row) => {
        if (row.consentVersion === version && row.consentGivenAt) return consentStateOf(row);
        const after = await repo.acceptConsent(tx, row.id, version);
        await recordAudit(tx, actor, {
          action: 'UPDATE',
          resource: 'employee',
          resourceId: row.id,
          details: { consent: 'accepted' },
          changesBefore: { consentVersion: row.consentVersion },
          changesAfter: {
            consentVersion: after!.consentVersion,
            consentGivenAt: after!.consentGivenAt!.toISOString(),
          },
        });
        return consentStateOf(after!);
      });
    },
  };
}

export type OnboardingService = ReturnType<typeof createOnboardingService>;
