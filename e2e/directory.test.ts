// The practitioner directory and reviews in Chromium on the real platform: Marc (employee) searches
// the directory without accents, filters, opens a profile with published reviews signed by
// initials, and reviews his completed consultation; the HuntZen admin (2FA) publishes it; the
// practitioner's rating then shows it. Screens in French and in English, checked with axe-core.
import { type Employee, employees, practitionerReviews, practitioners, users } from '@huntzen/db';
import { createConsultation, createEmployee, createPractitioner } from '@huntzen/db/testing/factories';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  enableTwoFactor,
  MARC,
  newPage,
  type Platform,
  MARTIN as SOPHIE,
  screenshot,
  seriousViolations,
  signIn,
  startPlatform,
} from './harness';

const DAY = 86_400_000;

let platform: Platform;
const secrets: Record<string, string> = {};
let elodieId: string;

/** 2FA on, as enrolment would leave it; its secret kept for the sign-in code. */
async function enableTwoFactorOf(email: string) {
  secrets[email] = await enableTwoFactor(platform, email);
}

/** A published review of `practitionerId` by `author` (a completed consultation first). */
async function publishedReview(
  author: Employee,
  practitionerId: string,
  rating: number,
  comment: string,
  daysAgo: number,
) {
  const scheduledAt = new Date(Date.now() - daysAgo * DAY);
  const consultation = await createConsultation(platform.db.ownerDb, {
    employee: author,
    practitionerId,
    status: 'COMPLETED',
    scheduledAt,
    endedAt: new Date(scheduledAt.getTime() + 50 * 60_000),
  });
  await platform.db.ownerDb.insert(practitionerReviews).values({
    practitionerId,
    employeeId: author.id,
    consultationId: consultation.id,
    rating,
    comment,
    isPublished: true,
    moderatedAt: new Date(),
  });
}

beforeAll(async () => {
  platform = await startPlatform();
  const db = platform.db.ownerDb;
  const elodie = await createPractitioner(db, {
    firstName: 'Élodie',
    lastName: 'Lefèvre',
    title: 'Mme.',
    specialty: 'PSYCHOLOGUE_CLINICIEN',
    subSpecialties: ['TCC', 'Gestion du stress', 'Thérapie brève'],
    languages: ['fr', 'en'],
    bio:
      'Psychologue clinicienne depuis douze ans, je propose une thérapie brève et concrète aux salariés ' +
      'confrontés au stress, à l’anxiété ou à l’épuisement.',
    education: 'Master de psychologie clinique, Université Paris Cité',
    diplomas: ['Master 2 Psychologie clinique et psychopathologie'],
    certifications: ['Thérapies cognitives et comportementales (AFTCC)'],
    experience: 12,
    offersInPerson: true,
    inPersonAddress: '12 rue de la Paix, 75002 Paris',
  });
  elodieId = elodie.practitioner.id;
  await createPractitioner(db, {
    firstName: 'Hélène',
    lastName: 'Mercier',
    title: 'Dr.',
    specialty: 'PSYCHIATRE',
    subSpecialties: ['Troubles du sommeil', 'Dépression'],
    languages: ['fr'],
    bio: 'Psychiatre, j’accompagne les troubles anxieux et du sommeil ; thérapie et suivi médicamenteux.',
    offersPhone: false,
    isAcceptingNewClients: false,
  });
  await createPractitioner(db, {
    firstName: 'Benoît',
    lastName: 'Roussel',
    title: 'M.',
    specialty: 'COACH_MENTAL',
    subSpecialties: ['Burn-out', 'Reconversion professionnelle'],
    languages: ['fr', 'es'],
    bio: 'Coach, j’aide à préparer le retour au travail après un épuisement professionnel.',
  });
  // Never listed: awaiting validation.
  await createPractitioner(db, {
    firstName: 'Zoé',
    lastName: 'Cachée',
    specialty: 'PSYCHOTHERAPEUTE',
    bio: 'Thérapie familiale, psychologue clinicienne.',
    isValidated: false,
    validatedAt: null,
  });

  // Julie, a colleague of Marc's, has reviewed Élodie and Dr Martin already.
  const [marcUser] = await db.select().from(users).where(eq(users.email, MARC.email));
  const { employee: julie } = await createEmployee(db, { companyId: marcUser!.companyId! });
  await db
    .update(employees)
    .set({ firstName: 'Julie', lastName: 'Bernard' })
    .where(eq(employees.id, julie.id));
  await publishedReview(
    julie,
    elodieId,
    5,
    'Une écoute attentive et des outils concrets contre le stress.',
    20,
  );
  await db
    .update(practitioners)
    .set({ averageRating: 5, reviewCount: 1 })
    .where(eq(practitioners.id, elodieId));
  const [sophie] = await db
    .select({ id: practitioners.id })
    .from(practitioners)
    .innerJoin(users, eq(users.id, practitioners.userId))
    .where(eq(users.email, SOPHIE.email));
  await publishedReview(julie, sophie!.id, 4, 'Très professionnelle, je me suis sentie comprise.', 25);
  await db
    .update(practitioners)
    .set({ averageRating: 4, reviewCount: 1 })
    .where(eq(practitioners.id, sophie!.id));

  // Marc saw Élodie two days ago: he may review it.
  const [marc] = await db.select().from(employees).where(eq(employees.userId, marcUser!.id));
  const scheduledAt = new Date(Date.now() - 2 * DAY);
  await createConsultation(db, {
    employee: marc!,
    practitionerId: elodieId,
    status: 'COMPLETED',
    scheduledAt,
    startedAt: scheduledAt,
    endedAt: new Date(scheduledAt.getTime() + 50 * 60_000),
  });

  await enableTwoFactorOf(ADMIN.email);
  await enableTwoFactorOf(SOPHIE.email);
});
afterAll(async () => {
  await platform?.close();
});

// Searches are debounced, then answered by a busy machine: polls wait as long as locators do.
const WAIT = { timeout: 15_000 };

// Each TOTP code is accepted once per account: a second sign-in within the same 30-second step
// uses the next step's code (still inside the accepted window).
const lastStep: Record<string, number> = {};
function codeTime(email: string): number {
  const now = Date.now();
  const step = Math.max(Math.floor(now / 30_000), (lastStep[email] ?? -1) + 1);
  lastStep[email] = step;
  return Math.max(now, step * 30_000);
}

/** `account` with its TOTP secret (2FA on) for the harness's signIn. */
const withSecret = (account: { email: string; password: string }) => ({
  ...account,
  totpSecret: secrets[account.email],
});

/** The names of the result cards, in order. */
async function resultNames(page: Page) {
  return page
    .getByRole('region', { name: /Résultats|Search results/ })
    .getByRole('heading', { level: 2 })
    .allInnerTexts();
}

describe('directory and reviews', () => {
  it('Marc searches without accents, filters, opens a profile and leaves a review (fr)', async () => {
    const page = await newPage(platform, 'fr');
    await signIn(page, platform, MARC);
    await page.goto(`${platform.url}/app/practitioners`);
    await page.getByRole('heading', { name: 'Trouver un praticien', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Mme. Élodie Lefèvre' }).waitFor();
    expect(await resultNames(page)).not.toContain('Zoé Cachée');

    // "therapie", typed without its accent, finds "thérapie" in bios and areas of practice.
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill('therapie');
    await expect.poll(() => page.url(), WAIT).toContain('q=therapie');
    await expect.poll(() => resultNames(page), WAIT).toEqual(['Mme. Élodie Lefèvre', 'Dr. Hélène Mercier']);
    // The beginning of a name is enough.
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill('lefev');
    await expect.poll(() => resultNames(page), WAIT).toEqual(['Mme. Élodie Lefèvre']);
    await page.getByRole('button', { name: 'Effacer la recherche' }).click();
    await expect.poll(() => resultNames(page), WAIT).toContain('M. Benoît Roussel');

    // Filters: specialty, then new clients only.
    await page.getByRole('combobox', { name: 'Spécialité' }).click();
    await page.getByRole('option', { name: /^Psychiatre/ }).click();
    await expect.poll(() => resultNames(page), WAIT).toEqual(['Dr. Hélène Mercier']);
    // Clicked (not `check()`): the switch follows the page URL, which changes a moment later.
    await page.getByRole('switch', { name: 'Accepte de nouveaux patients' }).click();
    await page.getByText('Aucun praticien ne correspond à votre recherche.').waitFor();
    await page.getByRole('button', { name: 'Réinitialiser les filtres' }).first().click();
    await page.getByRole('combobox', { name: 'Format' }).click();
    await page.getByRole('option', { name: 'En cabinet' }).click();
    await expect.poll(() => resultNames(page), WAIT).toEqual(['Mme. Élodie Lefèvre']);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'directory-search-fr');

    // The profile: background, practice, and a published review signed "J. B." only.
    await page.getByRole('link', { name: 'Mme. Élodie Lefèvre' }).click();
    await page.waitForURL(new RegExp(`/app/practitioners/${elodieId}$`));
    await page.getByRole('heading', { name: 'Mme. Élodie Lefèvre', level: 1 }).waitFor();
    const reviews = page.getByRole('region', { name: 'Avis des patients' });
    await reviews.getByText('Une écoute attentive et des outils concrets contre le stress.').waitFor();
    await reviews.getByText('J. B.', { exact: true }).waitFor();
    expect(await page.content()).not.toMatch(/Julie|Bernard/);
    await page
      .getByRole('region', { name: 'Consultations', exact: true })
      .getByText('12 rue de la Paix, 75002 Paris')
      .waitFor();

    // Marc's consultation of two days ago can be reviewed.
    const card = page.getByRole('region', { name: 'Votre avis sur Mme. Élodie Lefèvre' });
    await card.getByRole('button', { name: /^Laisser un avis sur la consultation du/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Donner mon avis' });
    await dialog.getByRole('button', { name: 'Envoyer mon avis' }).click();
    await dialog.getByText('Choisissez une note de 1 à 5 étoiles.').waitFor();
    // The error text reads at AA (issue 17: 4.42:1 before).
    expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
    await dialog.getByRole('radio', { name: '4 étoiles sur 5' }).focus();
    await page.keyboard.press('Space');
    await dialog
      .getByLabel('Votre commentaire (facultatif)')
      .fill('Des séances claires, une vraie écoute. Je recommande.');
    // The page behind the modal is dimmed on purpose: the dialog is what must be readable.
    expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
    await screenshot(page, 'directory-review-dialog-fr');
    await dialog.getByRole('button', { name: 'Envoyer mon avis' }).click();
    await page.getByText('Merci ! Votre avis sera publié après modération.').waitFor();
    await dialog.waitFor({ state: 'detached' });
    const mine = page.getByRole('region', { name: 'Vos avis' });
    await mine.getByText('En attente de modération').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'directory-profile-fr');
  });

  it('the HuntZen admin publishes it, and the rating follows (fr)', async () => {
    const admin = await newPage(platform, 'fr');
    await signIn(admin, platform, withSecret(ADMIN), { at: codeTime(ADMIN.email) });
    await admin.goto(`${platform.url}/app/reviews`);
    await admin.getByRole('heading', { name: 'Modération des avis', level: 1 }).waitFor();
    const review = admin.getByRole('listitem', { name: 'Avis sur Mme. Élodie Lefèvre' });
    await review.getByText('Des séances claires, une vraie écoute. Je recommande.').waitFor();
    await review.getByText(/Par M\. D\./).waitFor();
    expect(await admin.content()).not.toMatch(/Marc|Dupont/);
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, 'reviews-moderation-fr');
    await review.getByRole('button', { name: "Publier l'avis de M. D. sur Mme. Élodie Lefèvre" }).click();
    await admin.getByText('Avis publié. Note de Mme. Élodie Lefèvre : 4,5 (2 avis).').waitFor();
    await admin.getByText('Aucun avis en attente. Tout est à jour.').waitFor();
    await admin.getByRole('tab', { name: 'Publiés' }).click();
    await admin.getByRole('listitem', { name: 'Avis sur Mme. Élodie Lefèvre' }).first().waitFor();

    // Marc sees his review published, by his initials, and the new rating.
    const page = await newPage(platform, 'fr');
    await signIn(page, platform, MARC);
    await page.goto(`${platform.url}/app/practitioners/${elodieId}`);
    const header = page.getByRole('main');
    await header.getByText('Note de 4,5 sur 5, 2 avis').first().waitFor({ state: 'attached' });
    const reviews = page.getByRole('region', { name: 'Avis des patients' });
    await reviews.getByText('Des séances claires, une vraie écoute. Je recommande.').waitFor();
    await reviews.getByText('M. D.', { exact: true }).waitFor();
    await page.getByRole('region', { name: 'Vos avis' }).getByText('Publié', { exact: true }).waitFor();
    await page.getByRole('progressbar', { name: '4 étoiles : 1 avis' }).waitFor();
    await screenshot(page, 'directory-profile-rated-fr');

    // …and so does the directory.
    await page.goto(`${platform.url}/app/practitioners?sort=rating`);
    const card = page.getByRole('article', { name: 'Mme. Élodie Lefèvre' });
    await card.getByText('Note de 4,5 sur 5, 2 avis').waitFor({ state: 'attached' });
  });

  it('shows the directory, a profile and the moderation queue in English', async () => {
    const page = await newPage(platform, 'en');
    await signIn(page, platform, MARC);
    await page.goto(`${platform.url}/app/practitioners`);
    await page.getByRole('heading', { name: 'Find a practitioner', level: 1 }).waitFor();
    await page.getByRole('searchbox', { name: 'Search' }).fill('THÉRAPIE');
    await expect.poll(() => resultNames(page), WAIT).toEqual(['Mme. Élodie Lefèvre', 'Dr. Hélène Mercier']);
    await page
      .getByRole('article', { name: 'Dr. Hélène Mercier' })
      .getByText('Not taking new clients')
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'directory-search-en');

    await page.getByRole('link', { name: 'Mme. Élodie Lefèvre' }).click();
    await page.getByRole('heading', { name: 'Client reviews' }).waitFor();
    await page.getByText('Rated 4.5 out of 5, 2 reviews').first().waitFor({ state: 'attached' });
    await page
      .getByRole('region', { name: 'Your reviews' })
      .getByText('Published', { exact: true })
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'directory-profile-en');

    const admin = await newPage(platform, 'en');
    await signIn(admin, platform, withSecret(ADMIN), { at: codeTime(ADMIN.email) });
    await admin.goto(`${platform.url}/app/reviews?status=published`);
    await admin.getByRole('heading', { name: 'Review moderation', level: 1 }).waitFor();
    await admin.getByRole('listitem', { name: 'Review of Mme. Élodie Lefèvre' }).first().waitFor();
    await admin
      .getByRole('button', { name: 'Withdraw the published review by J. B. of Mme. Élodie Lefèvre' })
      .waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, 'reviews-moderation-en');
  });

  it('shows the practitioner their published reviews (fr, mobile)', async () => {
    const page = await newPage(platform, 'fr', { width: 390, height: 844 });
    await signIn(page, platform, withSecret(SOPHIE), { at: codeTime(SOPHIE.email) });
    await page.goto(`${platform.url}/app/my-reviews`);
    await page.getByRole('heading', { name: 'Mes avis', level: 1 }).waitFor();
    await page.getByText('Très professionnelle, je me suis sentie comprise.').waitFor();
    await page.getByText('J. B.', { exact: true }).waitFor();
    await page.getByText('Note de 4 sur 5, 1 avis').first().waitFor({ state: 'attached' });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'my-reviews-practitioner-fr');
  });
});
