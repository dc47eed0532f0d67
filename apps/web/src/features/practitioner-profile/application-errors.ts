// Messages for what can go wrong with an application, in the user's language.
import type { TFunction } from 'i18next';
import { ApiError } from '../../lib/api-error';
import { errorMessage } from '../../lib/form';

/** The sentence for a failed action on the application (state conflicts have their own). */
export function applicationErrorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.code === 'ILLEGAL_TRANSITION') return t('practitionerProfile.errors.state');
    if (error.code === 'CONFLICT' && error.fieldErrors.some((f) => f.path.startsWith('requirements.'))) {
      return t('practitionerProfile.errors.incomplete');
    }
  }
  return errorMessage(error, t);
}
