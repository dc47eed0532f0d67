// The journal's CSV export (RFC 4180: comma separated, CRLF line ends, a cell quoted when it holds
// a comma, a quote or a line break, quotes doubled). Cells are the employee's own words, kept
// exactly: no formula-escaping prefix, the file must round-trip.
import { JOURNAL_CSV_COLUMNS } from '@huntzen/contracts';

/** Byte order mark: spreadsheet programs then read the file as UTF-8. */
export const CSV_BOM = '\uFEFF';

/** One RFC 4180 cell. */
export function csvCell(value: string | null): string {
  if (value === null) return '';
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export interface CsvEntry {
  id: string;
  createdAt: string;
  updatedAt: string;
  mood: string | null;
  tags: readonly string[];
  content: string | null;
}

/** The whole file: BOM, header line, one line per entry (tags as a JSON array: a tag may hold any character). */
export function journalCsv(entries: readonly CsvEntry[]): string {
  const lines = [JOURNAL_CSV_COLUMNS.join(',')];
  for (const e of entries) {
    lines.push(
      [e.id, e.createdAt, e.updatedAt, e.mood, JSON.stringify(e.tags), e.content].map(csvCell).join(','),
    );
  }
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}

/** Parses RFC 4180 text into rows of cells (a BOM is ignored). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.startsWith(CSV_BOM) ? text.slice(1) : text;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && s[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
