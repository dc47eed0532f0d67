// The chat's sentences that depend on data: error messages for the API's codes (with the limits
// from the contract) and the dates and times of messages in the page's language and the viewer's
// time zone (the account's, as on the consultation screens).
import { CHAT_RULES } from '@huntzen/contracts';
import type { TFunction } from 'i18next';
import { formatLocale } from '../../i18n';
import { ApiError } from '../../lib/api-error';
import { errorMessage } from '../../lib/form';

const MEGABYTE = 1024 * 1024;

/** The sentence for a failed chat request. */
export function chatErrorMessage(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return errorMessage(error, t);
  switch (error.code) {
    case 'THREAD_CLOSED':
    case 'RATE_LIMITED':
    case 'UNSUPPORTED_MEDIA_TYPE':
    case 'CONTENT_UNREADABLE':
      return t(`messages.errors.${error.code}`);
    case 'EDIT_WINDOW_CLOSED':
      return t('messages.errors.EDIT_WINDOW_CLOSED', { minutes: CHAT_RULES.editWindowMinutes });
    case 'PAYLOAD_TOO_LARGE':
      return t('messages.errors.PAYLOAD_TOO_LARGE', { max: CHAT_RULES.maxAttachmentBytes / MEGABYTE });
    default:
      return errorMessage(error, t);
  }
}

/** The largest attachment, in whole megabytes, for hints. */
export const MAX_ATTACHMENT_MB = CHAT_RULES.maxAttachmentBytes / MEGABYTE;

/** "14:32". */
export function timeOf(iso: string, zone?: string): string {
  return new Intl.DateTimeFormat(formatLocale(), { timeStyle: 'short', timeZone: zone }).format(
    new Date(iso),
  );
}

/** "lundi 7 décembre 2026" — the day separators of a thread. */
export function dayOf(iso: string, zone?: string): string {
  return new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'full', timeZone: zone }).format(new Date(iso));
}

/** "7 déc. 2026, 14:32". */
export function dateTimeOf(iso: string, zone?: string): string {
  return new Intl.DateTimeFormat(formatLocale(), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: zone,
  }).format(new Date(iso));
}

/** The day of an instant in `zone`, to group messages by day. */
export function dayKeyOf(iso: string, zone?: string): string {
  return new Intl.DateTimeFormat('en-CA', { dateStyle: 'short', timeZone: zone }).format(new Date(iso));
}
