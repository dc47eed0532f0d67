// Demo journal entries: a quarter of the employees keep a journal, encrypted like the app does
// (modules/journal: AAD journal_entries:encrypted_content:<id>, plain UTF-8 text).
import { randomUUID } from 'node:crypto';
import type { Mood } from '../schema/enums';
import { between, type DemoContext } from './context';
import { copyRow, ts } from './copy';
import type { DemoEmployee } from './organisations';
import { DAY } from './schedule';
import { JOURNAL_TAGS, JOURNAL_TEXTS } from './vocabulary';

export const JOURNAL_COLUMNS = [
  'id',
  'employee_id',
  'encrypted_content',
  'iv',
  'auth_tag',
  'mood',
  'tags',
  'sentiment_score',
  'created_at',
  'updated_at',
] as const;

/** Journal entry lines of the employees who keep one (consented ones only). */
export function* journalLines(ctx: DemoContext, employees: readonly DemoEmployee[]): Generator<string> {
  const { random, now } = ctx;
  for (const employee of employees) {
    if (!employee.consults || !random.chance(0.25)) continue;
    const count = Math.ceil(random.next() ** 2 * 20);
    const from = Math.max(employee.createdAt, now - 365 * DAY);
    for (let i = 0; i < count; i++) {
      const id = randomUUID();
      const mood = random.weighted<Mood>([
        ['VERY_BAD', 6],
        ['BAD', 18],
        ['NEUTRAL', 34],
        ['GOOD', 30],
        ['VERY_GOOD', 12],
      ]);
      const text = random.pick(JOURNAL_TEXTS[mood]!);
      const sealed = ctx.cipher.encrypt(text, {
        table: 'journal_entries',
        column: 'encrypted_content',
        rowId: id,
      });
      const at = between(ctx, from, now);
      yield copyRow([
        id,
        employee.id,
        sealed.encryptedContent,
        sealed.iv,
        sealed.authTag,
        random.chance(0.9) ? mood : null,
        // Distinct, trimmed, lower-case words: already the API's normalised form (and migration 0017's CHECK).
        random.sample(JOURNAL_TAGS, random.int(0, 3)),
        // A sentiment score exists only for employees who opted in, and no demo employee has.
        null,
        ts(at),
        ts(at),
      ]);
    }
  }
}
