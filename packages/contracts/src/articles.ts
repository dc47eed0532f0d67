// Articles (/api/v1/articles): Markdown articles written by HuntZen's admins, rendered and sanitized
// on the server, published now or at a planned time, read by everyone (anonymous included) once
// published. Limits, SEO lengths and the slug rule are here so the web editor and the API apply
// the very same ones.
import { z } from 'zod';
import { isoInstant } from './dates';

export const ARTICLE_CATEGORIES = [
  'MENTAL_HEALTH',
  'STRESS_MANAGEMENT',
  'WORK_LIFE_BALANCE',
  'PRODUCTIVITY',
  'RELATIONSHIPS',
  'WELLBEING',
  'MINDFULNESS',
  'BURNOUT',
  'ANXIETY',
  'DEPRESSION',
] as const;
export type ArticleCategory = (typeof ARTICLE_CATEGORIES)[number];

export const ARTICLE_STATUSES = ['DRAFT', 'SCHEDULED', 'PUBLISHED', 'ARCHIVED'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** Networks of the share buttons (`copy`: the link copied to the clipboard). */
export const SHARE_NETWORKS = ['x', 'linkedin', 'facebook', 'email', 'copy'] as const;
export type ShareNetwork = (typeof SHARE_NETWORKS)[number];

export const ARTICLE_LIMITS = Object.freeze({
  titleMaxChars: 200,
  excerptMaxChars: 500,
  contentMaxChars: 100_000,
  metaTitleMaxChars: 120,
  metaDescriptionMaxChars: 320,
  maxTags: 10,
  tagMaxChars: 40,
  maxKeywords: 20,
  keywordMaxChars: 60,
  slugMaxChars: 80,
  queryMaxChars: 200,
  /** How far ahead a publication may be planned. */
  scheduleMaxDays: 730,
});

/** What search engines show before cutting: the editor's counters turn orange past these. */
export const SEO_LENGTHS = Object.freeze({
  title: { min: 30, max: 60 },
  description: { min: 70, max: 160 },
});

/** Reading speed used for the reading time (words per minute). */
export const READING_WORDS_PER_MINUTE = 200;

// Short French words left out of slugs ("Comment gérer le stress au travail" → comment-gerer-stress-travail).
const SLUG_STOP_WORDS = new Set([
  'le',
  'la',
  'les',
  'l',
  'un',
  'une',
  'des',
  'du',
  'de',
  'd',
  'au',
  'aux',
  'et',
  'a',
  'en',
  'the',
  'an',
  'of',
  'and',
]);

/**
 * The slug of a title: accents stripped, lower-case ASCII letters and digits joined by single
 * hyphens, short French/English articles left out (unless nothing else is left), at most 80
 * characters cut at a hyphen. Empty when the title has no letter or digit at all.
 */
export function slugify(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  const kept = words.filter((w) => !SLUG_STOP_WORDS.has(w));
  let slug = (kept.length > 0 ? kept : words).join('-');
  if (slug.length > ARTICLE_LIMITS.slugMaxChars) {
    slug = slug.slice(0, ARTICLE_LIMITS.slugMaxChars);
    const cut = slug.lastIndexOf('-');
    if (cut > 20) slug = slug.slice(0, cut);
    slug = slug.replace(/-+$/, '');
  }
  return slug;
}

/** Minutes to read `markdown` (at least 1). */
export function readingMinutes(markdown: string): number {
  const words = markdown.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return Math.max(1, Math.round(words / READING_WORDS_PER_MINUTE));
}

export const ArticleCategorySchema = z.enum(ARTICLE_CATEGORIES).meta({ id: 'ArticleCategory' });
export const ArticleStatusSchema = z.enum(ARTICLE_STATUSES).meta({ id: 'ArticleStatus' });
export const ShareNetworkSchema = z.enum(SHARE_NETWORKS).meta({ id: 'ShareNetwork' });

const L = ARTICLE_LIMITS;
const Title = z.string().trim().min(1).max(L.titleMaxChars);
const Excerpt = z.string().trim().min(1).max(L.excerptMaxChars);
const Content = z.string().min(1).max(L.contentMaxChars);
const Tags = z.array(z.string().trim().min(1).max(L.tagMaxChars)).max(L.maxTags);
const Keywords = z.array(z.string().trim().min(1).max(L.keywordMaxChars)).max(L.maxKeywords);
const MetaTitle = z.string().trim().max(L.metaTitleMaxChars).nullable();
const MetaDescription = z.string().trim().max(L.metaDescriptionMaxChars).nullable();
const CoverFileId = z
  .uuid()
  .nullable()
  .describe(
    'An IMAGE uploaded to /api/v1/files with relatedResource=article (public); null removes the cover',
  );

export const CreateArticleSchema = z
  .object({
    title: Title,
    excerpt: Excerpt,
    content: Content.describe('Markdown; raw HTML is shown as text'),
    category: ArticleCategorySchema,
    tags: Tags.default([]),
    keywords: Keywords.default([]),
    metaTitle: MetaTitle.default(null).describe('Defaults to the title'),
    metaDescription: MetaDescription.default(null).describe('Defaults to the excerpt'),
    coverFileId: CoverFileId.optional(),
  })
  .meta({ id: 'CreateArticle' });
export type CreateArticle = z.input<typeof CreateArticleSchema>;

export const UpdateArticleSchema = z
  .object({
    title: Title.optional(),
    excerpt: Excerpt.optional(),
    content: Content.optional(),
    category: ArticleCategorySchema.optional(),
    tags: Tags.optional(),
    keywords: Keywords.optional(),
    metaTitle: MetaTitle.optional(),
    metaDescription: MetaDescription.optional(),
    coverFileId: CoverFileId.optional(),
  })
  .meta({ id: 'UpdateArticle' });
export type UpdateArticle = z.input<typeof UpdateArticleSchema>;

export const ScheduleArticleSchema = z
  .object({
    scheduledFor: isoInstant({ offset: true }).describe('When to publish (in the future, within two years)'),
  })
  .meta({ id: 'ScheduleArticle' });
export type ScheduleArticle = z.infer<typeof ScheduleArticleSchema>;

export const ShareArticleSchema = z.object({ network: ShareNetworkSchema }).meta({ id: 'ShareArticle' });

export const ArticlePreviewRequestSchema = z
  .object({ content: z.string().max(L.contentMaxChars) })
  .meta({ id: 'ArticlePreviewRequest' });
export const ArticlePreviewSchema = z
  .object({
    html: z.string().describe('Sanitized HTML, exactly as the public page shows it'),
    readingMinutes: z.number().int().min(1),
  })
  .meta({ id: 'ArticlePreview' });
export type ArticlePreview = z.infer<typeof ArticlePreviewSchema>;

export const ArticleListQuerySchema = z.object({
  status: ArticleStatusSchema.optional().describe("HuntZen's admins only; others see published articles"),
  q: z.string().trim().max(L.queryMaxChars).optional().describe('French full-text search'),
  category: ArticleCategorySchema.optional(),
  tag: z.string().trim().min(1).max(L.tagMaxChars).optional(),
});
export type ArticleListQuery = z.infer<typeof ArticleListQuerySchema>;

const SeoSchema = z.object({
  title: z.string().describe('metaTitle, else the title'),
  description: z.string().describe('metaDescription, else the excerpt'),
  canonicalUrl: z.url(),
});

export const ArticleSummarySchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    slug: z.string(),
    excerpt: z.string(),
    coverUrl: z.string().nullable(),
    category: ArticleCategorySchema,
    tags: z.array(z.string()),
    status: ArticleStatusSchema,
    publishedAt: isoInstant().nullable(),
    scheduledFor: isoInstant().nullable(),
    authorName: z.string(),
    readingMinutes: z.number().int().min(1),
    viewCount: z.number().int(),
    shareCount: z.number().int(),
    updatedAt: isoInstant(),
    url: z.url().describe('The public page (reachable once published)'),
    snippet: z
      .string()
      .nullable()
      .describe('With `q`: HTML-escaped text around the matches, matches in <mark>…</mark>'),
  })
  .meta({ id: 'ArticleSummary' });
export type ArticleSummary = z.infer<typeof ArticleSummarySchema>;

export const ArticleSchema = ArticleSummarySchema.omit({ snippet: true })
  .extend({
    content: z.string().describe('Markdown'),
    contentHtml: z.string().describe('Rendered and sanitized'),
    metaTitle: z.string().nullable(),
    metaDescription: z.string().nullable(),
    keywords: z.array(z.string()),
    authorRole: z.string(),
    seo: SeoSchema,
    createdAt: isoInstant(),
  })
  .meta({ id: 'Article' });
export type Article = z.infer<typeof ArticleSchema>;

export const ArticlePageSchema = z
  .object({ items: z.array(ArticleSummarySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ArticlePage' });
export type ArticlePage = z.infer<typeof ArticlePageSchema>;
