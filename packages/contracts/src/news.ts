// Company news (/api/v1/news): HR writes for its company when the company allows internal news;
// employees read their company's items for everyone or for their department. The limits and the
// normalisation of departments are here so the web app and the API apply the very same ones.
import { z } from 'zod';

export const NEWS_LIMITS = Object.freeze({
  titleMaxChars: 200,
  contentMaxChars: 20_000,
  maxTargetDepartments: 50,
  departmentMaxChars: 100,
});

/** Departments as stored: trimmed (NFC), empty ones dropped, duplicates (ignoring case) removed, order kept. */
export function normaliseDepartments(departments: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const department of departments) {
    const d = department.normalize('NFC').trim();
    if (d !== '' && !seen.has(d.toLowerCase())) seen.set(d.toLowerCase(), d);
  }
  return [...seen.values()];
}

/** Whether an item targeted at `targets` is for an employee of `department` (empty = everyone). */
export function newsTargetsDepartment(targets: readonly string[], department: string | null): boolean {
  if (targets.length === 0) return true;
  if (department === null) return false;
  const own = department.trim().toLowerCase();
  return targets.some((t) => t.trim().toLowerCase() === own);
}

const TitleSchema = z.string().trim().min(1).max(NEWS_LIMITS.titleMaxChars);
const ContentSchema = z.string().trim().min(1).max(NEWS_LIMITS.contentMaxChars);
const DepartmentsSchema = z
  .array(z.string().trim().min(1).max(NEWS_LIMITS.departmentMaxChars))
  .max(NEWS_LIMITS.maxTargetDepartments)
  .describe('Departments of the company the item is for; empty: every employee');
const ImageFileSchema = z
  .uuid()
  .nullable()
  .describe(
    'An IMAGE file uploaded by the caller with relatedResource=news (POST /api/v1/files); null: none',
  );

export const CreateNewsSchema = z
  .object({
    title: TitleSchema,
    content: ContentSchema.describe('Plain text; line breaks are kept'),
    targetDepartments: DepartmentsSchema.default([]),
    imageFileId: ImageFileSchema.default(null),
  })
  .meta({ id: 'CreateNews' });
export type CreateNews = z.input<typeof CreateNewsSchema>;

export const UpdateNewsSchema = z
  .object({
    title: TitleSchema.optional(),
    content: ContentSchema.optional(),
    targetDepartments: DepartmentsSchema.optional(),
    imageFileId: ImageFileSchema.optional(),
  })
  .meta({ id: 'UpdateNews' });
export type UpdateNews = z.input<typeof UpdateNewsSchema>;

export const NewsSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    content: z.string(),
    imageUrl: z
      .string()
      .nullable()
      .describe('The image (GET with the bearer token: readable by the company’s HR and employees)'),
    imageFileId: z.uuid().nullable(),
    publishedAt: z.iso.datetime(),
    authorName: z.string(),
    targetDepartments: z.array(z.string()),
    viewCount: z
      .number()
      .int()
      .nullable()
      .describe('Employees who opened it (each once); HR only, null for employees'),
    viewedByMe: z.boolean().nullable().describe('Employees: whether I opened it; null for HR'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'News' });
export type News = z.infer<typeof NewsSchema>;

export const NewsPageSchema = z
  .object({ items: z.array(NewsSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'NewsPage' });
export type NewsPage = z.infer<typeof NewsPageSchema>;
