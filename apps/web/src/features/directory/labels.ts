// Display names of what the directory shows as codes: languages (by the browser's Intl, in the
// interface language) and full names.
import type { DirectoryItem } from '@huntzen/contracts';

/** "Français", "English"… for an ISO 639 code, in `locale`; the code itself when unknown. */
export function languageName(code: string, locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(code);
    return name ? name.charAt(0).toLocaleUpperCase(locale) + name.slice(1) : code;
  } catch {
    return code;
  }
}

/** "Mme. Élodie Lefèvre". */
export function fullName(p: Pick<DirectoryItem, 'title' | 'firstName' | 'lastName'>): string {
  return [p.title, p.firstName, p.lastName].filter(Boolean).join(' ');
}

/** The path of a practitioner's profile page. */
export const profilePath = (id: string) => `/app/practitioners/${encodeURIComponent(id)}`;
