// The employee's own profile: read it, change it. Row-level security keeps the employee to their
// own row; the audit log records which fields changed, never their content.
import type { EmployeeProfile, UpdateEmployeeProfileRequestSchema } from '@huntzen/contracts';
import { type Database, withActor } from '@huntzen/db';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import type { ProfileChanges, ProfileRow } from './employee-profile.repository';
import * as repo from './employee-profile.repository';
import { normalizePhoneNumber } from './phone-numbers';

export type ProfileUpdate = z.output<typeof UpdateEmployeeProfileRequestSchema>;

/** The API view of a profile row. */
export function toEmployeeProfile({ employee, email, companyName }: ProfileRow): EmployeeProfile {
  return {
    id: employee.id,
    email,
    firstName: employee.firstName,
    lastName: employee.lastName,
    department: employee.department,
    position: employee.position,
    phoneNumber: employee.phoneNumber,
    bio: employee.bio,
    location: employee.location,
    avatarUrl: employee.avatarUrl,
    coverUrl: employee.coverUrl,
    preferredLanguage: employee.preferredLanguage === 'en' ? 'en' : 'fr',
    timezone: employee.timezone,
    companyName,
    onboardingCompletedAt: employee.onboardingCompletedAt?.toISOString() ?? null,
    createdAt: employee.createdAt.toISOString(),
  };
}

/** The fields of `update` whose value differs from the row's (undefined fields are left alone). */
export function changedFields(before: ProfileRow['employee'], update: ProfileUpdate): ProfileChanges {
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(update)) {
    if (value !== undefined && before[field as keyof ProfileChanges] !== value) changes[field] = value;
  }
  return changes as ProfileChanges;
}

/** The update with its phone number in E.164 form; a number no numbering plan knows is refused. */
export function withCheckedPhone(update: ProfileUpdate): ProfileUpdate {
  if (typeof update.phoneNumber !== 'string') return update;
  const phoneNumber = normalizePhoneNumber(update.phoneNumber);
  if (!phoneNumber) {
    throw new AppError('VALIDATION_FAILED', 'This phone number does not exist.', {
      errors: [{ path: 'body.phoneNumber', message: 'a valid phone number, e.g. +33 6 12 34 56 78' }],
    });
  }
  return { ...update, phoneNumber };
}

/** The caller's employee id: only employees have this profile. */
export function ownEmployeeId(actor: RequestActor): string {
  if (actor.role !== 'EMPLOYEE' || !actor.employeeId) throw new AppError('NOT_FOUND', 'No employee profile.');
  return actor.employeeId;
}

/** Builds the employee profile service. */
export function createEmployeeProfileService(deps: { db: Database }) {
  return {
    /** The caller's profile. */
    async get(actor: RequestActor): Promise<EmployeeProfile> {
      const id = ownEmployeeId(actor);
      const row = await withActor(deps.db, actor, (tx) => repo.findProfile(tx, id));
      if (!row) throw new AppError('NOT_FOUND', 'No employee profile.');
      return toEmployeeProfile(row);
    },

    /** Changes some fields of the caller's profile; unchanged fields are neither written nor audited. */
    async update(actor: RequestActor, update: ProfileUpdate): Promise<EmployeeProfile> {
      const id = ownEmployeeId(actor);
      const checked = withCheckedPhone(update);
      return withActor(deps.db, actor, async (tx) => {
        const before = await repo.findProfile(tx, id);
        if (!before) throw new AppError('NOT_FOUND', 'No employee profile.');
        const changes = changedFields(before.employee, checked);
        const fields = Object.keys(changes);
        if (fields.length === 0) return toEmployeeProfile(before);
        if (!(await repo.updateProfile(tx, id, changes))) {
          throw new AppError('NOT_FOUND', 'No employee profile.');
        }
        // Names of the fields only: a bio or a phone number is nobody's business in the log.
        await recordAudit(tx, actor, {
          action: 'UPDATE',
          resource: 'employee',
          resourceId: id,
          details: { profileFields: fields },
        });
        const after = await repo.findProfile(tx, id);
        return toEmployeeProfile(after!);
      });
    },
  };
}

export type EmployeeProfileService = ReturnType<typeof createEmployeeProfileService>;
