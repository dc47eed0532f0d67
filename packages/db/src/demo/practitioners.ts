// Demo practitioners (with their user accounts) and their weekly RECURRING availabilities.
import { randomUUID } from 'node:crypto';
import type { Specialty } from '../schema/enums';
import { between, type DemoContext, type TakenValues } from './context';
import { copyRow, ts } from './copy';
import { claimEmail, randomProfessionalId } from './identity';
import type { BookablePractitioner } from './schedule';
import { DAY } from './schedule';
import {
  CERTIFICATIONS,
  DIPLOMAS,
  EXTRA_LANGUAGES,
  PRACTITIONER_TIMEZONES,
  SPECIALTY_LABELS,
  SPECIALTY_WEIGHTS,
  SUB_SPECIALTIES,
  UNIVERSITIES,
} from './vocabulary';

/** Demo practitioners' e-mail domain (reserved `.example` TLD: nothing is ever delivered). */
export const PRACTITIONER_DOMAIN = 'praticiens.huntzen.example';

export const PRACTITIONER_COLUMNS = [
  'id',
  'user_id',
  'first_name',
  'last_name',
  'title',
  'professional_id',
  'specialty',
  'sub_specialties',
  'languages',
  'bio',
  'experience',
  'education',
  'diplomas',
  'certifications',
  'offers_video',
  'offers_phone',
  'offers_in_person',
  'in_person_address',
  'is_validated',
  'validated_at',
  'validated_by',
  'documents_verified',
  'default_duration',
  'buffer_time',
  'timezone',
  'is_active',
  'is_accepting_new_clients',
  'created_at',
  'updated_at',
] as const;

export const AVAILABILITY_COLUMNS = [
  'practitioner_id',
  'type',
  'day_of_week',
  'start_time',
  'end_time',
  'slot_duration',
  'is_active',
  'created_at',
  'updated_at',
] as const;

export interface DemoPractitioner extends BookablePractitioner {
  id: string;
  userId: string;
  specialty: Specialty;
  duration: number;
  offersVideo: boolean;
  offersPhone: boolean;
  offersInPerson: boolean;
  /** Validated and active: appears in the directory and receives consultations. */
  bookable: boolean;
}

type Window = readonly [start: number, end: number];

/** Weekly opening hours, per weekday (1 = Monday), as [start, end) hour windows. Full-time mostly. */
function weeklyWindows(ctx: DemoContext): Window[][] {
  const { random } = ctx;
  const week: Window[][] = Array.from({ length: 7 }, () => []);
  const template = random.weighted([
    ['8-18', 3],
    ['9-19', 3],
    ['split', 3],
    ['long-short', 1],
  ] as const);
  for (let day = 1; day <= 5; day++) {
    if (template === '8-18') week[day]!.push([8, 18]);
    else if (template === '9-19') week[day]!.push([9, 19]);
    else if (template === 'split') week[day]!.push([8, 12], [13, 19]);
    else week[day]!.push(day === 5 ? [8, 13] : [8, 19]);
  }
  if (random.chance(0.3)) week[3] = [[8, 13]]; // Wednesday afternoon off
  if (random.chance(0.25)) week[6]!.push([9, 13]); // Saturday morning
  return week;
}

const hh = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

function bio(ctx: DemoContext, p: { title: string; last: string; specialty: Specialty; years: number }) {
  const subs = ctx.random.sample(SUB_SPECIALTIES[p.specialty], 2).join(' et ').toLowerCase();
  const intro = ctx.random.pick([
    `${p.title} ${p.last}, ${SPECIALTY_LABELS[p.specialty]} depuis ${p.years} ans.`,
    `${SPECIALTY_LABELS[p.specialty][0]!.toUpperCase()}${SPECIALTY_LABELS[p.specialty].slice(1)}, ` +
      `j'exerce depuis ${p.years} ans.`,
  ]);
  const middle = ctx.random.pick([
    "J'accompagne les salariés confrontés au stress, à l'anxiété ou à l'épuisement, " +
      `avec une attention particulière pour ${subs}.`,
    `Mon approche est bienveillante et concrète : nous travaillons ensemble sur ${subs}.`,
    `Je reçois adultes et jeunes actifs, en séance individuelle, autour de ${subs}.`,
  ]);
  const end = ctx.random.pick([
    'Premier échange sans jugement, à votre rythme.',
    'Séances en visio, par téléphone ou au cabinet selon vos besoins.',
    'Je travaille en lien avec les médecins traitants lorsque cela est utile.',
  ]);
  return `${intro} ${middle} ${end}`;
}

/** `count` practitioners of every specialty, ~8% awaiting validation, with their availabilities. */
export function buildPractitioners(ctx: DemoContext, count: number, taken: TakenValues) {
  const { random, faker } = ctx;
  const unvalidated = Math.floor(count * 0.08);
  const inactive = Math.floor(count * 0.03);
  const practitioners: DemoPractitioner[] = [];
  const userLines: string[] = [];
  const practitionerLines: string[] = [];
  const availabilityLines: string[] = [];
  const specialties = SPECIALTY_WEIGHTS.map(([s]) => s);
  for (let i = 0; i < count; i++) {
    // The first eight cover every specialty; the rest follow the weights.
    const specialty = i < specialties.length ? specialties[i]! : random.weighted(SPECIALTY_WEIGHTS);
    const validated = i >= unvalidated;
    const active = !(validated && i < unvalidated + inactive);
    const female = random.chance(0.7);
    const first = faker.person.firstName(female ? 'female' : 'male');
    const last = faker.person.lastName();
    const title = specialty === 'PSYCHIATRE' || random.chance(0.25) ? 'Dr.' : female ? 'Mme.' : 'M.';
    const zone = random.weighted(PRACTITIONER_TIMEZONES);
    const english = zone === 'Europe/London' || zone === 'America/Toronto' || random.chance(0.6);
    const languages = ['fr', ...(english ? ['en'] : [])];
    if (random.chance(0.25)) {
      const extra = random.weighted(EXTRA_LANGUAGES);
      if (!languages.includes(extra)) languages.push(extra);
    }
    const years = random.int(2, 32);
    const offersInPerson = random.chance(0.35);
    const offersVideo = random.chance(0.95) || !offersInPerson;
    const offersPhone = random.chance(0.8);
    // Duration + buffer = 60 minutes: the slots of every practitioner start on the hour.
    const [duration, buffer] = random.weighted([
      [[50, 10], 8],
      [[45, 15], 2],
    ] as const);
    const createdAt = validated
      ? ctx.now - random.int(430, 1100) * DAY - random.int(0, 86_399) * 1000
      : ctx.now - random.int(1, 60) * DAY - random.int(0, 86_399) * 1000;
    const validatedAt = validated ? createdAt + random.int(2, 15) * DAY : null;
    let professionalId = randomProfessionalId(random);
    while (taken.professionalIds.has(professionalId)) professionalId = randomProfessionalId(random);
    taken.professionalIds.add(professionalId);
    const id = randomUUID();
    const userId = randomUUID();
    const email = claimEmail(taken.emails, first, last, PRACTITIONER_DOMAIN);
    const lastLogin = validated ? between(ctx, ctx.now - 7 * DAY, ctx.now) : null;
    userLines.push(
      copyRow([
        userId,
        email,
        ctx.passwordHash,
        'PRACTITIONER',
        active,
        true,
        ts(createdAt + 3_600_000),
        null,
        ts(createdAt),
        ts(lastLogin ?? createdAt),
        ts(lastLogin),
      ]),
    );
    practitionerLines.push(
      copyRow([
        id,
        userId,
        first,
        last,
        title,
        professionalId,
        specialty,
        random.sample(SUB_SPECIALTIES[specialty], random.int(1, 3)),
        languages,
        bio(ctx, { title, last, specialty, years }),
        years,
        `${random.pick(DIPLOMAS[specialty])}, ${random.pick(UNIVERSITIES)}`,
        random.sample(DIPLOMAS[specialty], random.int(1, 2)),
        random.sample(CERTIFICATIONS, random.int(0, 2)),
        offersVideo,
        offersPhone,
        offersInPerson,
        offersInPerson
          ? `${faker.location.streetAddress()}, ${faker.location.zipCode()} ${faker.location.city()}`
          : null,
        validated,
        ts(validatedAt),
        validated ? ctx.adminId : null,
        validated || random.chance(0.5),
        duration,
        buffer,
        zone,
        active,
        random.chance(0.9),
        ts(createdAt),
        ts(validatedAt ?? createdAt),
      ]),
    );
    const windows = weeklyWindows(ctx);
    const hoursByWeekday = windows.map((list) => list.flatMap(([s, e]) => range(s, e)));
    windows.forEach((list, weekday) => {
      for (const [start, end] of list) {
        availabilityLines.push(
          copyRow([
            id,
            'RECURRING',
            weekday,
            hh(start),
            hh(end),
            duration,
            true,
            ts(validatedAt ?? createdAt),
            ts(validatedAt ?? createdAt),
          ]),
        );
      }
    });
    practitioners.push({
      id,
      userId,
      specialty,
      duration,
      offersVideo,
      offersPhone,
      offersInPerson,
      bookable: validated && active,
      zone,
      hoursByWeekday,
    });
  }
  return { practitioners, userLines, practitionerLines, availabilityLines };
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, i) => start + i);
}
