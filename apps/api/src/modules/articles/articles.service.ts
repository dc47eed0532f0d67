// Articles: HuntZen's admins write Markdown, publish now or at a planned time (a keyed job), archive;
// everyone reads what is published, searches it in French, and counts as one view per day.
import {
  type Article,
  type ArticleCategory,
  type ArticleListQuery,
  type ArticlePage,
  type ArticlePreview,
  type ArticleStatus,
  type ArticleSummary,
  type CreateArticle,
  CreateArticleSchema,
  READING_WORDS_PER_MINUTE,
  readingMinutes,
  type ShareNetwork,
  slugify,
  type UpdateArticle,
  UpdateArticleSchema,
} from '@huntzen/contracts';
import { type Actor, type Database, type Tx, withActor } from '@huntzen/db';
import { recordAudit } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import { decodeCursor, encodeCursor } from '../../platform/pagination';
import { cancelPublication, planPublication } from './articles.jobs';
import { assertSchedulable, isArticleWriter, nextStatus } from './articles.policy';
import { createRenderCache, escapeHtml, renderMarkdown } from './articles.render';
import * as repo from './articles.repository';

const RESOURCE = 'article';

export interface ArticlesDeps {
  db: Database;
  /** PUBLIC_URL, for canonical addresses. */
  publicUrl: string;
  /** Where a cover file's content is served (the files module's public address). */
  fileUrl: (fileId: string) => string;
  now?: () => Date;
}

/** Who is reading, for the view counter (never stored: hashed with the day's salt). */
export interface Visitor {
  ip: string;
  userAgent: string;
  /** False for crawlers, previews and prefetches: they are not counted. */
  counts: boolean;
}

export interface ListQuery extends ArticleListQuery {
  limit: number;
  cursor?: string | undefined;
}

const UNIQUE_VIOLATION = '23505';

function isSlugTaken(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, constraint } = e as { code?: unknown; constraint?: unknown };
    if (code === UNIQUE_VIOLATION && constraint === 'articles_slug_unique') return true;
  }
  return false;
}

function minutesFor(words: number): number {
  return Math.max(1, Math.round(words / READING_WORDS_PER_MINUTE));
}

/** Escapes a ts_headline snippet and turns its marks into <mark> elements. */
export function snippetHtml(raw: string): string {
  return escapeHtml(raw.replace(/\s+/g, ' ').trim())
    .replaceAll(repo.MARK_START, '<mark>')
    .replaceAll(repo.MARK_END, '</mark>');
}

/** Builds the articles service. */
export function createArticlesService(deps: ArticlesDeps) {
  const now = deps.now ?? (() => new Date());
  const rendered = createRenderCache();
  const pageUrl = (slug: string) => `${deps.publicUrl}/articles/${slug}`;

  function summary(row: repo.StoredSummary, snippet: string | null = null): ArticleSummary {
    return {
      id: row.id,
      title: row.title,
      slug: row.slug,
      excerpt: row.excerpt,
      coverUrl: row.coverUrl,
      category: row.category,
      tags: row.tags,
      status: row.status,
      publishedAt: row.publishedAt?.toISOString() ?? null,
      scheduledFor: row.scheduledFor?.toISOString() ?? null,
      authorName: row.authorName,
      readingMinutes: minutesFor(row.words),
      viewCount: row.viewCount,
      shareCount: row.shareCount,
      updatedAt: row.updatedAt.toISOString(),
      url: pageUrl(row.slug),
      snippet,
    };
  }

  function full(row: repo.StoredArticle): Article {
    const { snippet: _none, ...base } = summary(row);
    return {
      ...base,
      content: row.content,
      contentHtml: rendered(row.id, row.updatedAt, row.content),
      metaTitle: row.metaTitle,
      metaDescription: row.metaDescription,
      keywords: row.keywords,
      authorRole: row.authorRole,
      seo: {
        title: row.metaTitle || row.title,
        description: row.metaDescription || row.excerpt,
        canonicalUrl: pageUrl(row.slug),
      },
      createdAt: row.createdAt.toISOString(),
    };
  }

  function writerOf(actor: Actor): Actor & { userId: string } {
    if (!isArticleWriter(actor) || !actor.userId) {
      throw new AppError('FORBIDDEN', "Only HuntZen's admins write articles.");
    }
    return actor as Actor & { userId: string };
  }

  async function mustFind(tx: Tx, id: string, lock = false): Promise<repo.StoredArticle> {
    const row = await repo.findArticle(tx, id, { lock });
    if (!row) throw new AppError('NOT_FOUND', 'No such article.');
    return row;
  }

  /** A free slug for `title`: its slug, else with -2, -3… */
  async function freeSlug(tx: Tx, title: string, own?: string): Promise<string> {
    const base = slugify(title) || 'article';
    const taken = await repo.slugsLike(tx, base);
    if (own) taken.delete(own);
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }

  /** The cover's public address, checked: an IMAGE uploaded for an article. */
  async function coverUrlOf(tx: Tx, fileId: string | null | undefined): Promise<string | null | undefined> {
    if (fileId === undefined) return undefined;
    if (fileId === null) return null;
    const file = await repo.findCoverFile(tx, fileId);
    if (file?.fileType !== 'IMAGE' || !file.isPublic || file.relatedResource !== 'article') {
      throw new AppError('VALIDATION_FAILED', 'The cover must be an image uploaded for an article.', {
        errors: [
          { path: 'body.coverFileId', message: 'must be an IMAGE uploaded with relatedResource=article' },
        ],
      });
    }
    return deps.fileUrl(file.id);
  }

  /** Retries once with a fresh slug when a concurrent write took it. */
  async function withSlugRetry<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (error) {
        if (!isSlugTaken(error) || attempt >= 3) throw error;
      }
    }
  }

  async function create(actor: Actor, body: CreateArticle): Promise<Article> {
    const input = CreateArticleSchema.parse(body);
    const writer = writerOf(actor);
    return withSlugRetry(() =>
      withActor(deps.db, actor, async (tx) => {
        const authorName = (await repo.authorNameOf(tx, writer.userId)) ?? 'Équipe HuntZen';
        const id = await repo.insertArticle(tx, {
          title: input.title,
          slug: await freeSlug(tx, input.title),
          excerpt: input.excerpt,
          content: input.content,
          coverUrl: (await coverUrlOf(tx, input.coverFileId)) ?? null,
          metaTitle: input.metaTitle || null,
          metaDescription: input.metaDescription || null,
          keywords: input.keywords,
          category: input.category,
          tags: input.tags,
          status: 'DRAFT',
          authorId: writer.userId,
          authorRole: writer.role as 'SUPER_ADMIN' | 'ADMIN_HUNTZEN',
          authorName,
        });
        await recordAudit(tx, actor, { action: 'CREATE', resource: RESOURCE, resourceId: id });
        return full(await mustFind(tx, id));
      }),
    );
  }

  async function update(actor: Actor, id: string, body: UpdateArticle): Promise<Article> {
    const input = UpdateArticleSchema.parse(body);
    writerOf(actor);
    return withSlugRetry(() =>
      withActor(deps.db, actor, async (tx) => {
        const row = await mustFind(tx, id, true);
        // The address follows the title until the first publication, then never changes.
        const slug =
          input.title !== undefined && row.publishedAt === null && input.title !== row.title
            ? await freeSlug(tx, input.title, row.slug)
            : undefined;
        const coverUrl = await coverUrlOf(tx, input.coverFileId);
        await repo.updateArticle(tx, id, {
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(slug !== undefined ? { slug } : {}),
          ...(input.excerpt !== undefined ? { excerpt: input.excerpt } : {}),
          ...(input.content !== undefined ? { content: input.content } : {}),
          ...(input.category !== undefined ? { category: input.category } : {}),
          ...(input.tags !== undefined ? { tags: input.tags } : {}),
          ...(input.keywords !== undefined ? { keywords: input.keywords } : {}),
          ...(input.metaTitle !== undefined ? { metaTitle: input.metaTitle || null } : {}),
          ...(input.metaDescription !== undefined ? { metaDescription: input.metaDescription || null } : {}),
          ...(coverUrl !== undefined ? { coverUrl } : {}),
        });
        await recordAudit(tx, actor, {
          action: 'UPDATE',
          resource: RESOURCE,
          resourceId: id,
          details: { fields: Object.keys(input).sort() },
        });
        return full(await mustFind(tx, id));
      }),
    );
  }

  async function transition(
    actor: Actor,
    id: string,
    action: 'publish' | 'archive' | 'schedule',
    at?: Date,
  ): Promise<Article> {
    writerOf(actor);
    return withActor(deps.db, actor, async (tx) => {
      const row = await mustFind(tx, id, true);
      const status = nextStatus(row.status, action);
      if (action === 'schedule') {
        assertSchedulable(at!, now());
        await repo.updateArticle(tx, id, { status, scheduledFor: at! });
        await planPublication(tx, id, at!);
      } else if (action === 'publish') {
        await repo.updateArticle(tx, id, {
          status,
          publishedAt: row.publishedAt ?? now(),
          scheduledFor: null,
        });
        await cancelPublication(tx, id);
      } else {
        await repo.updateArticle(tx, id, { status, scheduledFor: null });
        await cancelPublication(tx, id);
      }
      await recordAudit(tx, actor, {
        action: 'UPDATE',
        resource: RESOURCE,
        resourceId: id,
        details: { status, ...(at ? { scheduledFor: at.toISOString() } : {}) },
      });
      return full(await mustFind(tx, id));
    });
  }

  const publish = (actor: Actor, id: string) => transition(actor, id, 'publish');
  const archive = (actor: Actor, id: string) => transition(actor, id, 'archive');
  const schedule = (actor: Actor, id: string, scheduledFor: string) =>
    // Milliseconds: the planned time travels through the job's JSON and back.
    transition(actor, id, 'schedule', new Date(Date.parse(scheduledFor)));

  function statusesFor(actor: Actor, status: ArticleStatus | undefined): readonly ArticleStatus[] {
    if (isArticleWriter(actor)) return status ? [status] : ['DRAFT', 'SCHEDULED', 'PUBLISHED', 'ARCHIVED'];
    if (status && status !== 'PUBLISHED') {
      throw new AppError('FORBIDDEN', "Only HuntZen's admins list unpublished articles.");
    }
    return ['PUBLISHED'];
  }

  async function list(actor: Actor, query: ListQuery): Promise<ArticlePage> {
    const statuses = statusesFor(actor, query.status);
    const filter = { statuses, category: query.category, tag: query.tag, limit: query.limit };
    return withActor(deps.db, actor, async (tx) => {
      const q = query.q?.trim();
      if (q) {
        const offset = query.cursor ? Number(decodeCursor(query.cursor, 'text').t) : 0;
        if (!Number.isSafeInteger(offset) || offset < 0 || offset > 10_000) {
          throw new AppError('VALIDATION_FAILED', 'Invalid cursor.', {
            errors: [{ path: 'query.cursor', message: 'invalid' }],
          });
        }
        const rows = await repo.searchArticles(tx, {
          ...filter,
          q,
          anyStatus: statuses.length > 1 || statuses[0] !== 'PUBLISHED',
          offset,
        });
        const items = rows.slice(0, query.limit);
        return {
          items: items.map((row) => summary(row, snippetHtml(row.snippet))),
          nextCursor:
            rows.length > query.limit ? encodeCursor({ t: String(offset + query.limit), id: '' }) : null,
        };
      }
      const after = query.cursor ? decodeCursor(query.cursor) : null;
      const rows = await repo.listArticles(tx, { ...filter, after });
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items: items.map((row) => summary(row)),
        nextCursor: rows.length > query.limit && last ? encodeCursor({ t: last.orderAt, id: last.id }) : null,
      };
    });
  }

  /** One article as `actor` may see it; a reader's visit is counted (once a day). */
  async function get(actor: Actor, slugOrId: string, visitor?: Visitor): Promise<Article> {
    return withActor(deps.db, actor, async (tx) => {
      const row = await mustFind(tx, slugOrId);
      if (visitor?.counts && !isArticleWriter(actor) && row.status === 'PUBLISHED') {
        await repo.recordVisit(tx, row.id, 'view', visitor);
      }
      return full(row);
    });
  }

  /** A published article for its public page (null for any other), its visit counted. */
  async function page(
    actor: Actor,
    slug: string,
    visitor: Visitor,
  ): Promise<{ article: Article; related: ArticleSummary[] } | null> {
    return withActor(deps.db, actor, async (tx) => {
      const row = await repo.findArticle(tx, slug);
      if (row?.status !== 'PUBLISHED' || row.slug !== slug) return null;
      if (visitor.counts) await repo.recordVisit(tx, row.id, 'view', visitor);
      const related = await repo.listArticles(tx, {
        statuses: ['PUBLISHED'],
        category: row.category,
        limit: 3,
        after: null,
      });
      return {
        article: full(row),
        related: related
          .filter((r) => r.id !== row.id)
          .slice(0, 3)
          .map((r) => summary(r)),
      };
    });
  }

  /** A page of the public list (published only), searched when `q` is given. */
  async function publicList(
    actor: Actor,
    query: { category?: ArticleCategory | undefined; q: string; page: number; pageSize: number },
  ): Promise<{ items: ArticleSummary[]; total: number }> {
    const offset = (query.page - 1) * query.pageSize;
    return withActor(deps.db, actor, async (tx) => {
      if (query.q) {
        const [rows, total] = await Promise.all([
          repo.searchArticles(tx, {
            statuses: ['PUBLISHED'],
            category: query.category,
            limit: query.pageSize,
            q: query.q,
            anyStatus: false,
            offset,
          }),
          repo.countSearch(tx, query.q, query.category),
        ]);
        return {
          items: rows.slice(0, query.pageSize).map((row) => summary(row, snippetHtml(row.snippet))),
          total,
        };
      }
      const { rows, total } = await repo.publishedPage(tx, {
        category: query.category,
        limit: query.pageSize,
        offset,
      });
      return { items: rows.map((row) => summary(row)), total };
    });
  }

  /** The last change of any published article (validators of the list, feed and sitemap). */
  async function lastChange(actor: Actor): Promise<Date | null> {
    return withActor(deps.db, actor, (tx) => repo.lastPublishedChange(tx));
  }

  async function categories(actor: Actor): Promise<{ category: ArticleCategory; count: number }[]> {
    return withActor(deps.db, actor, (tx) => repo.publishedCategories(tx));
  }

  async function feedItems(actor: Actor, limit: number): Promise<Article[]> {
    return withActor(deps.db, actor, async (tx) => (await repo.latestPublished(tx, limit)).map(full));
  }

  async function sitemap(actor: Actor) {
    return withActor(deps.db, actor, (tx) => repo.sitemapEntries(tx));
  }

  /** A share button was used: counted once per visitor, article, network and day. */
  async function share(actor: Actor, slugOrId: string, network: ShareNetwork, visitor: Visitor) {
    return withActor(deps.db, actor, async (tx) => {
      const row = await repo.findArticle(tx, slugOrId);
      if (row?.status !== 'PUBLISHED') throw new AppError('NOT_FOUND', 'No such article.');
      if (visitor.counts) await repo.recordVisit(tx, row.id, network, visitor);
      return full(row);
    });
  }

  function preview(actor: Actor, content: string): ArticlePreview {
    writerOf(actor);
    return { html: renderMarkdown(content), readingMinutes: readingMinutes(content) };
  }

  return {
    create,
    update,
    publish,
    schedule,
    archive,
    list,
    get,
    page,
    publicList,
    lastChange,
    categories,
    feedItems,
    sitemap,
    share,
    preview,
    pageUrl,
  };
}

export type ArticlesService = ReturnType<typeof createArticlesService>;
