// The directory through the API on a real database: only validated, active practitioners; French
// full-text search that ignores accents and case; filters, orders and keyset pages; the public
// profile and its 404s.
import { availabilities, employees, type NewPractitioner, practitionerReviews } from '@huntzen/db';
import { createConsultation, createPractitioner } from '@huntzen/db/testing/factories';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { createCompany, signedIn } from '../../../test/identity';

type Account = Awaited<ReturnType<typeof signedIn>>;

let t: TestApp;
let employee: Account;
let admin: Account;
const ids: Record<string, string> = {};

async function employeeRow() {
  const [row] = await t.db.ownerDb.select().from(employees).where(eq(employees.id, employee.employeeId!));
  return row!;
}

async function practitioner(key: string, values: Partial<NewPractitioner>) {
  const { practitioner: p } = await createPractitioner(t.db.ownerDb, values);
  ids[key] = p.id;
  return p;
}

beforeAll(async () => {
  t = await buildTestApp();
  const companyId = (await createCompany(t.db)).id;
  employee = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
  admin = await signedIn(t.app, t.db, 'ADMIN_HUNTZEN');
  await practitioner('lefevre', {
    firstName: 'Élodie',
    lastName: 'Lefèvre',
    title: 'Mme.',
    specialty: 'PSYCHOLOGUE_CLINICIEN',
    subSpecialties: ['TCC', 'Gestion du stress'],
    languages: ['fr', 'en'],
    bio: 'Psychologue clinicienne, je propose une thérapie brève aux salariés anxieux.',
    offersInPerson: true,
    inPersonAddress: '12 rue de la Paix, 75002 Paris',
    averageRating: 4.5,
    reviewCount: 10,
  });
  await practitioner('martin', {
    firstName: 'Jean',
    lastName: 'Martin',
    title: 'Dr.',
    specialty: 'PSYCHIATRE',
    subSpecialties: ['EMDR', 'Troubles du sommeil'],
    languages: ['fr'],
    bio: 'Psychiatre. Consultations autour du sommeil et de l’anxiété.',
    offersPhone: false,
    // An address kept from an earlier in-person practice: not shown while not offered.
    inPersonAddress: '3 place Bellecour, Lyon',
    isAcceptingNewClients: false,
    averageRating: 3.9,
    reviewCount: 3,
  });
  await practitioner('dubois', {
    firstName: 'Amélie',
    lastName: 'Dubois',
    title: 'Mme.',
    specialty: 'COACH_MENTAL',
    subSpecialties: ['Burn-out', 'Thérapie familiale'],
    languages: ['fr', 'es'],
    bio: 'Coach formée auprès du Dr Martin, j’accompagne le retour au travail.',
  });
  // Never in the directory, whatever they match: not validated, and validated but inactive.
  const hidden = await practitioner('unvalidated', {
    firstName: 'Zoé',
    lastName: 'Lefèvre',
    specialty: 'PSYCHIATRE',
    subSpecialties: ['Thérapie familiale'],
    languages: ['fr', 'en', 'de'],
    bio: 'Psychologue clinicienne, thérapie familiale et sommeil.',
    isValidated: false,
    validatedAt: null,
  });
  await practitioner('inactive', {
    firstName: 'Yves',
    lastName: 'Martin',
    specialty: 'PSYCHIATRE',
    subSpecialties: ['Thérapie familiale'],
    languages: ['fr', 'de'],
    bio: 'Psychologue clinicienne, thérapie de couple.',
    isActive: false,
  });
  // Row-level security lets an employee read a practitioner they had a consultation with, even
  // unvalidated: the directory must still leave them out.
  await createConsultation(t.db.ownerDb, { employee: await employeeRow(), practitionerId: hidden.id });
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string, account: Account = employee) =>
  t.app.inject({ method: 'GET', url: `/api/v1/practitioners${url}`, headers: account.headers });

async function search(query: Record<string, string>, account: Account = employee) {
  const response = await get(`?${new URLSearchParams(query)}`, account);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: { id: string }[]; nextCursor: string | null; sort: string };
}

/** The keys (see `ids`) of the practitioners found, in order. */
async function found(query: Record<string, string>) {
  const names = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k]));
  return (await search(query)).items.map((item) => names[item.id] ?? item.id);
}

describe('listing', () => {
  it('lists validated, active practitioners only, best rated first', async () => {
    const page = await search({});
    expect(page.sort).toBe('rating');
    expect(await found({})).toEqual(['lefevre', 'martin', 'dubois']);
    // Admins read the same directory (they see every practitioner otherwise).
    const adminPage = await search({}, admin);
    expect(adminPage.items.map((i) => i.id)).toEqual(page.items.map((i) => i.id));
  });

  it('returns the card of each practitioner, and nothing private', async () => {
    const page = await search({ sort: 'name' });
    const lefevre = page.items.find((i) => i.id === ids.lefevre);
    expect(lefevre).toEqual({
      id: ids.lefevre,
      title: 'Mme.',
      firstName: 'Élodie',
      lastName: 'Lefèvre',
      specialty: 'PSYCHOLOGUE_CLINICIEN',
      subSpecialties: ['TCC', 'Gestion du stress'],
      languages: ['fr', 'en'],
      formats: { video: true, phone: true, inPerson: true },
      inPersonAddress: '12 rue de la Paix, 75002 Paris',
      avatarUrl: null,
      averageRating: 4.5,
      reviewCount: 10,
      isAcceptingNewClients: true,
      // No availability yet (see "availability" below).
      nextSlot: null,
    });
    const martin = page.items.find((i) => i.id === ids.martin) as unknown as Record<string, unknown>;
    expect(martin.inPersonAddress).toBeNull();
    expect(martin.formats).toEqual({ video: true, phone: false, inPerson: false });
  });

  it('sorts by name, ignoring accents', async () => {
    expect(await found({ sort: 'name' })).toEqual(['dubois', 'lefevre', 'martin']);
  });
});

describe('French full-text search', () => {
  it('finds "psychologue clinicienne" in a bio that says "Psychologue clinicienne"', async () => {
    expect(await found({ q: 'psychologue clinicienne' })).toEqual(['lefevre']);
  });

  it('ignores accents and case: therapie, THÉRAPIE and thérapie find the same people', async () => {
    const expected = await found({ q: 'thérapie' });
    expect([...expected].sort()).toEqual(['dubois', 'lefevre']);
    expect(await found({ q: 'therapie' })).toEqual(expected);
    expect(await found({ q: 'THÉRAPIE' })).toEqual(expected);
    expect(await found({ q: 'THERAPIES' })).toEqual(expected);
  });

  it('searches sub-specialties', async () => {
    expect(await found({ q: 'sommeil' })).toEqual(['martin']);
    expect(await found({ q: 'emdr' })).toEqual(['martin']);
    expect(await found({ q: 'burn-out' })).toEqual(['dubois']);
  });

  it('finds a last name typed without its accent, or its beginning', async () => {
    expect(await found({ q: 'lefevre' })).toEqual(['lefevre']);
    expect(await found({ q: 'LEFÈVRE' })).toEqual(['lefevre']);
    expect(await found({ q: 'lefe' })).toEqual(['lefevre']);
    expect(await found({ q: 'elodie lef' })).toEqual(['lefevre']);
  });

  it('ranks a match on the name above a mention in a bio', async () => {
    const page = await search({ q: 'martin' });
    expect(page.sort).toBe('relevance');
    expect(await found({ q: 'martin' })).toEqual(['martin', 'dubois']);
    // Asked for, the rating order applies to the same matches.
    expect(await found({ q: 'martin', sort: 'rating' })).toEqual(['martin', 'dubois']);
    expect(await found({ q: 'martin', sort: 'name' })).toEqual(['dubois', 'martin']);
  });

  it('understands phrases and exclusions', async () => {
    expect(await found({ q: '"thérapie familiale"' })).toEqual(['dubois']);
    expect(await found({ q: 'thérapie -familiale' })).toEqual(['lefevre']);
  });

  it('finds nothing, without failing, for words that carry no meaning or match no one', async () => {
    expect(await found({ q: 'de la' })).toEqual([]);
    expect(await found({ q: 'ostéopathe' })).toEqual([]);
    expect(await found({ q: '!!! :* & | ( )' })).toEqual([]);
  });

  it('ignores a blank search', async () => {
    const page = await search({ q: '   ' });
    expect(page.sort).toBe('rating');
    expect(page.items).toHaveLength(3);
  });

  it('never shows an unvalidated or inactive practitioner, whatever is searched', async () => {
    for (const q of ['zoé', 'yves', 'thérapie familiale', 'psychologue clinicienne', 'lefèvre', 'martin']) {
      const items = (await search({ q })).items.map((i) => i.id);
      expect(items, q).not.toContain(ids.unvalidated);
      expect(items, q).not.toContain(ids.inactive);
    }
  });
});

describe('filters', () => {
  it('filters by specialty, sub-specialty, language, format and new clients', async () => {
    expect(await found({ specialty: 'PSYCHIATRE' })).toEqual(['martin']);
    expect(await found({ subSpecialty: 'therapie FAMILIALE' })).toEqual(['dubois']);
    expect(await found({ subSpecialty: 'TCC' })).toEqual(['lefevre']);
    expect(await found({ language: 'en' })).toEqual(['lefevre']);
    expect(await found({ language: 'ES' })).toEqual(['dubois']);
    expect(await found({ language: 'de' })).toEqual([]);
    expect(await found({ format: 'IN_PERSON' })).toEqual(['lefevre']);
    expect(await found({ format: 'PHONE' })).toEqual(['lefevre', 'dubois']);
    expect(await found({ format: 'VIDEO' })).toEqual(['lefevre', 'martin', 'dubois']);
    expect(await found({ acceptingNewClients: 'false' })).toEqual(['martin']);
    expect(await found({ acceptingNewClients: 'true' })).toEqual(['lefevre', 'dubois']);
  });

  it('combines filters with the search', async () => {
    expect(await found({ q: 'thérapie', specialty: 'COACH_MENTAL' })).toEqual(['dubois']);
    expect(await found({ q: 'thérapie', language: 'en', format: 'IN_PERSON' })).toEqual(['lefevre']);
    expect(await found({ q: 'thérapie', acceptingNewClients: 'false' })).toEqual([]);
  });

  it('refuses values that are not filters, naming the field', async () => {
    for (const [name, value] of [
      ['specialty', 'DENTISTE'],
      ['format', 'FAX'],
      ['acceptingNewClients', 'maybe'],
      ['language', 'english'],
      ['sort', 'soonest'],
      ['q', 'x'.repeat(201)],
      ['limit', '0'],
      ['limit', '101'],
    ] as const) {
      const response = await get(`?${name}=${value}`);
      expect(response.statusCode, name).toBe(400);
      expect(response.json().errors.map((e: { path: string }) => e.path)).toEqual([`query.${name}`]);
    }
  });

  it('lists the values of the filters among listed practitioners only', async () => {
    const response = await get('/facets');
    expect(response.statusCode).toBe(200);
    const facets = response.json();
    expect(facets.specialties).toEqual(
      expect.arrayContaining([
        { value: 'PSYCHIATRE', count: 1 },
        { value: 'COACH_MENTAL', count: 1 },
        { value: 'PSYCHOLOGUE_CLINICIEN', count: 1 },
      ]),
    );
    expect(facets.specialties).toHaveLength(3);
    expect(facets.languages).toEqual([
      { value: 'fr', count: 3 },
      { value: 'en', count: 1 },
      { value: 'es', count: 1 },
    ]);
    // Thérapie familiale: Dubois only (the hidden two have it too).
    expect(facets.subSpecialties).toContainEqual({ value: 'Thérapie familiale', count: 1 });
    expect(facets.languages.map((l: { value: string }) => l.value)).not.toContain('de');
  });
});

describe('pages', () => {
  beforeAll(async () => {
    // Many ties on purpose: equal ratings, equal names, no rating.
    for (let i = 0; i < 23; i++) {
      await createPractitioner(t.db.ownerDb, {
        firstName: i % 2 ? 'Camille' : 'Alex',
        lastName: `Page ${String(i % 5)}`,
        specialty: 'PSYCHOTHERAPEUTE',
        bio: 'Psychothérapeute, thérapie par la parole.',
        averageRating: i % 3 === 0 ? null : 4 + (i % 2) / 2,
        reviewCount: i % 3 === 0 ? 0 : 5 + (i % 4),
      });
    }
  });

  async function walk(query: Record<string, string>, limit: number) {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const page = await search({ ...query, limit: String(limit), ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      if (!cursor) return seen;
    }
    throw new Error('too many pages');
  }

  for (const query of [{}, { sort: 'name' }, { q: 'thérapie' }, { q: 'thérapie', sort: 'name' }] as Record<
    string,
    string
  >[]) {
    it(`walks every page once, in order (${JSON.stringify(query)})`, async () => {
      const all = (await search({ ...query, limit: '100' })).items.map((i) => i.id);
      expect(all.length).toBeGreaterThan(20);
      const walked = await walk(query, 4);
      expect(walked).toEqual(all);
      expect(new Set(walked).size).toBe(walked.length);
    });
  }

  it('refuses a malformed cursor, or one of another order', async () => {
    const first = await search({ limit: '2' });
    expect(first.nextCursor).not.toBeNull();
    for (const query of [
      { cursor: 'not-a-cursor' } as Record<string, string>,
      { cursor: first.nextCursor!, sort: 'name' },
      {
        cursor: Buffer.from(JSON.stringify({ t: '{"s":"rating","k":["x",1,"a","b","c"]}', id: '' })).toString(
          'base64url',
        ),
      },
    ]) {
      const response = await get(`?${new URLSearchParams(query)}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([{ path: 'query.cursor', message: 'invalid' }]);
    }
  });
});

describe('public profile', () => {
  beforeAll(async () => {
    const me = await employeeRow();
    for (const [rating, published] of [
      [5, true],
      [4, true],
      [4, true],
      [1, false],
    ] as const) {
      const consultation = await createConsultation(t.db.ownerDb, {
        employee: me,
        practitionerId: ids.lefevre,
        status: 'COMPLETED',
      });
      await t.db.ownerDb.insert(practitionerReviews).values({
        practitionerId: ids.lefevre!,
        employeeId: me.id,
        consultationId: consultation.id,
        rating,
        isPublished: published,
        moderatedAt: published ? new Date() : null,
      });
    }
  });

  it('shows the public profile with its rating summary', async () => {
    await t.db.owner.query(
      `update practitioners set education = $2, diplomas = $3, certifications = $4, experience = 12,
         video_url = $5, cover_url = $6 where id = $1`,
      [
        ids.lefevre,
        'Master de psychologie clinique, Université Paris Cité',
        ['Master 2 Psychologie clinique'],
        ['Thérapies cognitives et comportementales'],
        'https://video.example/lefevre',
        'https://cdn.example/cover.png',
      ],
    );
    const response = await get(`/${ids.lefevre}`);
    expect(response.statusCode).toBe(200);
    const profile = response.json();
    expect(profile).toMatchObject({
      id: ids.lefevre,
      firstName: 'Élodie',
      bio: 'Psychologue clinicienne, je propose une thérapie brève aux salariés anxieux.',
      experience: 12,
      education: 'Master de psychologie clinique, Université Paris Cité',
      diplomas: ['Master 2 Psychologie clinique'],
      certifications: ['Thérapies cognitives et comportementales'],
      videoUrl: 'https://video.example/lefevre',
      coverUrl: 'https://cdn.example/cover.png',
      sessionDuration: 50,
      formats: { video: true, phone: true, inPerson: true },
      // The counters as stored; the distribution counts published reviews only.
      ratingSummary: { averageRating: 4.5, reviewCount: 10, distribution: { 1: 0, 2: 0, 3: 0, 4: 2, 5: 1 } },
    });
    for (const secret of ['userId', 'professionalId', 'documentUrls', 'validatedBy', 'isValidated']) {
      expect(profile).not.toHaveProperty(secret);
    }
  });

  it('answers 404 for an unvalidated, inactive or unknown practitioner, to employees and admins', async () => {
    for (const id of [ids.unvalidated, ids.inactive, '7d1e1f5e-1c1a-4a55-9d49-8c8a2b1c0f00']) {
      for (const account of [employee, admin]) {
        const response = await get(`/${id}`, account);
        expect(response.statusCode).toBe(404);
        expect(response.json().code).toBe('NOT_FOUND');
      }
    }
    expect((await get('/not-a-uuid')).statusCode).toBe(400);
  });
});

describe('availability', () => {
  const inTenDays = DateTime.now().setZone('Europe/Paris').plus({ days: 10 });
  beforeAll(async () => {
    // Lefèvre: every day 08:00–20:00 (Paris). Dubois: one extra opening ten days from now (an
    // exception's date is midnight UTC of the local calendar date). Martin: nothing.
    await t.db.ownerDb.insert(availabilities).values([
      ...[0, 1, 2, 3, 4, 5, 6].map((dayOfWeek) => ({
        practitionerId: ids.lefevre!,
        type: 'RECURRING' as const,
        dayOfWeek,
        startTime: '08:00',
        endTime: '20:00',
        slotDuration: 50,
      })),
      {
        practitionerId: ids.dubois!,
        type: 'EXCEPTION' as const,
        date: new Date(`${inTenDays.toISODate()}T00:00:00Z`),
        isAvailable: true,
        startTime: '09:00',
        endTime: '12:00',
        slotDuration: 50,
      },
    ]);
  });

  it('keeps only practitioners free within N days', async () => {
    expect(await found({ availableWithinDays: '3' })).toEqual(['lefevre']);
    expect(await found({ availableWithinDays: '14' })).toEqual(['lefevre', 'dubois']);
    expect(await found({ availableWithinDays: '14', q: 'coach' })).toEqual(['dubois']);
  });

  it('sorts by next free slot, practitioners without one last, and shows it on each card', async () => {
    // Only Lefèvre and Dubois have availability (the others, Martin and the pages' practitioners,
    // follow in rating order).
    const page = await search({ sort: 'nextSlot', limit: '100' });
    expect(page.sort).toBe('nextSlot');
    const items = page.items as unknown as { id: string; nextSlot: string | null }[];
    expect(items.slice(0, 2).map((i) => i.id)).toEqual([ids.lefevre, ids.dubois]);
    expect(items.slice(2).every((i) => i.nextSlot === null)).toBe(true);
    expect(items.map((i) => i.id)).toContain(ids.martin);
    const [lefevre, dubois] = items;
    expect(new Date(lefevre!.nextSlot!).getTime()).toBeGreaterThanOrEqual(Date.now() + 2 * 3600_000 - 60_000);
    const duboisSlot = DateTime.fromISO(dubois!.nextSlot!, { zone: 'Europe/Paris' });
    expect(duboisSlot.toISODate()).toBe(inTenDays.toISODate());
    expect(duboisSlot.toFormat('HH:mm')).toBe('09:00');
    // The ordinary orders carry the next slot too.
    const byName = (await search({ sort: 'name', limit: '100' })).items as unknown as typeof items;
    expect(byName.filter((i) => i.nextSlot !== null).map((i) => i.id)).toEqual([ids.dubois, ids.lefevre]);
  });

  it('pages through the computed order with its own cursor', async () => {
    const first = await search({ sort: 'nextSlot', limit: '1' });
    expect(first.items.map((i) => i.id)).toEqual([ids.lefevre]);
    const second = await search({ sort: 'nextSlot', limit: '1', cursor: first.nextCursor! });
    expect(second.items.map((i) => i.id)).toEqual([ids.dubois]);
    // A cursor belongs to its order and filter: reused elsewhere it is refused.
    const filtered = await get(
      `?${new URLSearchParams({ availableWithinDays: '14', limit: '1', cursor: first.nextCursor! })}`,
    );
    expect(filtered.statusCode).toBe(400);
    const wrong = await get(`?${new URLSearchParams({ sort: 'rating', cursor: first.nextCursor! })}`);
    expect(wrong.statusCode).toBe(400);
  });

  it('refuses a number of days outside 1–60, naming the field', async () => {
    const response = await get('?availableWithinDays=61');
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().errors)).toContain('availableWithinDays');
  });

  it('shows the next free slot on the profile', async () => {
    const response = await get(`/${ids.dubois}`);
    expect(response.statusCode).toBe(200);
    expect(DateTime.fromISO(response.json().nextSlot, { zone: 'Europe/Paris' }).toISODate()).toBe(
      inTenDays.toISODate(),
    );
  });
});
