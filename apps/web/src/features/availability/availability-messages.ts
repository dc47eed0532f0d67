// Messages of this feature: the API's field messages (short English phrases) in the user's language
// before they are put on the form's fields (others pass through: lib/form translates the common
// ones), and toasts.

import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { ApiError } from '../../lib/api-error';

/** `error` with the availability field messages translated. */
export function localizeAvailabilityError(error: unknown, t: TFunction): unknown {
  if (!(error instanceof ApiError)) return error;
  const translate = (message: string) => {
    if (/overlaps another exception/i.test(message)) return t('availability.exceptions.overlap');
    if (/overlaps another window/i.test(message)) return t('availability.weekly.overlap');
    if (/must be after the start/i.test(message)) return t('availability.weekly.endBeforeStart');
    return message;
  };
  return new ApiError(
    error.status,
    error.code,
    error.detail,
    error.fieldErrors.map((f) => ({ ...f, message: translate(f.message) })),
  );
}

/** A toast with a named close button (axe: buttons need a name). */
export function toast(t: TFunction, message: string, color: 'zen' | 'red' = 'zen'): void {
  notifications.show({ color, message, closeButtonProps: { 'aria-label': t('common.close') } });
}
