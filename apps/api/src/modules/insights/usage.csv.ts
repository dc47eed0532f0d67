// The dashboard's CSV (RFC 4180, UTF-8 with BOM): the very figures of the answer, suppressed groups
// marked as such with empty cells. A department name is HR's own text: cells that a spreadsheet
// would run as a formula are prefixed with a quote.
import type { UsageInsights } from '@huntzen/contracts';

const BOM = '\uFEFF';
export const USAGE_CSV_COLUMNS = [
  'group',
  'suppressed',
  'employees',
  'activeEmployees',
  'consultations',
  'minutes',
  'adoptionRate',
  'medianDaysToFirstConsultation',
] as const;

function cell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV of one answer: a line per group, then the total (group "TOTAL"). */
export function usageCsv(answer: UsageInsights): string {
  const lines = [USAGE_CSV_COLUMNS.join(',')];
  const line = (key: string | null, g: UsageInsights['total']) =>
    [
      key,
      g.suppressed,
      g.employees,
      g.activeEmployees,
      g.consultations,
      g.minutes,
      g.adoptionRate,
      g.medianDaysToFirstConsultation,
    ]
      .map(cell)
      .join(',');
  for (const g of answer.groups) lines.push(line(g.key ?? '(none)', g));
  lines.push(line('TOTAL', answer.total));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
