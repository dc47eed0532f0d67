// Company sign-up meets the same uniqueness rules as HR's settings: a domain, a SIRET or a slug
// already used answers a clear 409 with the field, also when two sign-ups race (never a 500).
import { companies } from '@huntzen/db';
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { clientIp, createCompany } from '../../../test/identity';
import { AppError } from '../../platform/errors';
import { companyConflict } from './company-conflicts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

const STRONG = 'Gentle-Tide-Compass-88';
let n = 0;
function signup(
  company: { name: string; emailDomains: string[]; siret?: string },
  language: 'fr' | 'en' = 'fr',
) {
  n += 1;
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/signup/company',
    payload: {
      company,
      admin: { email: `rh${n}@hr-${n}.test`, password: STRONG, preferredLanguage: language },
    },
    remoteAddress: clientIp(),
  });
}

describe('company sign-up uniqueness', () => {
  it('answers DOMAIN_TAKEN for a domain of another company, whatever its case', async () => {
    await createCompany(t.db, { emailDomains: ['@claimed.test'] });
    const response = await signup({ name: 'Late Corp', emailDomains: ['Claimed.TEST'] });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      code: 'DOMAIN_TAKEN',
      errors: [{ path: 'body.company.emailDomains', message: 'already registered: @claimed.test' }],
    });
  });

  it('refuses a public webmail or disposable domain on its field, and creates no company', async () => {
    for (const [domain, kind] of [
      ['gmail.com', 'public webmail'],
      ['@YOPmail.com', 'disposable'],
    ] as const) {
      const response = await signup({
        name: `Webmail Corp ${domain}`,
        emailDomains: ['webmail-own.test', domain],
      });
      expect(response.statusCode, domain).toBe(400);
      expect(response.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [{ path: 'body.company.emailDomains.1', message: expect.stringContaining(kind) }],
      });
    }
    const created = await t.db.ownerDb.select().from(companies).where(like(companies.name, 'Webmail Corp%'));
    expect(created).toEqual([]);
  });

  it('answers 409 on the SIRET field for a SIRET already registered', async () => {
    await createCompany(t.db, { siret: '40404040404040' });
    const response = await signup({
      name: 'Copy Corp',
      emailDomains: ['copy.test'],
      siret: '40404040404040',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      code: 'CONFLICT',
      errors: [{ path: 'body.company.siret', message: 'already registered' }],
    });
  });

  it('gives a second company of the same name its own slug, and keeps the form language', async () => {
    expect((await signup({ name: 'Même Nom', emailDomains: ['meme-1.test'] }, 'en')).statusCode).toBe(201);
    expect((await signup({ name: 'Même Nom', emailDomains: ['meme-2.test'] })).statusCode).toBe(201);
    const rows = await t.db.ownerDb
      .select({ slug: companies.slug, language: companies.preferredLanguage })
      .from(companies)
      .where(like(companies.slug, 'meme-nom%'))
      .orderBy(companies.createdAt);
    expect(rows).toEqual([
      { slug: 'meme-nom', language: 'en' },
      { slug: 'meme-nom-2', language: 'fr' },
    ]);
  });

  it('registers a domain once when two sign-ups claim it at the same moment', async () => {
    const answers = await Promise.all([
      signup({ name: 'Twin One', emailDomains: ['twin.test'] }),
      signup({ name: 'Twin Two', emailDomains: ['twin.test'] }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.statusCode === 409)!.json()).toMatchObject({
      code: 'DOMAIN_TAKEN',
      errors: [{ path: 'body.company.emailDomains' }],
    });
    const holders = await t.db.owner.query(
      `select count(*)::int as n from companies where '@twin.test' = any(email_domains)`,
    );
    expect(holders.rows[0].n).toBe(1);
  });

  it('never fails with a 500 when two sign-ups race on the same SIRET or the same name', async () => {
    const siret = await Promise.all([
      signup({ name: 'Siret A', emailDomains: ['siret-a.test'], siret: '71717171717171' }),
      signup({ name: 'Siret B', emailDomains: ['siret-b.test'], siret: '71717171717171' }),
    ]);
    expect(siret.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    expect(siret.find((a) => a.statusCode === 409)!.json().errors).toEqual([
      { path: 'body.company.siret', message: 'already registered' },
    ]);

    const names = await Promise.all(
      ['one', 'two', 'three'].map((d) => signup({ name: 'Course Folle', emailDomains: [`folle-${d}.test`] })),
    );
    for (const answer of names) expect([201, 409], answer.body).toContain(answer.statusCode);
    const created = names.filter((a) => a.statusCode === 201).length;
    expect(created).toBeGreaterThan(0);
    const rows = await t.db.ownerDb
      .select({ slug: companies.slug })
      .from(companies)
      .where(like(companies.slug, 'course-folle%'));
    expect(rows).toHaveLength(created);
    expect(new Set(rows.map((r) => r.slug)).size).toBe(created);
  });

  it("maps the database's own refusals (the race a check cannot see) to 409 answers", async () => {
    const existing = await createCompany(t.db, {
      siret: '63636363636363',
      emailDomains: ['@race-a.test', '@race-b.test'],
    });
    const refusal = (values: Partial<typeof companies.$inferInsert>) =>
      createCompany(t.db, values).then(
        () => null,
        (e: unknown) =>
          companyConflict(e, { domains: 'body.company.emailDomains', siret: 'body.company.siret' }),
      );
    const domain = await refusal({ emailDomains: ['@race-b.test', '@race-a.test'] });
    expect(domain).toBeInstanceOf(AppError);
    expect(domain).toMatchObject({
      code: 'DOMAIN_TAKEN',
      errors: [
        { path: 'body.company.emailDomains', message: 'already registered: @race-b.test, @race-a.test' },
      ],
    });
    expect(await refusal({ siret: '63636363636363' })).toMatchObject({
      code: 'CONFLICT',
      errors: [{ path: 'body.company.siret', message: 'already registered' }],
    });
    expect(await refusal({ slug: existing.slug })).toMatchObject({ code: 'CONFLICT', status: 409 });
    // Anything else is not a company conflict.
    expect(companyConflict(new Error('boom'), { domains: 'x' })).toBeNull();
  });

  it('stores the domains canonically', async () => {
    expect(
      (await signup({ name: 'Canon', emailDomains: ['Canon.TEST', '@canon.test', 'canon.fr.test'] }))
        .statusCode,
    ).toBe(201);
    const [row] = await t.db.ownerDb.select().from(companies).where(eq(companies.name, 'Canon'));
    expect(row!.emailDomains).toEqual(['@canon.test', '@canon.fr.test']);
  });
});
