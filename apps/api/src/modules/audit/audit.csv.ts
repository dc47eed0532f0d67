// CSV of audit rows (RFC 4180: comma separated, CRLF, quoted when needed). Audit rows carry text
// chosen by callers (user agents, emails typed at sign-in), so a cell that a spreadsheet would run
// as a formula is prefixed with an apostrophe (OWASP "CSV injection").
import type { AuditLogItem } from './audit.schemas';

/** Column names, in order: the first line of the file. */
export const AUDIT_CSV_COLUMNS = [
  'createdAt',
  'actorKind',
  'userId',
  'userEmail',
  'userRole',
  'action',
  'resource',
  'resourceId',
  'companyId',
  'companyName',
  'ipAddress',
  'userAgent',
  'isSensitive',
  'details',
  'changesBefore',
  'changesAfter',
  'id',
] as const satisfies readonly (keyof AuditLogItem)[];

/** Byte order mark: spreadsheet programs then read the file as UTF-8 (accents in names). */
export const CSV_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: JSON for objects, quoted when it holds a comma, a quote or a line break. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The header line, CRLF-terminated. */
export function csvHeader(): string {
  return `${AUDIT_CSV_COLUMNS.join(',')}\r\n`;
}

/** One row's line, CRLF-terminated. */
export function csvLine(item: AuditLogItem): string {
  return `${AUDIT_CSV_COLUMNS.map((column) => csvCell(item[column])).join(',')}\r\n`;
}
