// The SQL of articles. Every function runs inside withActor: row-level security shows published
// articles to everyone and every article to HuntZen's admins and the system (0001); the search
// goes through article_search() (0024), which applies the same rule and can use the indexes.
import type { ArticleCategory, ArticleStatus } from '@huntzen/contracts';
import { articles, files, type Tx, users } from '@huntzen/db';
import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';

const a = articles;

// Exact to the microsecond, unlike a JavaScript Date: a cursor built from it never skips a row.
const orderAt = sql<string>`to_char(coalesce(${a.publishedAt}, ${a.createdAt}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const summaryColumns = {
  id: a.id,
  title: a.title,
  slug: a.slug,
  excerpt: a.excerpt,
  coverUrl: a.coverUrl,
  category: a.category,
  tags: a.tags,
  status: a.status,
  publishedAt: a.publishedAt,
  scheduledFor: a.scheduledFor,
  authorName: a.authorName,
  viewCount: a.viewCount,
  shareCount: a.shareCount,
  updatedAt: a.updatedAt,
  // Reading time needs the words of the body only, not the body; counted after the sort and limit,
  // for the rows shown only (article_word_count, migration 0036).
  words: sql<number>`article_word_count(${a.content})`.mapWith(Number),
  orderAt,
};

const articleColumns = {
  ...summaryColumns,
  content: a.content,
  metaTitle: a.metaTitle,
  metaDescription: a.metaDescription,
  keywords: a.keywords,
  authorId: a.authorId,
  authorRole: a.authorRole,
  createdAt: a.createdAt,
};

export type StoredArticle = NonNullable<Awaited<ReturnType<typeof findArticle>>>;
export type StoredSummary = Awaited<ReturnType<typeof listArticles>>[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An article by id or slug, as the actor may see it. */
export async function findArticle(tx: Tx, slugOrId: string, options: { lock?: boolean } = {}) {
  const where = UUID.test(slugOrId) ? eq(a.id, slugOrId) : eq(a.slug, slugOrId);
  const query = tx.select(articleColumns).from(a).where(where);
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

/** The slugs in use that start like `base` (base itself, base-2, base-3…). */
export async function slugsLike(tx: Tx, base: string): Promise<Set<string>> {
  const rows = await tx.execute<{ slug: string }>(sql`select slug from articles
    where slug = ${base} or (slug like ${`${base}-%`} and substr(slug, ${base.length + 2}) ~ '^[0-9]+$')`);
  return new Set(rows.rows.map((r) => r.slug));
}

/** The name an admin signs articles with. */
export async function authorNameOf(tx: Tx, userId: string): Promise<string | null> {
  const [row] = await tx
    .select({ displayName: users.displayName, email: users.email })
    .from(users)
    .where(eq(users.id, userId));
  return row ? (row.displayName ?? null) : null;
}

/** An uploaded file as the cover rules look at it. */
export async function findCoverFile(tx: Tx, id: string) {
  const [row] = await tx
    .select({
      id: files.id,
      fileType: files.fileType,
      isPublic: files.isPublic,
      relatedResource: files.relatedResource,
      expiresAt: files.expiresAt,
    })
    .from(files)
    .where(eq(files.id, id));
  return row;
}

export async function insertArticle(tx: Tx, values: typeof articles.$inferInsert) {
  const [row] = await tx.insert(a).values(values).returning({ id: a.id });
  return row!.id;
}

type Editable = Partial<
  Pick<
    typeof articles.$inferInsert,
    | 'title'
    | 'slug'
    | 'excerpt'
    | 'content'
    | 'coverUrl'
    | 'metaTitle'
    | 'metaDescription'
    | 'keywords'
    | 'category'
    | 'tags'
    | 'status'
    | 'publishedAt'
    | 'scheduledFor'
  >
>;

export async function updateArticle(tx: Tx, id: string, values: Editable): Promise<void> {
  await tx
    .update(a)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(a.id, id));
}

export interface ListFilter {
  /** Statuses to show (RLS shows non-published ones to admins only anyway). */
  statuses: readonly ArticleStatus[];
  category?: ArticleCategory | undefined;
  tag?: string | undefined;
  limit: number;
}

function filterConditions(filter: ListFilter): (SQL | undefined)[] {
  return [
    inArray(a.status, [...filter.statuses]),
    filter.category ? eq(a.category, filter.category) : undefined,
    filter.tag ? sql`${a.tags} @> array[${filter.tag}]::text[]` : undefined,
  ];
}

/** Newest first (publication, else creation), keyset on (that instant, id). */
export async function listArticles(tx: Tx, filter: ListFilter & { after: { t: string; id: string } | null }) {
  const after = filter.after
    ? sql`(coalesce(${a.publishedAt}, ${a.createdAt}), ${a.id}) < (${filter.after.t}::timestamptz, ${filter.after.id}::uuid)`
    : undefined;
  return tx
    .select(summaryColumns)
    .from(a)
    .where(and(...filterConditions(filter), after))
    .orderBy(desc(sql`coalesce(${a.publishedAt}, ${a.createdAt})`), desc(a.id))
    .limit(filter.limit + 1);
}

/** The search's query: French words (websearch syntax), accent-insensitive, stemmed. */
function tsQuery(q: string): SQL {
  return sql`websearch_to_tsquery('public.french_unaccent'::regconfig, ${q})`;
}

// ts_headline marks matches with these two characters, which the service turns into <mark> after
// escaping the text around them. Nothing of an article can hold them: they are removed first.
export const MARK_START = '\u0001';
export const MARK_END = '\u0002';

/**
 * Ranked matches of `q` (best first, then newest), `offset` rows skipped, with a snippet of the
 * excerpt and body around the matches (Markdown punctuation removed, matches between the marks).
 */
export async function searchArticles(
  tx: Tx,
  filter: ListFilter & { q: string; anyStatus: boolean; offset: number },
) {
  const fuzzy = filter.q.toLowerCase();
  const matches = sql`article_search(${tsQuery(filter.q)}, immutable_unaccent(${fuzzy}), ${filter.anyStatus})`;
  const text = sql`regexp_replace(translate(${a.excerpt} || ' … ' || ${a.content}, ${`${MARK_START}${MARK_END}`}, ''), '[#*_>\`~|\\[\\]()!=-]+', ' ', 'g')`;
  return tx
    .select({
      ...summaryColumns,
      rank: sql<number>`m.rank`.mapWith(Number),
      snippet: sql<string>`ts_headline('public.french_unaccent'::regconfig, ${text}, ${tsQuery(filter.q)},
        ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`})`,
    })
    .from(a)
    .innerJoin(sql`${matches} m`, sql`m.article_id = ${a.id}`)
    .where(and(...filterConditions(filter)))
    .orderBy(sql`m.rank desc`, desc(sql`coalesce(${a.publishedAt}, ${a.createdAt})`), desc(a.id))
    .limit(filter.limit + 1)
    .offset(filter.offset);
}

/** A page of published articles (newest first) and how many there are: the public list's pages. */
export async function publishedPage(
  tx: Tx,
  filter: { category?: ArticleCategory | undefined; limit: number; offset: number },
) {
  const where = and(eq(a.status, 'PUBLISHED'), filter.category ? eq(a.category, filter.category) : undefined);
  const [rows, [count]] = await Promise.all([
    tx
      .select(summaryColumns)
      .from(a)
      .where(where)
      .orderBy(desc(a.publishedAt), desc(a.id))
      .limit(filter.limit)
      .offset(filter.offset),
    tx.select({ n: sql<number>`count(*)::int` }).from(a).where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** How many published articles match `q` (the public search's pages). */
export async function countSearch(tx: Tx, q: string, category?: ArticleCategory) {
  const matches = sql`article_search(${tsQuery(q)}, immutable_unaccent(${q.toLowerCase()}), false)`;
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(a)
    .innerJoin(sql`${matches} m`, sql`m.article_id = ${a.id}`)
    .where(and(eq(a.status, 'PUBLISHED'), category ? eq(a.category, category) : undefined));
  return row?.n ?? 0;
}

/** Counts a visit (`view` or a share network) of a published article; true when it is the visitor's first today. */
export async function recordVisit(
  tx: Tx,
  articleId: string,
  kind: string,
  visitor: { ip: string; userAgent: string },
): Promise<boolean> {
  const { rows } = await tx.execute<{ counted: boolean }>(
    sql`select record_article_visit(${articleId}::uuid, ${kind}, ${visitor.ip}, ${visitor.userAgent}) as counted`,
  );
  return rows[0]?.counted === true;
}

/** Published articles, newest first, with their bodies (the RSS feed). */
export async function latestPublished(tx: Tx, limit: number) {
  return tx
    .select(articleColumns)
    .from(a)
    .where(eq(a.status, 'PUBLISHED'))
    .orderBy(desc(a.publishedAt), desc(a.id))
    .limit(limit);
}

/** Every published article's address and last change (the sitemap). */
export async function sitemapEntries(tx: Tx) {
  return tx
    .select({ slug: a.slug, updatedAt: a.updatedAt })
    .from(a)
    .where(eq(a.status, 'PUBLISHED'))
    .orderBy(desc(a.publishedAt), desc(a.id));
}

/** Published articles per category (the public list's category links). */
export async function publishedCategories(tx: Tx) {
  return tx
    .select({ category: a.category, count: sql<number>`count(*)::int` })
    .from(a)
    .where(eq(a.status, 'PUBLISHED'))
    .groupBy(a.category)
    .orderBy(a.category);
}

/** The latest change of any published article (the feed's and list's validators). */
export async function lastPublishedChange(tx: Tx): Promise<Date | null> {
  const { rows } = await tx.execute<{ at: string | null }>(
    sql`select max(greatest(updated_at, published_at)) as at from articles where status = 'PUBLISHED'`,
  );
  return rows[0]?.at ? new Date(rows[0].at) : null;
}
