// Spec seed-02, section 12 "Blog & articles": model Article (articles).
import { sql } from 'drizzle-orm';
import { customType, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { articleCategoryEnum, articleStatusEnum, roleEnum } from './enums';

/** PostgreSQL's `tsvector`, read as its text form. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const articles = pgTable(
  'articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),

    // Contenu
    title: text('title').notNull(),
    slug: text('slug').notNull().unique(),
    excerpt: text('excerpt').notNull(),
    content: text('content').notNull(),
    coverUrl: text('cover_url'),

    // SEO
    metaTitle: text('meta_title'),
    metaDescription: text('meta_description'),
    keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),

    // Catégorisation
    category: articleCategoryEnum('category').notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),

    // Publication
    status: articleStatusEnum('status').notNull().default('DRAFT'),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    scheduledFor: timestamp('scheduled_for', { withTimezone: true, mode: 'date' }),

    // Auteur (no relation in the spec)
    authorId: uuid('author_id').notNull(),
    authorRole: roleEnum('author_role').notNull(), // SUPER_ADMIN ou ADMIN_HUNTZEN
    authorName: text('author_name').notNull(),

    // Stats
    viewCount: integer('view_count').notNull().default(0),
    shareCount: integer('share_count').notNull().default(0),

    // Timestamps
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),

    // Migration 0024 (not in the spec): the French full-text document, computed by PostgreSQL.
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`article_search_document(title, excerpt, tags, keywords, content)`,
    ),
  },
  (t) => [
    index('articles_slug_idx').on(t.slug),
    index('articles_status_idx').on(t.status),
    index('articles_published_at_idx').on(t.publishedAt),
    index('articles_category_idx').on(t.category),
    index('articles_author_id_idx').on(t.authorId),
    // Migration 0024: search, typo-tolerant titles, the public list's order, tag filters.
    index('articles_search_vector_idx').using('gin', t.searchVector),
    index('articles_title_trgm_idx').using('gin', sql`immutable_unaccent(lower(${t.title})) gin_trgm_ops`),
    index('articles_published_order_idx')
      .on(t.publishedAt.desc(), t.id.desc())
      .where(sql`status = 'PUBLISHED'`),
    index('articles_tags_idx').using('gin', t.tags),
  ],
);

export type Article = typeof articles.$inferSelect;
export type NewArticle = typeof articles.$inferInsert;
