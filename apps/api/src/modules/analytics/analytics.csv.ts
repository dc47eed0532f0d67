// The admin analytics as CSV (RFC 4180: comma separated, CRLF, quoted when needed, UTF-8 with a
// BOM so spreadsheets read accents). Names come from people's profiles: a cell a spreadsheet would
// run as a formula is prefixed with an apostrophe (OWASP "CSV injection").
import type { BillingInsightsRow } from '@huntzen/contracts';

/** Column names, in order: the first line of the file. */
export const ANALYTICS_CSV_COLUMNS = [
  'month',
  'practitionerId',
  'practitionerFirstName',
  'practitionerLastName',
  'specialty',
  'companyId',
  'companyName',
  'consultations',
  'minutes',
  'averageDuration',
] as const;

export const CSV_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell, quoted when it holds a comma, a quote or a line break. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The header line, CRLF-terminated. */
export function csvHeader(): string {
  return `${ANALYTICS_CSV_COLUMNS.join(',')}\r\n`;
}

/** One row's line, CRLF-terminated. */
export function csvLine(row: BillingInsightsRow): string {
  const cells = [
    row.month,
    row.practitioner.id,
    row.practitioner.firstName,
    row.practitioner.lastName,
    row.practitioner.specialty,
    row.company.id,
    row.company.name,
    row.consultations,
    row.minutes,
    row.averageDuration,
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}
