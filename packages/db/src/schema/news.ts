// Spec seed-02, section 13 "News internes entreprise": model News (news), plus news_views
// (migration 0025: who opened which item, so viewCount counts each employee once).
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { companies } from './companies';
import { employees } from './employees';

export const news = pgTable(
  'news',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),

    title: text('title').notNull(),
    content: text('content').notNull(),
    imageUrl: text('image_url'),

    // Publication
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    authorId: uuid('author_id').notNull(), // Admin RH user id (no relation in the spec)
    authorName: text('author_name').notNull(),

    // Ciblage: empty = every department
    targetDepartments: text('target_departments').array().notNull().default(sql`'{}'::text[]`),

    viewCount: integer('view_count').notNull().default(0),

    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    index('news_company_id_idx').on(t.companyId),
    index('news_published_at_idx').on(t.publishedAt),
    // Migration 0025: the list's order (newest first per company) and the API's limits.
    index('news_company_published_idx').on(t.companyId, t.publishedAt.desc(), t.id.desc()),
    check('news_title_length', sql`char_length(${t.title}) BETWEEN 1 AND 200`),
    check('news_content_length', sql`char_length(${t.content}) BETWEEN 1 AND 20000`),
    check('news_targets_count', sql`coalesce(cardinality(${t.targetDepartments}), 0) <= 50`),
    check('news_view_count_positive', sql`${t.viewCount} >= 0`),
  ],
);

export type News = typeof news.$inferSelect;
export type NewNews = typeof news.$inferInsert;

/** Extra table (migration 0025): an employee's first view of a news item. */
export const newsViews = pgTable(
  'news_views',
  {
    newsId: uuid('news_id')
      .notNull()
      .references(() => news.id, { onDelete: 'cascade' }),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    viewedAt: timestamp('viewed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.newsId, t.employeeId] }),
    index('news_views_employee_idx').on(t.employeeId),
  ],
);

export type NewsView = typeof newsViews.$inferSelect;
