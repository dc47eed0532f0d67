// The errors of practitioner applications, worded once.
import type { ApplicationStatus } from '@huntzen/contracts';
import { AppError } from '../../platform/errors';

/** 404: no application (another practitioner's is as invisible as a missing one). */
export const noApplication = () => new AppError('NOT_FOUND', 'No such practitioner application.');

/** 409 ILLEGAL_TRANSITION with the state the application is in now. */
export const illegalTransition = (message: string, status: ApplicationStatus) =>
  new AppError('ILLEGAL_TRANSITION', message, { currentState: status });

/** 409 on the field: another practitioner has this number. */
export const professionalIdTaken = () =>
  new AppError('CONFLICT', 'This professional number is already registered.', {
    errors: [{ path: 'body.professionalId', message: 'already registered' }],
  });
