// Company news: HR writes plain-text items for its company, for everyone or for some departments,
// with an optional image (an IMAGE upload linked to news, readable by the company's HR and
// employees). The targeted employees get a NEWS_PUBLISHED notification; each employee's first
// opening counts once in viewCount. Everything waits on the company's `allowInternalNews`.
import { randomUUID } from 'node:crypto';
import {
  type CreateNews,
  CreateNewsSchema,
  type News,
  type NewsPage,
  normaliseDepartments,
  type UpdateNews,
  UpdateNewsSchema,
} from '@huntzen/contracts';
import { type Database, SYSTEM_ACTOR, type Tx, withActor } from '@huntzen/db';
import { recordAudit } from '../../platform/audit';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { mailLanguage } from '../../platform/mail';
import { notify } from '../../platform/notifications';
import { decodeCursor, encodeCursor } from '../../platform/pagination';
import { fileContentUrl } from '../files';
import { assertNewsEnabled, newsAudienceOf, newsWriterCompany } from './news.policy';
import * as repo from './news.repository';

const RESOURCE = 'news';
const FILE_ID_IN_URL = /\/api\/v1\/files\/([0-9a-f-]{36})\/content$/;

export interface NewsDeps {
  db: Database;
  publicUrl: string;
}

const notFound = () => new AppError('NOT_FOUND', 'No such news item.');

function imageProblem(message: string): AppError {
  return new AppError('VALIDATION_FAILED', 'The image cannot be used.', {
    errors: [{ path: 'body.imageFileId', message }],
  });
}

/** The id of the file behind one of our content URLs (null for none or an outside URL). */
function fileIdOf(url: string | null): string | null {
  return url?.match(FILE_ID_IN_URL)?.[1] ?? null;
}

/** At most `max` characters, cut on a word when it can be, with an ellipsis. */
function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/** Builds the news service. */
export function createNewsService(deps: NewsDeps) {
  const { db } = deps;

  function view(row: repo.StoredNews, reader: 'hr' | 'employee'): News {
    return {
      id: row.id,
      title: row.title,
      content: row.content,
      imageUrl: row.imageUrl,
      imageFileId: fileIdOf(row.imageUrl),
      publishedAt: row.publishedAt.toISOString(),
      authorName: row.authorName,
      targetDepartments: row.targetDepartments,
      viewCount: reader === 'hr' ? row.viewCount : null,
      viewedByMe: reader === 'employee' ? row.viewedByMe === true : null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  /** The company's settings; NEWS_DISABLED when it turned news off. */
  async function enabledCompany(tx: Tx, companyId: string) {
    const company = await repo.findCompanySettings(tx, companyId);
    if (!company) throw notFound();
    assertNewsEnabled(company);
    return company;
  }

  /** Links the caller's news image upload to item `newsId`; its content URL. */
  async function claimImage(tx: Tx, actor: RequestActor, fileId: string, newsId: string): Promise<string> {
    const file = await repo.findFile(tx, fileId);
    if (!file || file.uploadedBy !== actor.userId) {
      throw new AppError('NOT_FOUND', 'No such file among your uploads.');
    }
    if (file.fileType !== 'IMAGE' || file.relatedResource !== 'news') {
      throw imageProblem('must be an IMAGE uploaded with relatedResource=news');
    }
    if (file.relatedId && file.relatedId !== newsId) throw imageProblem('is already used by another item');
    if (!(await repo.claimImage(tx, fileId, actor.userId, newsId))) {
      throw new AppError('NOT_FOUND', 'This upload has expired: upload the image again.');
    }
    return fileContentUrl(deps.publicUrl, fileId);
  }

  /** Tells each employee the item is for (in their language) that it is out. */
  async function notifyTargeted(
    tx: Tx,
    item: { id: string; title: string; content: string },
    recipients: { userId: string; language: string }[],
  ): Promise<void> {
    for (const { userId, language } of recipients) {
      const fr = mailLanguage(language) === 'fr';
      await notify(tx, {
        userId,
        type: 'NEWS_PUBLISHED',
        title: shorten(`${fr ? 'Actualité : ' : 'Company news: '}${item.title}`, 200),
        message: shorten(item.content, 280),
        linkUrl: `/app/news/${item.id}`,
        linkLabel: fr ? 'Lire l’actualité' : 'Read the news',
        metadata: { newsId: item.id },
        email: false,
      });
    }
  }

  /** Expires images no item shows any more (they may be another HR admin's uploads: as SYSTEM). */
  async function expireImages(images: { fileId: string; newsId: string }[]): Promise<void> {
    if (images.length === 0) return;
    await withActor(db, SYSTEM_ACTOR, async (tx) => {
      for (const { fileId, newsId } of images) await repo.expireImage(tx, fileId, newsId);
    });
  }

  async function create(actor: RequestActor, body: CreateNews): Promise<News> {
    const input = CreateNewsSchema.parse(body);
    const companyId = newsWriterCompany(actor);
    return withActor(db, actor, async (tx) => {
      const company = await enabledCompany(tx, companyId);
      const id = randomUUID();
      const imageUrl = input.imageFileId ? await claimImage(tx, actor, input.imageFileId, id) : null;
      const targetDepartments = normaliseDepartments(input.targetDepartments);
      const row = await repo.insertNews(tx, {
        id,
        companyId,
        title: input.title,
        content: input.content,
        imageUrl,
        authorId: actor.userId,
        authorName: (await repo.findDisplayName(tx, actor.userId)) ?? company.name,
        targetDepartments,
      });
      const recipients = await repo.targetedEmployees(tx, companyId, targetDepartments);
      await notifyTargeted(tx, row, recipients);
      await recordAudit(tx, actor, {
        action: 'CREATE',
        resource: RESOURCE,
        resourceId: id,
        companyId,
        changesAfter: { title: row.title, targetDepartments, imageUrl },
        details: { notified: recipients.length },
      });
      return view({ ...row, viewedByMe: null }, 'hr');
    });
  }

  async function update(actor: RequestActor, id: string, body: UpdateNews): Promise<News> {
    const input = UpdateNewsSchema.parse(body);
    const companyId = newsWriterCompany(actor);
    const { item, dropped } = await withActor(db, actor, async (tx) => {
      await enabledCompany(tx, companyId);
      const before = await repo.lockNews(tx, companyId, id);
      if (!before) throw notFound();
      const set: Parameters<typeof repo.updateNews>[3] = {};
      if (input.title !== undefined) set.title = input.title;
      if (input.content !== undefined) set.content = input.content;
      if (input.targetDepartments !== undefined) {
        set.targetDepartments = normaliseDepartments(input.targetDepartments);
      }
      const previousImage = fileIdOf(before.imageUrl);
      if (input.imageFileId !== undefined && input.imageFileId !== previousImage) {
        set.imageUrl = input.imageFileId ? await claimImage(tx, actor, input.imageFileId, id) : null;
      }
      const after = await repo.updateNews(tx, companyId, id, set);
      if (!after) throw notFound();
      // Employees the item is for now and was not for before hear of it; nobody hears twice.
      if (set.targetDepartments) {
        const newcomers = await repo.targetedEmployees(
          tx,
          companyId,
          set.targetDepartments,
          before.targetDepartments,
        );
        await notifyTargeted(tx, after, newcomers);
      }
      const changed = Object.keys(set) as (keyof typeof set)[];
      await recordAudit(tx, actor, {
        action: 'UPDATE',
        resource: RESOURCE,
        resourceId: id,
        companyId,
        changesBefore: Object.fromEntries(changed.map((k) => [k, before[k]])),
        changesAfter: Object.fromEntries(changed.map((k) => [k, after[k]])),
      });
      const dropped = 'imageUrl' in set && previousImage ? [{ fileId: previousImage, newsId: id }] : [];
      return { item: view({ ...after, viewedByMe: null }, 'hr'), dropped };
    });
    await expireImages(dropped);
    return item;
  }

  async function remove(actor: RequestActor, id: string): Promise<void> {
    const companyId = newsWriterCompany(actor);
    const image = await withActor(db, actor, async (tx) => {
      await enabledCompany(tx, companyId);
      const before = await repo.lockNews(tx, companyId, id);
      if (!before || !(await repo.deleteNews(tx, companyId, id))) throw notFound();
      await recordAudit(tx, actor, {
        action: 'DELETE',
        resource: RESOURCE,
        resourceId: id,
        companyId,
        changesBefore: { title: before.title, targetDepartments: before.targetDepartments },
      });
      return fileIdOf(before.imageUrl);
    });
    await expireImages(image ? [{ fileId: image, newsId: id }] : []);
  }

  /** The reader behind an audience (an employee with their department). */
  async function readerOf(tx: Tx, audience: NonNullable<ReturnType<typeof newsAudienceOf>>) {
    if (audience.kind === 'hr') return audience;
    const department = await repo.findEmployeeDepartment(tx, audience.employeeId);
    if (department === undefined) throw notFound();
    return { ...audience, department } satisfies repo.Reader;
  }

  async function list(actor: RequestActor, query: { limit: number; cursor?: string | undefined }) {
    const audience = newsAudienceOf(actor);
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    // Practitioners and HuntZen's admins have no company news to read.
    if (!audience) return { items: [], nextCursor: null } satisfies NewsPage;
    return withActor(db, actor, async (tx): Promise<NewsPage> => {
      await enabledCompany(tx, audience.companyId);
      const reader = await readerOf(tx, audience);
      const rows = await repo.listNews(tx, { reader, limit: query.limit, after });
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items: items.map((row) => view(row, reader.kind)),
        nextCursor:
          rows.length > query.limit && last ? encodeCursor({ t: last.publishedAtText, id: last.id }) : null,
      };
    });
  }

  /** One item; an employee's first opening counts in viewCount. */
  async function get(actor: RequestActor, id: string): Promise<News> {
    const audience = newsAudienceOf(actor);
    if (!audience) throw notFound();
    return withActor(db, actor, async (tx) => {
      await enabledCompany(tx, audience.companyId);
      const reader = await readerOf(tx, audience);
      const row = await repo.findNews(tx, reader, id);
      if (!row) throw notFound();
      if (reader.kind === 'employee' && !row.viewedByMe) {
        await repo.recordView(tx, id, reader.employeeId);
        row.viewedByMe = true;
      }
      return view(row, reader.kind);
    });
  }

  return { create, update, remove, list, get };
}

export type NewsService = ReturnType<typeof createNewsService>;
