// Consultation languages for the picker: every ISO 639-1 code, named in the interface language
// ("anglais" / "English"), the common ones first.
import { ISO_LANGUAGE_CODES } from '@huntzen/contracts';

const FIRST = ['fr', 'en', 'es', 'de', 'it', 'pt', 'ar'];

/** Options of the language MultiSelect, named with Intl.DisplayNames. */
export function languageOptions(displayLanguage: string): { value: string; label: string }[] {
  const names = new Intl.DisplayNames([displayLanguage], { type: 'language', fallback: 'code' });
  const label = (code: string) => {
    const name = names.of(code) ?? code;
    return name.charAt(0).toLocaleUpperCase(displayLanguage) + name.slice(1);
  };
  const rest = ISO_LANGUAGE_CODES.filter((code) => !FIRST.includes(code))
    .map((code) => ({ value: code, label: label(code) }))
    .sort((a, b) => a.label.localeCompare(b.label, displayLanguage));
  return [...FIRST.map((code) => ({ value: code, label: label(code) })), ...rest];
}

let zones: string[] | undefined;

/** The IANA time zones this browser knows (plus the stored one, whatever the browser says). */
export function timeZoneOptions(current: string): string[] {
  zones ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([...zones, current])].sort((a, b) => a.localeCompare(b));
}
