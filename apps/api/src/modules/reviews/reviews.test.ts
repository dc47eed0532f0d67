// Reviews through the API on a real database: an employee reviews a completed consultation of
// theirs once, within 30 days; admins publish or reject; the practitioner's rating counts published
// reviews only, even when two moderations run at once; authors appear as initials only.
import {
  auditLogs,
  type ConsultationStatus,
  type Employee,
  employees,
  notifications,
  practitionerReviews,
  practitioners,
  withActor,
} from '@huntzen/db';
import { createConsultation, createPractitioner } from '@huntzen/db/testing/factories';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createCompany, signedIn } from '../../../test/identity';

type Account = Awaited<ReturnType<typeof signedIn>>;
const DAY = 86_400_000;

let t: TestApp;
let author: Account;
let authorRow: Employee;
let colleague: Account;
let stranger: Account;
let admin: Account;
let superAdmin: Account;
let practitioner: Account;

async function employeeRow(account: Account) {
  const [row] = await t.db.ownerDb.select().from(employees).where(eq(employees.id, account.employeeId!));
  return row!;
}

beforeAll(async () => {
  t = await buildTestApp();
  const companyId = (await createCompany(t.db)).id;
  author = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
  // A name with an accent and a compound: shown as "M. D." only.
  await t.db.ownerDb
    .update(employees)
    .set({ firstName: 'marc', lastName: 'Dupont-Éluard' })
    .where(eq(employees.id, author.employeeId!));
  authorRow = await employeeRow(author);
  colleague = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
  stranger = await signedIn(t.app, t.db, 'EMPLOYEE');
  admin = await signedIn(t.app, t.db, 'ADMIN_HUNTZEN');
  superAdmin = await signedIn(t.app, t.db, 'SUPER_ADMIN');
  practitioner = await signedIn(t.app, t.db, 'PRACTITIONER');
});
afterAll(async () => {
  await t?.close();
});

// Consultations never overlap (the booking feature's constraints may forbid it): each starts two
// hours before the previous one.
let slot = 0;
async function consultation(
  options: {
    employee?: Employee;
    practitionerId?: string;
    status?: ConsultationStatus;
    endedDaysAgo?: number;
    recordedEnd?: boolean;
  } = {},
) {
  slot += 1;
  const end = Date.now() - (options.endedDaysAgo ?? 1) * DAY - slot * 2 * 3_600_000;
  const scheduledAt = new Date(end - 50 * 60_000);
  return createConsultation(t.db.ownerDb, {
    employee: options.employee ?? authorRow,
    practitionerId: options.practitionerId ?? practitioner.practitionerId!,
    status: options.status ?? 'COMPLETED',
    scheduledAt,
    startedAt: scheduledAt,
    endedAt: options.recordedEnd === false ? null : new Date(end),
  });
}

const post = (account: Account, url: string, payload?: object) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1${url}`,
    headers: account.headers,
    ...(payload ? { payload } : {}),
  });
const get = (account: Account, url: string) =>
  t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: account.headers });

async function review(consultationId: string, rating = 4, comment?: string, account = author) {
  const response = await post(account, '/reviews', {
    consultationId,
    rating,
    ...(comment ? { comment } : {}),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; status: string };
}

async function counters(practitionerId: string) {
  const [row] = await t.db.ownerDb
    .select({ averageRating: practitioners.averageRating, reviewCount: practitioners.reviewCount })
    .from(practitioners)
    .where(eq(practitioners.id, practitionerId));
  return row!;
}

describe('leaving a review', () => {
  it('reviews a completed consultation: pending, unseen until moderated', async () => {
    const { practitioner: p } = await createPractitioner(t.db.ownerDb);
    const c = await consultation({ practitionerId: p.id });
    const response = await post(author, '/reviews', {
      consultationId: c.id,
      rating: 5,
      comment: '  Très à l’écoute, je recommande.  ',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      id: expect.any(String),
      consultationId: c.id,
      practitionerId: p.id,
      rating: 5,
      comment: 'Très à l’écoute, je recommande.',
      status: 'pending',
      createdAt: expect.any(String),
    });
    const [row] = await t.db.ownerDb
      .select()
      .from(practitionerReviews)
      .where(eq(practitionerReviews.consultationId, c.id));
    expect(row).toMatchObject({ employeeId: author.employeeId, isPublished: false, moderatedAt: null });
    expect(await counters(p.id)).toEqual({ averageRating: null, reviewCount: 0 });
    expect((await get(colleague, `/practitioners/${p.id}/reviews`)).json().items).toEqual([]);

    // Audited, without the employee's words.
    const [audit] = await t.db.ownerDb
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resource, 'practitioner_review'), eq(auditLogs.resourceId, row!.id)));
    expect(audit).toMatchObject({ action: 'CREATE', userId: author.user.id });
    expect(JSON.stringify(audit)).not.toContain('écoute');
  });

  it('answers 404 for a consultation that is not the employee’s', async () => {
    const colleagueRow = await employeeRow(colleague);
    const strangerRow = await employeeRow(stranger);
    for (const c of [
      await consultation({ employee: colleagueRow }),
      await consultation({ employee: strangerRow }),
    ]) {
      const response = await post(author, '/reviews', { consultationId: c.id, rating: 4 });
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('NOT_FOUND');
    }
    const unknown = await post(author, '/reviews', {
      consultationId: '0b5c6a3e-8a55-4f4e-9a3a-0d3c2b1a0f99',
      rating: 4,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('answers 409 for a consultation that is not completed', async () => {
    for (const status of ['SCHEDULED', 'CONFIRMED', 'IN_PROGRESS', 'CANCELLED', 'NO_SHOW'] as const) {
      const c = await consultation({ status });
      const response = await post(author, '/reviews', { consultationId: c.id, rating: 4 });
      expect(response.statusCode, status).toBe(409);
      expect(response.json().code).toBe('CONFLICT');
      expect(response.json().detail).toContain(status);
    }
  });

  it('answers 422 REVIEW_WINDOW_CLOSED more than 30 days after the end', async () => {
    const old = await consultation({ endedDaysAgo: 31 });
    const response = await post(author, '/reviews', { consultationId: old.id, rating: 4 });
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('REVIEW_WINDOW_CLOSED');
    // The planned end counts when no end was recorded.
    const unrecorded = await consultation({ endedDaysAgo: 29, recordedEnd: false });
    expect(unrecorded.endedAt).toBeNull();
    await review(unrecorded.id);
    const lateUnrecorded = await consultation({ endedDaysAgo: 31, recordedEnd: false });
    expect(
      (await post(author, '/reviews', { consultationId: lateUnrecorded.id, rating: 4 })).statusCode,
    ).toBe(422);
  });

  it('answers 409 ALREADY_REVIEWED to a second review', async () => {
    const c = await consultation();
    await review(c.id, 3);
    const again = await post(author, '/reviews', { consultationId: c.id, rating: 5 });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ALREADY_REVIEWED');
    const rows = await t.db.ownerDb
      .select()
      .from(practitionerReviews)
      .where(eq(practitionerReviews.consultationId, c.id));
    expect(rows.map((r) => r.rating)).toEqual([3]);
  });

  it('maps the unique violation of a concurrent review to ALREADY_REVIEWED', async () => {
    const c = await consultation();
    // Another review of the consultation, inserted and not committed yet: the API's check does not
    // see it, and its insert waits on the unique index until this one commits.
    const response = await whileLocked(
      {
        text: `insert into practitioner_reviews (practitioner_id, employee_id, consultation_id, rating)
               values ($1, $2, $3, 2)`,
        values: [c.practitionerId, c.employeeId, c.id],
      },
      1,
      async () => post(author, '/reviews', { consultationId: c.id, rating: 5 }),
    );
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('ALREADY_REVIEWED');
  });

  it('refuses a rating out of 1–5 or a too long comment, naming the field', async () => {
    const c = await consultation();
    for (const [payload, path] of [
      [{ rating: 0 }, 'body.rating'],
      [{ rating: 6 }, 'body.rating'],
      [{ rating: 3.5 }, 'body.rating'],
      [{ rating: '5' }, 'body.rating'],
      [{}, 'body.rating'],
      [{ rating: 4, comment: 'x'.repeat(2001) }, 'body.comment'],
      [{ rating: 4, consultationId: 'nope' }, 'body.consultationId'],
    ] as const) {
      const response = await post(author, '/reviews', { consultationId: c.id, ...payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().errors.map((e: { path: string }) => e.path)).toEqual([path]);
    }
    // 2000 characters are fine.
    await review(c.id, 4, 'é'.repeat(2000));
  });

  it('holds the rules in the database too', async () => {
    const c = await consultation();
    const insert = (values: Partial<typeof practitionerReviews.$inferInsert>) =>
      t.db.ownerDb.insert(practitionerReviews).values({
        practitionerId: c.practitionerId,
        employeeId: c.employeeId,
        consultationId: c.id,
        rating: 4,
        ...values,
      });
    const failure = async (values: Partial<typeof practitionerReviews.$inferInsert>) =>
      insert(values).then(
        () => null,
        (error: { cause?: { code?: string; constraint?: string } }) => error.cause,
      );
    expect(await failure({ rating: 6 })).toMatchObject({
      code: '23514',
      constraint: 'practitioner_reviews_rating_range',
    });
    expect(await failure({ rating: 0 })).toMatchObject({ constraint: 'practitioner_reviews_rating_range' });
    expect(await failure({ comment: 'x'.repeat(2001) })).toMatchObject({
      constraint: 'practitioner_reviews_comment_length',
    });
    expect(await failure({ isPublished: true })).toMatchObject({
      constraint: 'practitioner_reviews_published_moderated',
    });

    // The employee's own insert, past the API: only for their completed, recent consultation.
    const actor = {
      role: 'EMPLOYEE' as const,
      userId: author.user.id,
      companyId: authorRow.companyId,
      employeeId: authorRow.id,
    };
    const scheduled = await consultation({ status: 'SCHEDULED' });
    const old = await consultation({ endedDaysAgo: 40 });
    for (const target of [scheduled, old]) {
      const attempt = withActor(t.db, actor, (tx) =>
        tx.insert(practitionerReviews).values({
          practitionerId: target.practitionerId,
          employeeId: authorRow.id,
          consultationId: target.id,
          rating: 5,
        }),
      );
      await expect(attempt).rejects.toMatchObject({ cause: { code: '42501' } });
    }
  });
});

/**
 * Runs `statement` in a transaction of its own, then `during` (requests that must block on what it
 * locked), waits until `waiters` of them wait on a lock, and commits: the blocked requests then
 * run truly at the same time. Always ends the transaction, whatever happens.
 */
async function whileLocked<T>(
  statement: { text: string; values: unknown[] },
  waiters: number,
  during: () => Promise<T>,
): Promise<T> {
  const client = await t.db.owner.connect();
  let open = false;
  try {
    await client.query('begin');
    open = true;
    await client.query(statement.text, statement.values);
    const requests = during();
    // Polled on another connection: pg_stat_activity is a snapshot within one transaction.
    for (let i = 0; ; i++) {
      const { rows } = await t.db.owner.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`,
      );
      if (rows[0]!.n >= waiters) break;
      if (i > 400) throw new Error(`fewer than ${waiters} requests waiting on a lock`);
      await new Promise((r) => setTimeout(r, 25));
    }
    await client.query('commit');
    open = false;
    return await requests;
  } finally {
    if (open) await client.query('rollback');
    client.release();
  }
}

describe('moderation', () => {
  it('lists pending reviews for admins, authors as initials only', async () => {
    const { practitioner: p } = await createPractitioner(t.db.ownerDb, {
      firstName: 'Nadia',
      lastName: 'Haddad',
    });
    const c = await consultation({ practitionerId: p.id });
    const mine = await review(c.id, 2, 'Trop court.');
    for (const moderator of [admin, superAdmin]) {
      const response = await get(moderator, '/reviews?status=pending&limit=100');
      expect(response.statusCode).toBe(200);
      const item = response.json().items.find((i: { id: string }) => i.id === mine.id);
      expect(item).toEqual({
        id: mine.id,
        rating: 2,
        comment: 'Trop court.',
        authorInitials: 'M. D.',
        status: 'pending',
        createdAt: expect.any(String),
        moderatedAt: null,
        practitioner: { id: p.id, title: 'Dr.', firstName: 'Nadia', lastName: 'Haddad' },
      });
      for (const secret of ['marc', 'Dupont', 'Éluard', author.employeeId!, author.user.id, author.email]) {
        expect(response.body.toLowerCase()).not.toContain(secret.toLowerCase());
      }
    }
    expect((await get(admin, '/reviews')).json().items.map((i: { status: string }) => i.status)).toContain(
      'pending',
    );
    expect((await get(admin, '/reviews?status=deleted')).statusCode).toBe(400);
  });

  it('publishes: shown on the profile by initials, counted, audited, the practitioner told', async () => {
    const c = await consultation();
    const mine = await review(c.id, 4, 'Séances utiles.');
    const published = await post(admin, `/reviews/${mine.id}/publish`);
    expect(published.statusCode).toBe(200);
    expect(published.json()).toEqual({
      id: mine.id,
      status: 'published',
      practitioner: {
        id: practitioner.practitionerId,
        averageRating: expect.any(Number),
        reviewCount: expect.any(Number),
      },
    });

    // Another employee reads it, by initials.
    const page = await get(colleague, `/practitioners/${practitioner.practitionerId}/reviews`);
    expect(page.statusCode).toBe(200);
    const shown = page.json().items.find((i: { id: string }) => i.id === mine.id);
    expect(shown).toEqual({
      id: mine.id,
      rating: 4,
      comment: 'Séances utiles.',
      authorInitials: 'M. D.',
      createdAt: expect.any(String),
    });
    for (const secret of ['marc', 'Dupont', 'Éluard', author.employeeId!, author.user.id, c.id]) {
      expect(page.body.toLowerCase()).not.toContain(secret.toLowerCase());
    }

    const [audit] = await t.db.ownerDb
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resourceId, mine.id), eq(auditLogs.action, 'VALIDATE')));
    expect(audit).toMatchObject({
      userId: admin.user.id,
      resource: 'practitioner_review',
      changesBefore: { status: 'pending' },
      changesAfter: { status: 'published' },
    });
    const told = await t.db.ownerDb
      .select()
      .from(notifications)
      .where(eq(notifications.userId, practitioner.user.id));
    expect(told.map((n) => n.linkUrl)).toContain('/app/my-reviews');
    expect(JSON.stringify(told)).not.toContain('utiles');
  });

  it('counts published reviews only, through publish, reject and withdrawal', async () => {
    const { practitioner: p } = await createPractitioner(t.db.ownerDb);
    const ids: Record<number, string> = {};
    for (const rating of [5, 4, 1]) {
      ids[rating] = (await review((await consultation({ practitionerId: p.id })).id, rating)).id;
    }
    const decide = async (id: string, decision: 'publish' | 'reject') => {
      const response = await post(admin, `/reviews/${id}/${decision}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };
    await decide(ids[5]!, 'publish');
    expect(await counters(p.id)).toEqual({ averageRating: 5, reviewCount: 1 });
    const afterTwo = await decide(ids[4]!, 'publish');
    expect(afterTwo.practitioner).toEqual({ id: p.id, averageRating: 4.5, reviewCount: 2 });
    expect((await decide(ids[1]!, 'reject')).status).toBe('rejected');
    expect(await counters(p.id)).toEqual({ averageRating: 4.5, reviewCount: 2 });

    // Withdrawn, then a rejected one published after all.
    expect((await decide(ids[4]!, 'reject')).status).toBe('rejected');
    expect(await counters(p.id)).toEqual({ averageRating: 5, reviewCount: 1 });
    await decide(ids[1]!, 'publish');
    expect(await counters(p.id)).toEqual({ averageRating: 3, reviewCount: 2 });

    const profile = (await get(author, `/practitioners/${p.id}`)).json();
    expect(profile.ratingSummary).toEqual({
      averageRating: 3,
      reviewCount: 2,
      distribution: { 1: 1, 2: 0, 3: 0, 4: 0, 5: 1 },
    });
    expect(profile).toMatchObject({ averageRating: 3, reviewCount: 2 });
    const shown = (await get(author, `/practitioners/${p.id}/reviews`)).json().items;
    expect(shown.map((i: { id: string }) => i.id).sort()).toEqual([ids[5], ids[1]].sort());

    for (const [status, expected] of [
      ['published', [ids[5], ids[1]]],
      ['rejected', [ids[4]]],
    ] as const) {
      const queue = (await get(admin, `/reviews?status=${status}&limit=100`)).json().items;
      const ofP = queue.filter((i: { practitioner: { id: string } }) => i.practitioner.id === p.id);
      expect(ofP.map((i: { id: string }) => i.id).sort(), status).toEqual([...expected].sort());
      expect(ofP.every((i: { moderatedAt: string | null }) => i.moderatedAt !== null)).toBe(true);
    }
  });

  it('refuses a decision that does not apply (409) or an unknown review (404)', async () => {
    const mine = await review((await consultation()).id, 3);
    expect((await post(admin, `/reviews/${mine.id}/reject`)).statusCode).toBe(200);
    const again = await post(admin, `/reviews/${mine.id}/reject`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ILLEGAL_TRANSITION');
    expect((await post(admin, `/reviews/${mine.id}/publish`)).statusCode).toBe(200);
    const twice = await post(admin, `/reviews/${mine.id}/publish`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toContain('published');
    expect((await post(admin, '/reviews/6f2b1c1e-3d4a-4b5c-8d9e-0f1a2b3c4d5e/publish')).statusCode).toBe(404);
  });

  it('keeps the count right when two publications of one practitioner run at once', async () => {
    const { practitioner: p } = await createPractitioner(t.db.ownerDb);
    const a = await review((await consultation({ practitionerId: p.id })).id, 5);
    const b = await review((await consultation({ practitionerId: p.id })).id, 2);
    // Both requests start while the practitioner's row is locked, so they really overlap.
    const responses = await whileLocked(
      { text: 'select 1 from practitioners where id = $1 for update', values: [p.id] },
      2,
      async () =>
        Promise.all([post(admin, `/reviews/${a.id}/publish`), post(superAdmin, `/reviews/${b.id}/publish`)]),
    );
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(await counters(p.id)).toEqual({ averageRating: 3.5, reviewCount: 2 });
  });

  it('keeps the count right under a burst of concurrent moderations', async () => {
    const { practitioner: p } = await createPractitioner(t.db.ownerDb);
    const ratings = [5, 4, 4, 3, 2, 5];
    const reviews = [];
    for (const rating of ratings)
      reviews.push(await review((await consultation({ practitionerId: p.id })).id, rating));
    const responses = await Promise.all(reviews.map((r) => post(admin, `/reviews/${r.id}/publish`)));
    expect(responses.every((r) => r.statusCode === 200)).toBe(true);
    expect(await counters(p.id)).toEqual({ averageRating: 3.83, reviewCount: 6 });
    // And the same review published twice at once: one wins, the other is told why.
    const last = await review((await consultation({ practitionerId: p.id })).id, 1);
    const twice = await Promise.all([
      post(admin, `/reviews/${last.id}/publish`),
      post(admin, `/reviews/${last.id}/publish`),
    ]);
    expect(twice.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await counters(p.id)).toEqual({ averageRating: 3.43, reviewCount: 7 });
  });

  it('pages through the queue, oldest pending first', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await get(
        admin,
        `/reviews?status=pending&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(response.statusCode).toBe(200);
      const body = response.json();
      seen.push(...body.items.map((i: { createdAt: string }) => i.createdAt));
      cursor = body.nextCursor;
    } while (cursor);
    const all = (await get(admin, '/reviews?status=pending&limit=100')).json().items;
    expect(seen).toEqual(all.map((i: { createdAt: string }) => i.createdAt));
    expect([...seen].sort()).toEqual(seen);
    expect(seen.length).toBeGreaterThan(3);
  });
});

describe('what each one sees', () => {
  it('shows the employee what they may still review and their reviews’ states', async () => {
    const { practitioner: p } = await createPractitioner(t.db.ownerDb);
    const open = await consultation({ practitionerId: p.id, endedDaysAgo: 3 });
    const reviewed = await consultation({ practitionerId: p.id, endedDaysAgo: 5 });
    await consultation({ practitionerId: p.id, endedDaysAgo: 35 });
    await consultation({ practitionerId: p.id, status: 'SCHEDULED' });
    await consultation({ practitionerId: p.id, employee: await employeeRow(colleague) });
    const mine = await review(reviewed.id, 4, 'Bien.');

    const state = await get(author, `/practitioners/${p.id}/my-reviews`);
    expect(state.statusCode).toBe(200);
    expect(state.json()).toEqual({
      reviewableConsultations: [
        {
          consultationId: open.id,
          scheduledAt: open.scheduledAt.toISOString(),
          endedAt: open.endedAt!.toISOString(),
          reviewableUntil: new Date(open.endedAt!.getTime() + 30 * DAY).toISOString(),
        },
      ],
      reviews: [expect.objectContaining({ id: mine.id, status: 'pending', rating: 4, comment: 'Bien.' })],
    });
    // The colleague sees neither the author's review nor anything to review.
    expect((await get(colleague, `/practitioners/${p.id}/my-reviews`)).json()).toEqual({
      reviewableConsultations: [expect.any(Object)],
      reviews: [],
    });
    await post(admin, `/reviews/${mine.id}/reject`);
    expect((await get(author, `/practitioners/${p.id}/my-reviews`)).json().reviews[0].status).toBe(
      'rejected',
    );
  });

  it('answers 404 for a practitioner outside the directory', async () => {
    const { practitioner: hidden } = await createPractitioner(t.db.ownerDb, { isValidated: false });
    await consultation({ practitionerId: hidden.id });
    for (const url of [`/practitioners/${hidden.id}/my-reviews`, `/practitioners/${hidden.id}/reviews`]) {
      expect((await get(author, url)).statusCode, url).toBe(404);
    }
  });

  it('shows the practitioner their published reviews and summary, nothing else', async () => {
    const mine = await get(practitioner, '/me/reviews');
    expect(mine.statusCode).toBe(200);
    const body = mine.json();
    const [row] = await t.db.ownerDb
      .select({ n: sql<number>`count(*)::int` })
      .from(practitionerReviews)
      .where(
        and(
          eq(practitionerReviews.practitionerId, practitioner.practitionerId!),
          eq(practitionerReviews.isPublished, true),
        ),
      );
    expect(row!.n).toBeGreaterThan(0);
    expect(body.ratingSummary.reviewCount).toBe(row!.n);
    expect(body.items).toHaveLength(row!.n);
    expect(body.items.every((i: { authorInitials: string }) => i.authorInitials === 'M. D.')).toBe(true);
    expect(Object.values(body.ratingSummary.distribution).reduce((a, b) => Number(a) + Number(b), 0)).toBe(
      row!.n,
    );
    expect(mine.body).not.toContain(author.employeeId!);

    const other = await signedIn(t.app, t.db, 'PRACTITIONER');
    expect((await get(other, '/me/reviews')).json()).toEqual({
      items: [],
      nextCursor: null,
      ratingSummary: { averageRating: null, reviewCount: 0, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } },
    });
  });

  it('pages through published reviews, newest first', async () => {
    const { practitioner: p } = await createPractitioner(t.db.ownerDb);
    for (let i = 0; i < 5; i++) {
      const r = await review((await consultation({ practitionerId: p.id })).id, 1 + i);
      await post(admin, `/reviews/${r.id}/publish`);
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const response = await get(
        colleague,
        `/practitioners/${p.id}/reviews?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const body = response.json();
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((i: { rating: number }) => i.rating));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([5, 4, 3, 2, 1]);
    expect((await get(colleague, `/practitioners/${p.id}/reviews?cursor=garbage`)).statusCode).toBe(400);
  });
});
