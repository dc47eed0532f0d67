// The employee's private mood journal: entries whose text is encrypted with the field cipher (AAD
// journal_entries:encrypted_content:<id>), moods and tags in clear for filters and the trend, export
// and idempotent import, and an opt-in sentiment score computed on this server. Nothing of an entry
// is logged or audited but ids and counts.
import { createHash } from 'node:crypto';
import {
  type CreateJournalEntry,
  CreateJournalEntrySchema,
  type JournalEntry,
  type JournalEntryPage,
  type JournalExport,
  JournalExportSchema,
  type JournalImportResult,
  type JournalSettings,
  type JournalStreak,
  MoodSchema,
  type MoodTrend,
  normaliseTags,
  type TrendBucket,
  type UpdateJournalEntry,
  UpdateJournalEntrySchema,
} from '@huntzen/contracts';
import { DecryptionError, type FieldCipher } from '@huntzen/crypto';
import { type Database, type Mood, type Tx, withActor } from '@huntzen/db';
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { decodeCursor, encodeCursor } from '../../platform/pagination';
import { assertConsentCurrent } from '../onboarding';
import { journalCsv } from './journal.csv';
import { journalOwnerOf, journalStreak } from './journal.policy';
import {
  allEntries,
  type Bound,
  clearSentimentScores,
  deleteEntry,
  entryDates,
  existingEntryIds,
  findEntry,
  findJournalOwner,
  insertEntry,
  listEntries,
  moodTrend,
  type StoredEntry,
  setSentimentOptIn,
  setSentimentScores,
  updateEntry,
} from './journal.repository';
import type { JournalSentiment } from './sentiment';

const RESOURCE = 'journal_entry';

export interface JournalDeps {
  db: Database;
  cipher: FieldCipher;
  sentiment: JournalSentiment;
  log: Pick<FastifyBaseLogger, 'warn'>;
  now?: () => Date;
}

interface RangeQuery {
  from?: string | undefined;
  to?: string | undefined;
}
export interface ListQuery extends RangeQuery {
  mood?: Mood | undefined;
  tag?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

type Owner = { employeeId: string; language: string; timeZone: string; sentimentEnabled: boolean };

function bound(value: string | undefined): Bound | undefined {
  if (value === undefined) return undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? { kind: 'date', date: value } : { kind: 'instant', at: value };
}

function contextOf(id: string) {
  return { table: 'journal_entries', column: 'encrypted_content', rowId: id };
}

/** A deterministic id of an imported entry that cannot keep its own (uuid-shaped, from SHA-256). */
function derivedId(employeeId: string, key: string): string {
  const h = createHash('sha256').update(`huntzen:journal-import:${employeeId}:${key}`).digest('hex');
  // Version 4 / variant bits set so the value is a valid RFC 9562 uuid for every validator.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((Number.parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Re-raises a Zod error of an import as VALIDATION_FAILED naming each field (body.entries.3.mood). */
function validationFailed(error: z.ZodError, prefix: string): AppError {
  return new AppError('VALIDATION_FAILED', 'The journal file is not valid.', {
    errors: error.issues.map((issue) => ({
      path: [prefix, ...issue.path.map(String)].join('.'),
      message: issue.message,
    })),
  });
}

/** Builds the journal service. */
export function createJournalService(deps: JournalDeps) {
  const now = deps.now ?? (() => new Date());

  /**
   * The journal's owner. Reading, exporting, deleting and opting out never wait for a consent
   * (access to and erasure of one's own data); writing new content needs the current one.
   */
  async function ownerOf(tx: Tx, actor: RequestActor, writing = false): Promise<Owner> {
    const employeeId = journalOwnerOf(actor);
    if (writing) await assertConsentCurrent(tx, actor);
    const row = await findJournalOwner(tx, employeeId);
    if (!row) throw new AppError('NOT_FOUND', 'No such employee.');
    return {
      employeeId,
      language: row.preferredLanguage,
      timeZone: row.timeZone,
      sentimentEnabled: row.sentimentEnabled,
    };
  }

  /** The plaintext, or null when the ciphertext fails authentication (its row id logged, nothing else). */
  function open(row: StoredEntry): string | null {
    try {
      return deps.cipher.decrypt(row, contextOf(row.id));
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
      deps.log.warn({ journalEntryId: row.id }, 'journal entry failed authentication');
      return null;
    }
  }

  function view(row: StoredEntry, content: string | null): JournalEntry {
    return {
      id: row.id,
      content,
      contentUnreadable: content === null,
      mood: row.mood,
      tags: row.tags,
      sentimentScore: row.sentimentScore,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  /** Single reads answer CONTENT_UNREADABLE rather than an entry without its text. */
  function single(row: StoredEntry): JournalEntry {
    const content = open(row);
    if (content === null) {
      throw new AppError('CONTENT_UNREADABLE', 'This entry cannot be decrypted; it may be deleted.');
    }
    return view(row, content);
  }

  async function scoreOf(owner: Owner, content: string): Promise<number | null> {
    return owner.sentimentEnabled ? deps.sentiment.score(content, owner.language) : null;
  }

  function sealed(id: string, content: string) {
    return deps.cipher.encrypt(content, contextOf(id));
  }

  async function create(actor: RequestActor, body: CreateJournalEntry): Promise<JournalEntry> {
    const input = CreateJournalEntrySchema.parse(body);
    return withActor(deps.db, actor, async (tx) => {
      const owner = await ownerOf(tx, actor, true);
      const id = crypto.randomUUID();
      const row = await insertEntry(tx, {
        id,
        employeeId: owner.employeeId,
        ...sealed(id, input.content),
        mood: input.mood,
        tags: normaliseTags(input.tags),
        sentimentScore: await scoreOf(owner, input.content),
      });
      return view(row!, input.content);
    });
  }

  async function get(actor: RequestActor, id: string): Promise<JournalEntry> {
    return withActor(deps.db, actor, async (tx) => {
      const owner = await ownerOf(tx, actor);
      const row = await findEntry(tx, id, owner.employeeId);
      if (!row) throw new AppError('NOT_FOUND', 'No such journal entry.');
      return single(row);
    });
  }

  async function list(actor: RequestActor, query: ListQuery): Promise<JournalEntryPage> {
    return withActor(deps.db, actor, async (tx) => {
      const owner = await ownerOf(tx, actor);
      const after = query.cursor ? decodeCursor(query.cursor) : null;
      const rows = await listEntries(tx, {
        employeeId: owner.employeeId,
        timeZone: owner.timeZone,
        from: bound(query.from),
        to: bound(query.to),
        mood: query.mood,
        tag: query.tag ? normaliseTags([query.tag])[0] : undefined,
        limit: query.limit,
        after,
      });
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items: items.map((row) => view(row, open(row))),
        nextCursor:
          rows.length > query.limit && last ? encodeCursor({ t: last.createdAtText, id: last.id }) : null,
      };
    });
  }

  async function update(actor: RequestActor, id: string, body: UpdateJournalEntry): Promise<JournalEntry> {
    const input = UpdateJournalEntrySchema.parse(body);
    return withActor(deps.db, actor, async (tx) => {
      const owner = await ownerOf(tx, actor);
      const row = await findEntry(tx, id, owner.employeeId);
      if (!row) throw new AppError('NOT_FOUND', 'No such journal entry.');
      await assertConsentCurrent(tx, actor);
      // Replacing the text of an unreadable entry repairs it; anything else needs the text.
      const content = input.content ?? open(row);
      if (content === null) {
        throw new AppError(
          'CONTENT_UNREADABLE',
          'This entry cannot be decrypted; replace its text or delete it.',
        );
      }
      const updated = await updateEntry(tx, id, owner.employeeId, {
        ...(input.content !== undefined ? sealed(id, input.content) : {}),
        ...(input.mood !== undefined ? { mood: input.mood } : {}),
        ...(input.tags !== undefined ? { tags: normaliseTags(input.tags) } : {}),
        sentimentScore: await scoreOf(owner, content),
      });
      if (!updated) throw new AppError('NOT_FOUND', 'No such journal entry.');
      return view(updated, content);
    });
  }

  async function remove(actor: RequestActor, id: string): Promise<void> {
    await withActor(deps.db, actor, async (tx) => {
      const owner = await ownerOf(tx, actor);
      if (!(await deleteEntry(tx, id, owner.employeeId))) {
        throw new AppError('NOT_FOUND', 'No such journal entry.');
      }
    });
  }

  async function trend(actor: RequestActor, query: RangeQuery & { bucket: TrendBucket }): Promise<MoodTrend> {
    return withActor(deps.db, actor, async (tx) => {
      const owner = await ownerOf(tx, actor);
      const rows = await moodTrend(tx, {
        employeeId: owner.employeeId,
        timeZone: owner.timeZone,
        from: bound(query.from),
        to: bound(query.to),
        bucket: query.bucket,
      });
      return {
        bucket: query.bucket,
        timeZone: owner.timeZone,
        points: rows.map((r) => ({
          period: r.period,
          average: r.average === null ? null : Number(r.average),
          entries: r.entries,
          withMood: r.withMood,
        })),
      };
    });
  }

  async function streak(actor: RequestActor): Promise<JournalStreak> {
    return withActor(deps.db, actor, async (tx) => {
      const owner = await ownerOf(tx, actor);
      const days = await entryDates(tx, owner.employeeId, owner.timeZone);
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: owner.timeZone }).format(now());
      return journalStreak(days, today);
    });
  }

  function settingsOf(owner: Owner): JournalSettings {
    return {
      sentimentEnabled: owner.sentimentEnabled,
      language: owner.language,
      sentimentAvailable: deps.sentiment.supports(owner.language),
    };
  }

  async function settings(actor: RequestActor): Promise<JournalSettings> {
    return withActor(deps.db, actor, async (tx) => settingsOf(await ownerOf(tx, actor)));
  }

  /** Opting in scores every readable entry now; opting out clears every score. */
  async function updateSettings(
    actor: RequestActor,
    body: { sentimentEnabled: boolean },
  ): Promise<JournalSettings> {
    return withActor(deps.db, actor, async (tx) => {
      const enabled = body.sentimentEnabled;
      const owner = await ownerOf(tx, actor, enabled);
      if (enabled !== owner.sentimentEnabled) {
        await setSentimentOptIn(tx, owner.employeeId, enabled);
        await recordAudit(tx, actor, {
          action: 'UPDATE',
          resource: 'journal_settings',
          resourceId: owner.employeeId,
          details: { sentimentEnabled: enabled },
        });
      }
      const next = { ...owner, sentimentEnabled: enabled };
      if (enabled) {
        const scores: { id: string; score: number | null }[] = [];
        for (const row of await allEntries(tx, owner.employeeId)) {
          const content = open(row);
          scores.push({ id: row.id, score: content === null ? null : await scoreOf(next, content) });
        }
        await setSentimentScores(tx, owner.employeeId, scores);
      } else {
        await clearSentimentScores(tx, owner.employeeId);
      }
      return settingsOf(next);
    });
  }

  /** The whole journal, decrypted; audited as EXPORT with the count only. */
  async function exportJournal(
    actor: RequestActor,
    format: 'json' | 'csv',
  ): Promise<{ filename: string; contentType: string; body: string }> {
    return withActor(deps.db, actor, async (tx) => {
      const owner = await ownerOf(tx, actor);
      const rows = await allEntries(tx, owner.employeeId);
      const entries = rows.map((row) => view(row, open(row)));
      await recordAudit(tx, actor, {
        action: 'EXPORT',
        resource: RESOURCE,
        details: {
          format,
          entries: entries.length,
          unreadable: entries.filter((e) => e.contentUnreadable).length,
        },
        isSensitive: true,
      });
      const stamp = now().toISOString().slice(0, 10);
      if (format === 'csv') {
        return {
          filename: `journal-${stamp}.csv`,
          contentType: 'text/csv; charset=utf-8',
          body: journalCsv(entries),
        };
      }
      // An unreadable entry has no text to give back: it is left out of a file meant to re-import.
      const document: JournalExport = {
        format: 'huntzen-journal',
        version: 1,
        exportedAt: now().toISOString(),
        entries: entries
          .filter((e) => e.content !== null)
          .map((e) => ({
            id: e.id,
            createdAt: e.createdAt,
            updatedAt: e.updatedAt,
            mood: e.mood,
            tags: e.tags,
            content: e.content!,
            sentimentScore: e.sentimentScore,
          })),
      };
      return {
        filename: `journal-${stamp}.json`,
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify(document, null, 2),
      };
    });
  }

  /**
   * Imports a JSON export. Idempotent: an entry keeps its exported id when free, else takes one
   * derived from (employee, exported id), so a second import of the same file finds every entry
   * and creates nothing. createdAt is the exported one.
   */
  async function importJournal(actor: RequestActor, body: unknown): Promise<JournalImportResult> {
    const parsed = JournalExportSchema.safeParse(body);
    if (!parsed.success) throw validationFailed(parsed.error, 'body');
    const { entries } = parsed.data;
    // An entry from the future would stand first in every list and break the streak.
    const latest = now().getTime() + 86_400_000;
    const future = entries.flatMap((e, i) =>
      new Date(e.createdAt).getTime() > latest
        ? [{ path: `body.entries.${i}.createdAt`, message: 'is in the future' }]
        : [],
    );
    if (future.length > 0) {
      throw new AppError('VALIDATION_FAILED', 'The journal file is not valid.', { errors: future });
    }
    return withActor(deps.db, actor, async (tx) => {
      const owner = await ownerOf(tx, actor, true);
      const candidates = entries.map((e) => {
        const own = e.id ?? derivedId(owner.employeeId, `created:${new Date(e.createdAt).toISOString()}`);
        return { entry: e, ids: [own, derivedId(owner.employeeId, `id:${own}`)] as const };
      });
      const existing = await existingEntryIds(
        tx,
        owner.employeeId,
        candidates.flatMap((c) => [...c.ids]),
      );
      let created = 0;
      let skipped = 0;
      for (const { entry, ids } of candidates) {
        if (ids.some((id) => existing.has(id))) {
          skipped++;
          continue;
        }
        const createdAt = new Date(entry.createdAt);
        const values = {
          employeeId: owner.employeeId,
          mood: entry.mood,
          tags: normaliseTags(entry.tags),
          sentimentScore: await scoreOf(owner, entry.content),
          createdAt,
          updatedAt: entry.updatedAt ? new Date(entry.updatedAt) : createdAt,
        };
        // The exported id may belong to someone else (a file from another account): take the derived one.
        let row = await insertEntry(tx, { id: ids[0], ...values, ...sealed(ids[0], entry.content) }, true);
        row ??= await insertEntry(tx, { id: ids[1], ...values, ...sealed(ids[1], entry.content) }, true);
        if (row) {
          existing.add(row.id);
          created++;
        } else skipped++;
      }
      await recordAudit(tx, actor, {
        action: 'IMPORT',
        resource: RESOURCE,
        details: { created, skipped },
        isSensitive: true,
      });
      return { created, skipped };
    });
  }

  return {
    create,
    get,
    list,
    update,
    remove,
    trend,
    streak,
    settings,
    updateSettings,
    exportJournal,
    importJournal,
  };
}

export type JournalService = ReturnType<typeof createJournalService>;

/** Mood values, for the routes' filters. */
export const MOOD_VALUES = MoodSchema.options;
