// Spec seed-02, section 13 "News internes entreprise": model News (news).
import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { companies } from './companies';

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
  (t) => [index('news_company_id_idx').on(t.companyId), index('news_published_at_idx').on(t.publishedAt)],
);

export type News = typeof news.$inferSelect;
export type NewNews = typeof news.$inferInsert;
