// Dates of notes in the reader's language and in the practitioner's own zone (as on the
// consultation's page), falling back to the browser's.
import { useTranslation } from 'react-i18next';
import { formatLocale } from '../../i18n';
import { useViewerZone } from '../consultations/hooks';

/** Formats an ISO instant as a long date and a time. */
export function useDateTime(): (iso: string) => string {
  // Re-rendered when the language changes: the format follows it.
  const { i18n } = useTranslation();
  const { zone } = useViewerZone();
  const format = new Intl.DateTimeFormat(formatLocale(i18n.language), {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: zone,
  });
  return (iso) => format.format(new Date(iso));
}

/** Formats an instant as hours and minutes. */
export function useClockTime(): (at: Date) => string {
  // Re-rendered when the language changes: the format follows it.
  const { i18n } = useTranslation();
  const { zone } = useViewerZone();
  const format = new Intl.DateTimeFormat(formatLocale(i18n.language), {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: zone,
  });
  return (at) => format.format(at);
}
