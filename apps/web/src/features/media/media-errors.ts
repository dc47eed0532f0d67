// Translated messages for what can go wrong with a picture.
import type { TFunction } from 'i18next';
import { ApiError } from '../../lib/api-error';
import { errorMessage } from '../../lib/form';

/** The message for a failed upload or choice of a picture. */
export function pictureErrorMessage(error: unknown, t: TFunction, maxMegabytes: number): string {
  if (error instanceof ApiError) {
    if (error.code === 'PAYLOAD_TOO_LARGE') return t('media.errors.size', { max: maxMegabytes });
    if (error.code === 'UNSUPPORTED_MEDIA_TYPE') return t('media.errors.rejected');
    // Choosing an upload that expired meanwhile (it lives a day before being chosen).
    if (error.code === 'NOT_FOUND') return t('media.errors.expired');
  }
  return errorMessage(error, t);
}
