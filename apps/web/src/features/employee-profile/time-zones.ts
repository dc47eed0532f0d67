// The time zones offered in pickers: those of this browser (Intl), with the user's own first.

/** The browser's time zone, e.g. "Europe/Paris" (undefined if the browser does not say). */
export function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

let zones: string[] | undefined;

/** Every zone the browser knows, plus `extra` (a stored zone the list may name differently). */
export function timeZoneOptions(extra?: string | null): string[] {
  zones ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const all = new Set(zones);
  if (extra) all.add(extra);
  const browser = browserTimeZone();
  if (browser) all.add(browser);
  return [...all].sort((a, b) => a.localeCompare(b));
}
