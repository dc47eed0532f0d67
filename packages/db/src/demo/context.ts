// State shared by the demo generators of one run.
import type { Faker } from '@faker-js/faker';
import type { FieldCipher } from '@huntzen/crypto';
import type { Random } from './random';

export interface DemoContext {
  random: Random;
  /** French faker, seeded like `random`. */
  faker: Faker;
  /** "Now" of the run (epoch ms): consultations before it are past, after it future. */
  now: number;
  /** Consultations are spread over [windowStart, windowEnd): the last 12 months and the next one. */
  windowStart: number;
  windowEnd: number;
  /** One bcrypt hash of the demo password, shared by every demo account. */
  passwordHash: string;
  /** A platform admin user id for validatedBy / moderatedBy, when the seed has created one. */
  adminId: string | null;
  cipher: FieldCipher;
}

/** Values already in the database that new demo rows must not reuse. */
export interface TakenValues {
  slugs: Set<string>;
  sirets: Set<string>;
  domains: Set<string>;
  emails: Set<string>;
  professionalIds: Set<string>;
}

/** A random instant in [from, to). */
export function between(ctx: DemoContext, from: number, to: number): number {
  return Math.floor(from + ctx.random.next() * Math.max(0, to - from));
}
