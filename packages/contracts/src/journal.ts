// The employee's private mood journal (/api/v1/journal-entries): entries (encrypted content, mood,
// tags), the mood trend, export/import and the sentiment opt-in. The limits and the tag rules are
// here so the web app and the API apply the very same ones.
import { z } from 'zod';
import { isoDateOrInstant, isoInstant } from './dates';

export const MOODS = ['VERY_BAD', 'BAD', 'NEUTRAL', 'GOOD', 'VERY_GOOD'] as const;
export type JournalMood = (typeof MOODS)[number];

/** The 5-point scale of the mood trend: VERY_BAD = 1 … VERY_GOOD = 5. */
export const MOOD_SCORE: Readonly<Record<JournalMood, number>> = Object.freeze({
  VERY_BAD: 1,
  BAD: 2,
  NEUTRAL: 3,
  GOOD: 4,
  VERY_GOOD: 5,
});

export const JOURNAL_LIMITS = Object.freeze({
  contentMaxChars: 10_000,
  maxTags: 10,
  tagMaxChars: 30,
  /** Entries of one import file. */
  importMaxEntries: 5_000,
});

/** Tags as stored: trimmed, lower-case (NFC), empty ones dropped, duplicates removed, order kept. */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const tag of tags) {
    const t = tag.normalize('NFC').trim().toLowerCase();
    if (t !== '') seen.add(t);
  }
  return [...seen];
}

export const MoodSchema = z.enum(MOODS).meta({ id: 'Mood' });

const TagSchema = z.string().trim().min(1).max(JOURNAL_LIMITS.tagMaxChars);
const TagsSchema = z.array(TagSchema).max(JOURNAL_LIMITS.maxTags);
const ContentSchema = z.string().max(JOURNAL_LIMITS.contentMaxChars);

export const CreateJournalEntrySchema = z
  .object({
    content: ContentSchema,
    mood: MoodSchema.nullable().default(null),
    tags: TagsSchema.default([]),
  })
  .meta({ id: 'CreateJournalEntry' });
export type CreateJournalEntry = z.input<typeof CreateJournalEntrySchema>;

export const UpdateJournalEntrySchema = z
  .object({
    content: ContentSchema.optional(),
    mood: MoodSchema.nullable().optional(),
    tags: TagsSchema.optional(),
  })
  .meta({ id: 'UpdateJournalEntry' });
export type UpdateJournalEntry = z.input<typeof UpdateJournalEntrySchema>;

export const JournalEntrySchema = z
  .object({
    id: z.uuid(),
    content: z.string().nullable().describe('Null only in lists, when the ciphertext failed authentication'),
    contentUnreadable: z.boolean().describe('True when the stored ciphertext failed authentication'),
    mood: MoodSchema.nullable(),
    tags: z.array(z.string()),
    sentimentScore: z
      .number()
      .min(-1)
      .max(1)
      .nullable()
      .describe('-1 … 1, computed on our server for employees who opted in; null otherwise'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'JournalEntry' });
export type JournalEntry = z.infer<typeof JournalEntrySchema>;

export const JournalEntryPageSchema = z
  .object({ items: z.array(JournalEntrySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'JournalEntryPage' });
export type JournalEntryPage = z.infer<typeof JournalEntryPageSchema>;

/** A calendar date (in the employee's time zone) or an instant. */
const BoundSchema = isoDateOrInstant();

export const JournalRangeQuerySchema = z.object({
  from: BoundSchema.optional().describe('From this instant, or from the start of this date (included)'),
  to: BoundSchema.optional().describe('Until this instant, or the end of this date (included)'),
});

export const JournalListQuerySchema = JournalRangeQuerySchema.extend({
  mood: MoodSchema.optional(),
  tag: z.string().trim().min(1).max(JOURNAL_LIMITS.tagMaxChars).optional(),
});
export type JournalListQuery = z.input<typeof JournalListQuerySchema>;

export const TREND_BUCKETS = ['day', 'week'] as const;
export type TrendBucket = (typeof TREND_BUCKETS)[number];

export const MoodTrendQuerySchema = JournalRangeQuerySchema.extend({
  bucket: z.enum(TREND_BUCKETS).default('day'),
});

export const MoodTrendSchema = z
  .object({
    bucket: z.enum(TREND_BUCKETS),
    timeZone: z.string().describe("The employee's time zone: days and weeks (from Monday) are counted in it"),
    points: z.array(
      z.object({
        period: z.iso.date().describe('First day of the bucket'),
        average: z
          .number()
          .nullable()
          .describe('Mean mood on 1 … 5 (2 decimals); null when no entry has a mood'),
        entries: z.number().int(),
        withMood: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'MoodTrend' });
export type MoodTrend = z.infer<typeof MoodTrendSchema>;

export const JournalStreakSchema = z
  .object({
    current: z.number().int().describe('Consecutive days with an entry, ending today or yesterday'),
    longest: z.number().int(),
    lastEntryDate: z.iso.date().nullable(),
  })
  .meta({ id: 'JournalStreak' });
export type JournalStreak = z.infer<typeof JournalStreakSchema>;

export const JournalSettingsSchema = z
  .object({
    sentimentEnabled: z.boolean(),
    language: z.string().describe("The employee's preferred language, used for the analysis"),
    sentimentAvailable: z.boolean().describe('False when no sentiment lexicon exists for that language'),
  })
  .meta({ id: 'JournalSettings' });
export type JournalSettings = z.infer<typeof JournalSettingsSchema>;

export const UpdateJournalSettingsSchema = z
  .object({ sentimentEnabled: z.boolean() })
  .meta({ id: 'UpdateJournalSettings' });

export const EXPORT_FORMATS = ['json', 'csv'] as const;
export const JournalExportQuerySchema = z.object({ format: z.enum(EXPORT_FORMATS).default('json') });

/** One entry of an export file (and of an import). */
export const JournalExportEntrySchema = z.object({
  id: z.uuid().optional(),
  content: ContentSchema,
  mood: MoodSchema.nullable().default(null),
  tags: TagsSchema.default([]),
  createdAt: isoInstant({ offset: true }),
  updatedAt: isoInstant({ offset: true }).optional(),
  /** Exported for the employee's information; an import recomputes it (or not, without opt-in). */
  sentimentScore: z.number().nullable().optional(),
});

/** The JSON export, which POST /import takes back as it is. */
export const JournalExportSchema = z
  .object({
    format: z.literal('huntzen-journal'),
    version: z.literal(1),
    exportedAt: isoInstant({ offset: true }).optional(),
    entries: z.array(JournalExportEntrySchema).max(JOURNAL_LIMITS.importMaxEntries),
  })
  .meta({ id: 'JournalExport' });
export type JournalExport = z.input<typeof JournalExportSchema>;

export const JournalImportResultSchema = z
  .object({ created: z.number().int(), skipped: z.number().int() })
  .meta({ id: 'JournalImportResult' });
export type JournalImportResult = z.infer<typeof JournalImportResultSchema>;

/** Columns of the CSV export, in order. */
export const JOURNAL_CSV_COLUMNS = ['id', 'createdAt', 'updatedAt', 'mood', 'tags', 'content'] as const;
