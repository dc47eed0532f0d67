// The chat on a real database through the API: who may read and write a thread (the route and the
// application role's row-level security), the window, encryption bound to each row, edits, deletion,
// read receipts, pages, limits, attachments, the in-app notification and the delayed e-mail.
import { randomUUID } from 'node:crypto';
import { CHAT_RULES, type Message, type MessagePage } from '@huntzen/contracts';
import {
  type Actor,
  emailQueue,
  files,
  messageEmailState,
  messages,
  type NewConsultation,
  notifications,
  practitioners,
  SYSTEM_ACTOR,
  withActor,
} from '@huntzen/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, logInto, type TestApp } from '../../../test/build-test-app';
import { createCompany, signedIn } from '../../../test/identity';
import { createLocalFileStorage, removeExpiredFiles, StoredObjectMissingError } from '../../platform/files';
import { type FormPart, multipartBody, samplePdf, samplePng } from '../../platform/files/sample-files';
import { type Account, placeConsultation } from '../consultations/consultations.fixtures';
import { sendUnreadEmail } from './messages.jobs';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const ORIGIN = 'https://app.huntzen.test';

let t: TestApp;
let companyId: string;
let employee: Account;
let practitioner: Account;
let colleague: Account; // same company, not in the consultation
let otherPractitioner: Account;
let hr: Account;
let superAdmin: Account;
let adminHuntzen: Account;
let slot = 0;
/** The API's log lines (level info), to check what it logs of an unreadable message. */
const logLines: string[] = [];

beforeAll(async () => {
  const logDestination = logInto(logLines);
  t = await buildTestApp({ env: { PUBLIC_URL: ORIGIN }, logDestination });
  companyId = (await createCompany(t.db)).id;
  [employee, colleague, hr, practitioner, otherPractitioner, superAdmin, adminHuntzen] = await Promise.all([
    signedIn(t.app, t.db, 'EMPLOYEE', { companyId }),
    signedIn(t.app, t.db, 'EMPLOYEE', { companyId }),
    signedIn(t.app, t.db, 'ADMIN_RH', { companyId }),
    signedIn(t.app, t.db, 'PRACTITIONER'),
    signedIn(t.app, t.db, 'PRACTITIONER'),
    signedIn(t.app, t.db, 'SUPER_ADMIN'),
    signedIn(t.app, t.db, 'ADMIN_HUNTZEN'),
  ]);
});
afterAll(async () => {
  await t?.close();
});

/** A consultation of `employee` with `practitioner`, tomorrow-ish (each in a slot of its own) unless told. */
async function consultation(values: Partial<NewConsultation> = {}) {
  slot += 1;
  return placeConsultation(t, {
    employeeId: employee.employeeId!,
    practitionerId: practitioner.practitionerId!,
    scheduledAt: new Date(Date.now() + DAY + slot * 2 * 60 * MINUTE),
    status: 'CONFIRMED',
    ...values,
  });
}

const send = (account: Account, consultationId: string, payload: object) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/consultations/${consultationId}/messages`,
    headers: account.headers,
    payload,
  });

async function sent(account: Account, consultationId: string, content: string): Promise<Message> {
  const response = await send(account, consultationId, { content });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function page(account: Account, consultationId: string, query = ''): Promise<MessagePage> {
  const response = await t.app.inject({
    url: `/api/v1/consultations/${consultationId}/messages${query}`,
    headers: account.headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

function actorOf(account: Account): Actor {
  return {
    role: account.user.role,
    userId: account.user.id,
    email: account.email,
    companyId: account.companyId,
    employeeId: account.employeeId,
    practitionerId: account.practitionerId,
  };
}

/** The database's own message for a refused statement (Drizzle wraps it in "Failed query: …"). */
async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    const e = error as { message: string; cause?: { message?: string } };
    return e.cause?.message ?? e.message;
  }
  return 'accepted';
}

async function storedMessage(id: string) {
  const [row] = await t.db.ownerDb.select().from(messages).where(eq(messages.id, id));
  return row!;
}

describe('participants only', () => {
  it('answers 404 to HR, admins, another employee and another practitioner, on every route', async () => {
    const c = await consultation();
    const message = await sent(employee, c.id, 'Bonjour docteur');
    for (const account of [hr, superAdmin, adminHuntzen, colleague, otherPractitioner]) {
      const calls = [
        t.app.inject({ url: `/api/v1/consultations/${c.id}/messages`, headers: account.headers }),
        t.app.inject({ url: `/api/v1/consultations/${c.id}/messages/thread`, headers: account.headers }),
        send(account, c.id, { content: 'intrus' }),
        t.app.inject({
          method: 'POST',
          url: `/api/v1/consultations/${c.id}/messages/read`,
          headers: account.headers,
        }),
        t.app.inject({
          method: 'PATCH',
          url: `/api/v1/messages/${message.id}`,
          headers: account.headers,
          payload: { content: 'x' },
        }),
        t.app.inject({ method: 'DELETE', url: `/api/v1/messages/${message.id}`, headers: account.headers }),
        t.app.inject({ url: `/api/v1/messages/${message.id}`, headers: account.headers }),
      ];
      for (const response of await Promise.all(calls)) {
        expect(response.statusCode, `${account.user.role} ${response.body}`).toBe(404);
      }
    }
    expect((await storedMessage(message.id)).isDeleted).toBe(false);
  });

  it('lets the application role show no message row to admins, HR or a non-participant, nor let them write', async () => {
    const c = await consultation();
    const message = await sent(practitioner, c.id, 'Message confidentiel');
    for (const account of [hr, superAdmin, adminHuntzen, colleague, otherPractitioner]) {
      const actor = actorOf(account);
      const seen = await withActor(t.db, actor, (tx) => tx.select({ id: messages.id }).from(messages));
      expect(seen, account.user.role).toEqual([]);
      const updated = await withActor(t.db, actor, (tx) =>
        tx
          .update(messages)
          .set({ isRead: true, readAt: new Date() })
          .where(eq(messages.id, message.id))
          .returning(),
      ).catch((error: unknown) => error);
      expect(Array.isArray(updated) ? updated.length : 'refused', account.user.role).toSatisfy(
        (v) => v === 0 || v === 'refused',
      );
    }
    // A colleague inserting as herself into someone else's thread, or HR with the employee's id: refused.
    for (const actor of [actorOf(colleague), { ...actorOf(hr), employeeId: employee.employeeId }]) {
      expect(
        await refusal(
          withActor(t.db, actor, (tx) =>
            tx.insert(messages).values({
              consultationId: c.id,
              senderId: employee.employeeId!,
              senderRole: 'EMPLOYEE',
              encryptedContent: 'k.x',
              iv: 'x',
              authTag: 'x',
            }),
          ),
        ),
      ).toMatch(/row-level security/);
    }
    // The participants themselves do see it through the same role.
    for (const account of [employee, practitioner]) {
      const seen = await withActor(t.db, actorOf(account), (tx) =>
        tx.select({ id: messages.id }).from(messages).where(eq(messages.consultationId, c.id)),
      );
      expect(seen).toEqual([{ id: message.id }]);
    }
    expect((await storedMessage(message.id)).isRead).toBe(false);
  });
});

describe('the window', () => {
  it('closes a cancelled thread and one 14 days after the end (THREAD_CLOSED), still readable', async () => {
    const cancelled = await consultation({ status: 'CANCELLED' });
    const ended = await consultation({
      scheduledAt: new Date(Date.now() - 20 * DAY),
      status: 'COMPLETED',
      endedAt: new Date(Date.now() - 14 * DAY - MINUTE),
    });
    // The actual end counts: planned 20 days ago, ended only 13 days ago → still open.
    const lateEnd = await consultation({
      scheduledAt: new Date(Date.now() - 20 * DAY - 3 * 60 * MINUTE),
      status: 'COMPLETED',
      endedAt: new Date(Date.now() - 13 * DAY),
    });
    for (const c of [cancelled, ended]) {
      const response = await send(employee, c.id, { content: 'Encore une question' });
      expect(response.statusCode).toBe(409);
      expect(response.json().code).toBe('THREAD_CLOSED');
      expect((await page(employee, c.id)).items).toEqual([]);
      const info = await t.app.inject({
        url: `/api/v1/consultations/${c.id}/messages/thread`,
        headers: employee.headers,
      });
      expect(info.json()).toMatchObject({ writable: false });
    }
    await sent(practitioner, lateEnd.id, 'Réponse tardive');
  });

  it('is enforced by the database too: the application role cannot insert into a closed thread', async () => {
    const cancelled = await consultation({ status: 'CANCELLED' });
    const ended = await consultation({
      scheduledAt: new Date(Date.now() - 30 * DAY),
      status: 'COMPLETED',
    });
    for (const c of [cancelled, ended]) {
      expect(
        await refusal(
          withActor(t.db, actorOf(employee), (tx) =>
            tx.insert(messages).values({
              consultationId: c.id,
              senderId: employee.employeeId!,
              senderRole: 'EMPLOYEE',
              encryptedContent: 'k.x',
              iv: 'x',
              authTag: 'x',
            }),
          ),
        ),
      ).toMatch(/row-level security/);
    }
  });
});

describe('encryption', () => {
  it('stores ciphertext only, and answers contentUnreadable for a ciphertext moved to another row', async () => {
    const c = await consultation();
    const a = await sent(employee, c.id, 'Je me sens mieux depuis lundi');
    const b = await sent(practitioner, c.id, 'Très bonne nouvelle');
    const rowA = await storedMessage(a.id);
    const rowB = await storedMessage(b.id);
    expect(rowA.encryptedContent).not.toContain('mieux');
    expect(rowA.iv).toMatch(/^[A-Za-z0-9+/=]{16}$/);
    expect(rowA.authTag).toMatch(/^[A-Za-z0-9+/=]{24}$/);
    // Swap the two ciphertexts: each is bound to its own row and no longer opens.
    for (const [target, source] of [
      [rowA, rowB],
      [rowB, rowA],
    ] as const) {
      await t.db.ownerDb
        .update(messages)
        .set({ encryptedContent: source.encryptedContent, iv: source.iv, authTag: source.authTag })
        .where(eq(messages.id, target.id));
    }
    const { items } = await page(employee, c.id);
    expect(items.map((m) => [m.id, m.content, m.contentUnreadable])).toEqual([
      [a.id, null, true],
      [b.id, null, true],
    ]);
  });
});

describe('one message', () => {
  const getOne = (account: Account, id: string) =>
    t.app.inject({ url: `/api/v1/messages/${id}`, headers: account.headers });

  it('answers a participant the message, decrypted, with `mine` for the caller; 404 for an unknown id', async () => {
    const c = await consultation();
    const m = await sent(employee, c.id, 'Une question sur la séance');
    const mine = await getOne(employee, m.id);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toEqual(m);
    const theirs = await getOne(practitioner, m.id);
    expect(theirs.json()).toMatchObject({ id: m.id, content: 'Une question sur la séance', mine: false });
    expect((await getOne(employee, randomUUID())).statusCode).toBe(404);
  });

  it('answers CONTENT_UNREADABLE (409, no content, only the id logged) for a ciphertext copied from another row', async () => {
    const c = await consultation();
    const secret = 'Mes crises de panique reviennent';
    const source = await sent(employee, c.id, secret);
    const target = await sent(employee, c.id, 'Autre message');
    const rowSource = await storedMessage(source.id);
    await t.db.ownerDb
      .update(messages)
      .set({ encryptedContent: rowSource.encryptedContent, iv: rowSource.iv, authTag: rowSource.authTag })
      .where(eq(messages.id, target.id));
    const linesBefore = logLines.length;
    for (const account of [employee, practitioner]) {
      const response = await getOne(account, target.id);
      expect(response.statusCode, response.body).toBe(409);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ code: 'CONTENT_UNREADABLE', status: 409 });
      expect(response.json()).not.toHaveProperty('content');
      expect(response.body).not.toContain('panique');
    }
    const logged = logLines.slice(linesBefore).join('');
    expect(logged).toContain(target.id);
    expect(logged).toContain('message content unreadable');
    expect(logged).not.toContain('panique');
    expect(logged).not.toContain(rowSource.encryptedContent);
    // The source row still opens.
    expect((await getOne(practitioner, source.id)).json()).toMatchObject({ content: secret });

    // An edit never decrypts the old text: the sender replaces the unreadable text with a readable one.
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/messages/${target.id}`,
      headers: employee.headers,
      payload: { content: 'Texte réécrit' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await getOne(practitioner, target.id)).json()).toMatchObject({
      content: 'Texte réécrit',
      isEdited: true,
    });
  });
});

describe('editing and deleting', () => {
  it('lets the sender edit within 15 minutes only; the other participant is refused', async () => {
    const c = await consultation();
    const m = await sent(employee, c.id, 'Premier jet');
    const edit = (account: Account, content: string) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/messages/${m.id}`,
        headers: account.headers,
        payload: { content },
      });
    const edited = await edit(employee, 'Version corrigée');
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ content: 'Version corrigée', isEdited: true, mine: true });
    expect(edited.json().editedAt).not.toBeNull();
    expect((await page(practitioner, c.id)).items[0]).toMatchObject({
      content: 'Version corrigée',
      mine: false,
    });

    const other = await edit(practitioner, 'Je réécris votre message');
    expect([other.statusCode, other.json().code]).toEqual([403, 'FORBIDDEN']);

    await t.db.ownerDb
      .update(messages)
      .set({ createdAt: new Date(Date.now() - CHAT_RULES.editWindowMinutes * MINUTE - 1000) })
      .where(eq(messages.id, m.id));
    const late = await edit(employee, 'Trop tard');
    expect([late.statusCode, late.json().code]).toEqual([409, 'EDIT_WINDOW_CLOSED']);
    // The database refuses the late edit as well.
    expect(
      await refusal(
        withActor(t.db, actorOf(employee), (tx) =>
          tx
            .update(messages)
            .set({ isEdited: true, editedAt: new Date(), encryptedContent: 'k.y' })
            .where(eq(messages.id, m.id)),
        ),
      ),
    ).toMatch(/can no longer be edited/);
  });

  it('wipes the ciphertext and the attachment on deletion, by the sender only', async () => {
    const c = await consultation();
    const m = await sent(practitioner, c.id, 'À supprimer');
    const byOther = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/messages/${m.id}`,
      headers: employee.headers,
    });
    expect([byOther.statusCode, byOther.json().code]).toEqual([403, 'FORBIDDEN']);
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/messages/${m.id}`,
      headers: practitioner.headers,
    });
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(deleted.json()).toMatchObject({ isDeleted: true, content: null, attachment: null });
    const row = await storedMessage(m.id);
    expect(row).toMatchObject({
      encryptedContent: '',
      iv: '',
      authTag: null,
      isDeleted: true,
      attachmentUrl: null,
    });
    expect(row.deletedAt).not.toBeNull();
    expect((await page(employee, c.id)).items[0]).toMatchObject({ id: m.id, isDeleted: true, content: null });
    // No DELETE for the application role: deletion is the wipe.
    expect(
      await refusal(
        withActor(t.db, actorOf(practitioner), (tx) => tx.delete(messages).where(eq(messages.id, m.id))),
      ),
    ).toMatch(/permission denied/);
  });

  it('keeps the recipient to read receipts, and the sender away from them, in the database', async () => {
    const c = await consultation();
    const m = await sent(employee, c.id, 'Texte original');
    expect(
      await refusal(
        withActor(t.db, actorOf(practitioner), (tx) =>
          tx
            .update(messages)
            .set({ encryptedContent: 'k.forged', isRead: true, readAt: new Date() })
            .where(eq(messages.id, m.id)),
        ),
      ),
    ).toMatch(/only marks it read/);
    expect(
      await refusal(
        withActor(t.db, actorOf(employee), (tx) =>
          tx.update(messages).set({ isRead: true, readAt: new Date() }).where(eq(messages.id, m.id)),
        ),
      ),
    ).toMatch(/only the recipient/);
    // Column grants: nobody rewrites who sent it.
    expect(
      await refusal(
        withActor(t.db, actorOf(employee), (tx) =>
          tx.update(messages).set({ senderRole: 'PRACTITIONER' }).where(eq(messages.id, m.id)),
        ),
      ),
    ).toMatch(/permission denied/);
  });
});

describe('read receipts', () => {
  it('marks every message of the other participant read, not the caller’s own', async () => {
    const c = await consultation();
    const mine = await sent(employee, c.id, 'Question');
    const one = await sent(practitioner, c.id, 'Réponse 1');
    const two = await sent(practitioner, c.id, 'Réponse 2');
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${c.id}/messages/read`,
      headers: employee.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json();
    expect(result.messageIds.sort()).toEqual([one.id, two.id].sort());
    expect(result.readAt).not.toBeNull();
    const { items } = await page(practitioner, c.id);
    expect(items.map((m) => [m.id, m.isRead, m.readAt !== null])).toEqual([
      [mine.id, false, false],
      [one.id, true, true],
      [two.id, true, true],
    ]);
    // Nothing left to mark.
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${c.id}/messages/read`,
      headers: employee.headers,
    });
    expect(again.json()).toEqual({ consultationId: c.id, readAt: null, messageIds: [] });
  });
});

describe('pages and limits', () => {
  it('pages back in time, oldest → newest within a page', async () => {
    const c = await consultation();
    const texts = ['un', 'deux', 'trois', 'quatre', 'cinq'];
    for (const [i, text] of texts.entries()) await sent(i % 2 ? practitioner : employee, c.id, text);
    const first = await page(employee, c.id, '?limit=2');
    expect(first.items.map((m) => m.content)).toEqual(['quatre', 'cinq']);
    const second = await page(employee, c.id, `?limit=2&before=${first.nextCursor}`);
    expect(second.items.map((m) => m.content)).toEqual(['deux', 'trois']);
    const third = await page(employee, c.id, `?limit=2&before=${second.nextCursor}`);
    expect(third.items.map((m) => m.content)).toEqual(['un']);
    expect(third.nextCursor).toBeNull();
    expect(first.items.map((m) => m.mine)).toEqual([false, true]);
  });

  it('refuses more than 4 000 characters with the field, and accepts exactly 4 000', async () => {
    const c = await consultation();
    const long = await send(employee, c.id, { content: 'a'.repeat(CHAT_RULES.maxContentLength + 1) });
    expect(long.statusCode).toBe(400);
    expect(long.json().code).toBe('VALIDATION_FAILED');
    expect(long.json().errors.map((e: { path: string }) => e.path)).toContain('body.content');
    const exact = await send(employee, c.id, { content: 'a'.repeat(CHAT_RULES.maxContentLength) });
    expect(exact.statusCode).toBe(201);
    const empty = await send(employee, c.id, {});
    expect(empty.statusCode).toBe(400);
  });

  it('limits a sender to 30 messages a minute, counted in the database', async () => {
    const busy = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
    const c = await placeConsultation(t, {
      employeeId: busy.employeeId!,
      practitionerId: practitioner.practitionerId!,
      scheduledAt: new Date(Date.now() + 40 * DAY),
      status: 'CONFIRMED',
    });
    // 29 sent a moment ago (as another instance would have), then the 30th through the API.
    await t.db.ownerDb.insert(messages).values(
      Array.from({ length: CHAT_RULES.maxMessagesPerMinute - 1 }, () => ({
        consultationId: c.id,
        senderId: busy.employeeId!,
        senderRole: 'EMPLOYEE' as const,
        encryptedContent: 'k.x',
        iv: 'x',
        authTag: 'x',
        createdAt: new Date(Date.now() - 30_000),
      })),
    );
    expect((await send(busy, c.id, { content: 'trentième' })).statusCode).toBe(201);
    const over = await send(busy, c.id, { content: 'de trop' });
    expect([over.statusCode, over.json().code]).toEqual([429, 'RATE_LIMITED']);
    // Older than a minute no longer counts.
    await t.db.ownerDb
      .update(messages)
      .set({ createdAt: new Date(Date.now() - 2 * MINUTE) })
      .where(eq(messages.senderId, busy.employeeId!));
    expect((await send(busy, c.id, { content: 'à nouveau' })).statusCode).toBe(201);
  });
});

describe('attachments', () => {
  async function upload(account: Account, consultationId: string, part: FormPart, fileType = 'ATTACHMENT') {
    const fields =
      fileType === 'ATTACHMENT'
        ? { fileType, relatedResource: 'consultation', relatedId: consultationId }
        : { fileType };
    const body = multipartBody([...Object.entries(fields).map(([name, value]) => ({ name, value })), part]);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { ...account.headers, ...body.headers },
      payload: body.payload,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  }
  const png = (): FormPart => ({ name: 'file', data: samplePng(), type: 'image/png', filename: 'photo.png' });
  const pdf = (): FormPart => ({
    name: 'file',
    data: samplePdf('CR'),
    type: 'application/pdf',
    filename: 'cr.pdf',
  });

  it('attaches the sender’s own upload for this consultation, downloadable by the two participants only', async () => {
    const c = await consultation();
    const fileId = await upload(employee, c.id, png());
    const response = await send(employee, c.id, { attachmentFileId: fileId, content: 'Voici la photo' });
    expect(response.statusCode, response.body).toBe(201);
    const message: Message = response.json();
    expect(message).toMatchObject({
      messageType: 'IMAGE',
      content: 'Voici la photo',
      attachment: { fileId, url: `/api/v1/files/${fileId}/content`, name: 'photo.png', type: 'image/png' },
    });
    const pdfId = await upload(practitioner, c.id, pdf());
    const fileOnly = await send(practitioner, c.id, { attachmentFileId: pdfId });
    expect(fileOnly.json()).toMatchObject({ messageType: 'FILE', content: null });

    const download = (account: Account) =>
      t.app.inject({ url: message.attachment!.url, headers: account.headers }).then((r) => r.statusCode);
    expect(await download(practitioner)).toBe(200);
    expect(await download(employee)).toBe(200);
    for (const account of [hr, superAdmin, adminHuntzen, colleague, otherPractitioner]) {
      expect(await download(account), account.user.role).toBe(404);
    }
    // Deleting the message unlinks the attachment and retires the file: no longer downloadable
    // by either participant, nor attachable again.
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/messages/${message.id}`,
      headers: employee.headers,
    });
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect((await page(practitioner, c.id)).items[0]).toMatchObject({ attachment: null, isDeleted: true });
    expect(await download(employee)).toBe(404);
    expect(await download(practitioner)).toBe(404);
    const metadata = await t.app.inject({ url: `/api/v1/files/${fileId}`, headers: employee.headers });
    expect(metadata.statusCode).toBe(404);
    const again = await send(employee, c.id, { attachmentFileId: fileId });
    expect([again.statusCode, again.json().errors?.[0]?.path]).toEqual([400, 'body.attachmentFileId']);
    // The other participant's file, in a message still there, stays downloadable.
    const other = (fileOnly.json() as Message).attachment!.url;
    expect((await t.app.inject({ url: other, headers: employee.headers })).statusCode).toBe(200);

    // The files' clean-up then removes the row and the stored object.
    const [stored] = await t.db.ownerDb.select().from(files).where(eq(files.id, fileId));
    expect(stored!.expiresAt).not.toBeNull();
    const storage = createLocalFileStorage(t.config.dataDir);
    await storage.size(stored!.path);
    expect(await removeExpiredFiles(t.db, storage, new Date(Date.now() + 1000))).toBeGreaterThanOrEqual(1);
    expect(await t.db.ownerDb.select().from(files).where(eq(files.id, fileId))).toEqual([]);
    await expect(storage.size(stored!.path)).rejects.toBeInstanceOf(StoredObjectMissingError);
    expect(await t.db.ownerDb.select().from(files).where(eq(files.id, pdfId))).toHaveLength(1);
  });

  it('attaches one file to one message only', async () => {
    const c = await consultation();
    const fileId = await upload(practitioner, c.id, pdf());
    expect((await send(practitioner, c.id, { attachmentFileId: fileId })).statusCode).toBe(201);
    const twice = await send(practitioner, c.id, { attachmentFileId: fileId, content: 'Encore' });
    expect([twice.statusCode, twice.json().errors?.[0]?.path]).toEqual([400, 'body.attachmentFileId']);
  });

  it('refuses another consultation’s file, the other participant’s file, a file that is not an attachment', async () => {
    const c = await consultation();
    const elsewhere = await consultation();
    const wrong = [
      await upload(employee, elsewhere.id, png()),
      await upload(practitioner, c.id, png()),
      await upload(employee, c.id, pdf(), 'DOCUMENT'),
      randomUUID(),
    ];
    for (const attachmentFileId of wrong) {
      const response = await send(employee, c.id, { attachmentFileId });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().errors[0].path).toBe('body.attachmentFileId');
    }
    expect((await page(employee, c.id)).items).toEqual([]);
  });
});

describe('notifications and e-mails', () => {
  it('notifies the recipient in the app at once, without the text', async () => {
    const c = await consultation();
    const secret = 'Mon anxiété revient le soir';
    const m = await sent(employee, c.id, secret);
    const rows = await t.db.ownerDb
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, practitioner.user.id), eq(notifications.type, 'MESSAGE_RECEIVED')));
    const mine = rows.find((n) => (n.metadata as { messageId?: string } | null)?.messageId === m.id)!;
    expect(mine).toMatchObject({ linkUrl: `/app/messages/${c.id}`, emailSent: false });
    expect(`${mine.title} ${mine.message}`).not.toContain('anxiété');
  });

  it('writes the notification and the e-mail in the recipient’s language, a practitioner’s too', async () => {
    const english = await signedIn(t.app, t.db, 'PRACTITIONER');
    await t.db.ownerDb
      .update(practitioners)
      .set({ preferredLanguage: 'en' })
      .where(eq(practitioners.id, english.practitionerId!));
    slot += 1;
    const c = await placeConsultation(t, {
      employeeId: employee.employeeId!,
      practitionerId: english.practitionerId!,
      scheduledAt: new Date(Date.now() + DAY + slot * 2 * 60 * MINUTE),
      status: 'CONFIRMED',
    });
    const m = await sent(employee, c.id, 'Bonjour docteur');
    const [notice] = await t.db.ownerDb
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, english.user.id), eq(notifications.type, 'MESSAGE_RECEIVED')));
    expect(notice).toMatchObject({ title: 'New message' });
    expect(notice!.message).toMatch(/sent you a message\.$/);

    const outcome = await withActor(t.db, SYSTEM_ACTOR, (tx) =>
      sendUnreadEmail(
        tx,
        { consultationId: c.id, recipientUserId: english.user.id },
        new Date(Date.parse(m.createdAt) + 16 * MINUTE),
        ORIGIN,
      ),
    );
    expect(outcome).toBe('sent');
    const [email] = await t.db.ownerDb.select().from(emailQueue).where(eq(emailQueue.to, english.email));
    expect(email!.subject).toContain('You have a new message');
    expect(email!.textBody).toContain('Read the message');

    // The French employee still reads French.
    await sent(english, c.id, 'Hello, thanks for your message');
    const [reply] = await t.db.ownerDb
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, employee.user.id),
          eq(notifications.type, 'MESSAGE_RECEIVED'),
          eq(notifications.linkUrl, `/app/messages/${c.id}`),
        ),
      );
    expect(reply).toMatchObject({ title: 'Nouveau message' });
  });

  it('e-mails an unread message after 15 minutes, at most once per thread per hour, never its text', async () => {
    const c = await consultation();
    const secret = 'Je pense à arrêter le traitement';
    const m = await sent(practitioner, c.id, secret);
    const payload = { consultationId: c.id, recipientUserId: employee.user.id };
    // The job is planned in the sending transaction, 15 minutes ahead.
    const { rows } = await t.db.owner.query<{ run_at: Date }>(
      `select run_at from graphile_worker.jobs where key = $1`,
      [`message_unread_email:${c.id}:${employee.user.id}`],
    );
    expect(rows[0]!.run_at.getTime() - Date.now()).toBeGreaterThan(14 * MINUTE);
    expect(rows[0]!.run_at.getTime() - Date.now()).toBeLessThanOrEqual(15 * MINUTE);

    const run = (minutesLater: number) =>
      withActor(t.db, SYSTEM_ACTOR, (tx) =>
        sendUnreadEmail(tx, payload, new Date(Date.parse(m.createdAt) + minutesLater * MINUTE), ORIGIN),
      );
    expect(await run(10)).toBe('not-yet');
    expect(await run(16)).toBe('sent');
    const emails = async () =>
      t.db.ownerDb.select().from(emailQueue).where(eq(emailQueue.to, employee.email));
    const [email] = (await emails()).filter((e) => e.subject.includes('nouveau message'));
    expect(email).toBeDefined();
    expect(`${email!.subject} ${email!.textBody} ${email!.htmlBody}`).not.toContain('traitement');
    expect(email!.textBody).toContain(`${ORIGIN}/app/messages/${c.id}`);

    // Another message 20 minutes later: unread after 15 more, but the hour is not over.
    await sent(practitioner, c.id, 'Un autre message');
    expect(await run(40)).toBe('throttled');
    expect(await run(77)).toBe('sent');
    expect((await emails()).filter((e) => e.subject.includes('nouveau message'))).toHaveLength(2);

    // Read before the delay: no e-mail.
    await sent(practitioner, c.id, 'Encore un');
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${c.id}/messages/read`,
      headers: employee.headers,
    });
    expect(await run(200)).toBe('all-read');
    expect((await emails()).filter((e) => e.subject.includes('nouveau message'))).toHaveLength(2);
    const [state] = await t.db.ownerDb
      .select()
      .from(messageEmailState)
      .where(eq(messageEmailState.consultationId, c.id));
    expect(state).toMatchObject({ recipientUserId: employee.user.id, pendingSince: null });
  });
});

describe('threads and the reply promise', () => {
  it('lists the caller’s threads with unread counts, and shows the practitioner’s reply promise', async () => {
    const c = await consultation();
    await sent(practitioner, c.id, 'Bonjour');
    await sent(practitioner, c.id, 'Êtes-vous disponible ?');
    const list = await t.app.inject({ url: '/api/v1/messages/threads', headers: employee.headers });
    expect(list.statusCode, list.body).toBe(200);
    const thread = list.json().items.find((i: { consultationId: string }) => i.consultationId === c.id);
    expect(thread).toMatchObject({ unreadCount: 2, writable: true, other: { displayName: 'Dr. Alex Test' } });
    expect(list.json().unreadTotal).toBeGreaterThanOrEqual(2);

    const promise = 'Je réponds sous 48 h ouvrées.';
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/reply-promise',
      headers: practitioner.headers,
      payload: { replyPromise: promise },
    });
    expect(put.json()).toEqual({ replyPromise: promise });
    const tooLong = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/reply-promise',
      headers: practitioner.headers,
      payload: { replyPromise: 'x'.repeat(CHAT_RULES.maxReplyPromiseLength + 1) },
    });
    expect(tooLong.statusCode).toBe(400);
    const info = await t.app.inject({
      url: `/api/v1/consultations/${c.id}/messages/thread`,
      headers: employee.headers,
    });
    expect(info.json()).toMatchObject({ replyPromise: promise, unreadCount: 2, writable: true });
    const get = await t.app.inject({ url: '/api/v1/me/reply-promise', headers: practitioner.headers });
    expect(get.json()).toEqual({ replyPromise: promise });
  });
});
