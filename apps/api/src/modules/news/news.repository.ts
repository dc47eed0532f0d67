// The SQL of company news. Every function runs inside withActor: row-level security (0001 and
// 0025_news.sql) keeps each company's items to its HR and to the employees they target; the explicit
// company and department conditions say the same in the query.
import { companies, employees, files, news, newsViews, type Tx, users } from '@huntzen/db';
import { and, desc, eq, gt, isNull, or, type SQL, sql } from 'drizzle-orm';

const n = news;

// Exact to the microsecond, unlike a JavaScript Date: a cursor built from it never skips a row.
const publishedAtText = sql<string>`to_char(${n.publishedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const newsColumns = {
  id: n.id,
  companyId: n.companyId,
  title: n.title,
  content: n.content,
  imageUrl: n.imageUrl,
  publishedAt: n.publishedAt,
  authorName: n.authorName,
  targetDepartments: n.targetDepartments,
  viewCount: n.viewCount,
  createdAt: n.createdAt,
  updatedAt: n.updatedAt,
};

/** A stored item, with whether the reading employee opened it (null when the reader is HR). */
export type StoredNews = Awaited<ReturnType<typeof insertNews>> & { viewedByMe: boolean | null };

/** Who reads: HR (every item of its company) or an employee (items for everyone or their department). */
export type Reader =
  | { kind: 'hr'; companyId: string }
  | { kind: 'employee'; companyId: string; employeeId: string; department: string | null };

/** The company's news setting and name, or undefined when the actor cannot see the company. */
export async function findCompanySettings(tx: Tx, companyId: string) {
  const [row] = await tx
    .select({ allowInternalNews: companies.allowInternalNews, name: companies.name })
    .from(companies)
    .where(eq(companies.id, companyId));
  return row;
}

/** The signed-in employee's department (null when they have none). */
export async function findEmployeeDepartment(tx: Tx, employeeId: string): Promise<string | null | undefined> {
  const [row] = await tx
    .select({ department: employees.department })
    .from(employees)
    .where(eq(employees.id, employeeId));
  return row ? row.department : undefined;
}

/** The display name of a user (the author of an item), if set. */
export async function findDisplayName(tx: Tx, userId: string): Promise<string | null> {
  const [row] = await tx.select({ displayName: users.displayName }).from(users).where(eq(users.id, userId));
  return row?.displayName ?? null;
}

function audience(reader: Reader): SQL | undefined {
  if (reader.kind === 'hr') return eq(n.companyId, reader.companyId);
  return and(
    eq(n.companyId, reader.companyId),
    sql`news_targets_department(${n.targetDepartments}, ${reader.department}::text)`,
  );
}

function viewedBy(reader: Reader) {
  return reader.kind === 'employee'
    ? sql<boolean>`exists (select 1 from ${newsViews} v where v.news_id = ${n.id} and v.employee_id = ${reader.employeeId}::uuid)`
    : sql<null>`null::boolean`;
}

/** Items the reader may read, newest first, after the cursor's (publishedAt, id); one more than `limit`. */
export async function listNews(
  tx: Tx,
  params: { reader: Reader; limit: number; after: { t: string; id: string } | null },
) {
  const { after } = params;
  return tx
    .select({ ...newsColumns, viewedByMe: viewedBy(params.reader), publishedAtText })
    .from(n)
    .where(
      and(
        audience(params.reader),
        after ? sql`(${n.publishedAt}, ${n.id}) < (${after.t}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(n.publishedAt), desc(n.id))
    .limit(params.limit + 1);
}

/** The item `id` if the reader may read it. */
export async function findNews(tx: Tx, reader: Reader, id: string) {
  const [row] = await tx
    .select({ ...newsColumns, viewedByMe: viewedBy(reader) })
    .from(n)
    .where(and(eq(n.id, id), audience(reader)));
  return row;
}

/** Locks HR's item `id` for an edit or a deletion. */
export async function lockNews(tx: Tx, companyId: string, id: string) {
  const [row] = await tx
    .select(newsColumns)
    .from(n)
    .where(and(eq(n.id, id), eq(n.companyId, companyId)))
    .for('update');
  return row;
}

/** Inserts an item. */
export async function insertNews(tx: Tx, values: typeof n.$inferInsert) {
  const [row] = await tx.insert(n).values(values).returning(newsColumns);
  return row!;
}

/** Updates the fields given; the row back. */
export async function updateNews(
  tx: Tx,
  companyId: string,
  id: string,
  set: Partial<Pick<typeof n.$inferInsert, 'title' | 'content' | 'imageUrl' | 'targetDepartments'>>,
) {
  const [row] = await tx
    .update(n)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(n.id, id), eq(n.companyId, companyId)))
    .returning(newsColumns);
  return row;
}

/** Deletes the company's item; false when there was none. */
export async function deleteNews(tx: Tx, companyId: string, id: string): Promise<boolean> {
  const rows = await tx
    .delete(n)
    .where(and(eq(n.id, id), eq(n.companyId, companyId)))
    .returning({ id: n.id });
  return rows.length > 0;
}

/** Records the employee's first view of an item (the trigger of 0025 counts it); later ones change nothing. */
export async function recordView(tx: Tx, newsId: string, employeeId: string): Promise<void> {
  await tx.insert(newsViews).values({ newsId, employeeId }).onConflictDoNothing();
}

/**
 * The active employees of the company an item targeted at `targets` is for, with their language;
 * `except`: leave out those an item targeted at these departments was already for.
 */
export async function targetedEmployees(
  tx: Tx,
  companyId: string,
  targets: string[],
  except?: string[],
): Promise<{ userId: string; language: string }[]> {
  return tx
    .select({ userId: employees.userId, language: employees.preferredLanguage })
    .from(employees)
    .innerJoin(users, eq(users.id, employees.userId))
    .where(
      and(
        eq(employees.companyId, companyId),
        eq(users.isActive, true),
        sql`news_targets_department(${sql.param(targets)}::text[], ${employees.department})`,
        except
          ? sql`not news_targets_department(${sql.param(except)}::text[], ${employees.department})`
          : undefined,
      ),
    );
}

/** The file row `id`, if the actor may see it. */
export async function findFile(tx: Tx, id: string) {
  const [row] = await tx.select().from(files).where(eq(files.id, id));
  return row;
}

/**
 * Links an unexpired IMAGE upload of `uploadedBy` for news to the item. It must not belong to
 * another item already. Returns whether it did.
 */
export async function claimImage(tx: Tx, fileId: string, uploadedBy: string, newsId: string) {
  const rows = await tx
    .update(files)
    .set({ relatedId: newsId, expiresAt: null })
    .where(
      and(
        eq(files.id, fileId),
        eq(files.uploadedBy, uploadedBy),
        eq(files.relatedResource, 'news'),
        or(isNull(files.expiresAt), gt(files.expiresAt, sql`now()`)),
        or(isNull(files.relatedId), eq(files.relatedId, newsId)),
      ),
    )
    .returning({ id: files.id });
  return rows.length > 0;
}

/** Marks an image the item no longer shows as expired (the hourly clean-up removes it). */
export async function expireImage(tx: Tx, fileId: string, newsId: string): Promise<void> {
  await tx
    .update(files)
    .set({ expiresAt: sql`now()` })
    .where(and(eq(files.id, fileId), eq(files.relatedResource, 'news'), eq(files.relatedId, newsId)));
}
