// Identifiers of demo rows that must be unique and look real: slugs, e-mail addresses, SIRET
// numbers, professional ids.
import type { Random } from './random';

/** Lowercase ASCII words joined by `separator` ("Société Générale" → "societe-generale"). */
export function slugify(value: string, separator = '-'): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^\\${separator}+|\\${separator}+$`, 'g'), '');
}

/** Returns `base`, or `base-2`, `base-3`… — the first one not in `taken`, which it then joins. */
export function claimUnique(taken: Set<string>, base: string, join = (b: string, n: number) => `${b}-${n}`) {
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = join(base, n);
  taken.add(candidate);
  return candidate;
}

/** A unique address `first.last@domain` (`first.last2@domain` on a clash). */
export function claimEmail(taken: Set<string>, first: string, last: string, domain: string): string {
  const local = `${slugify(first, '')}.${slugify(last, '')}`.replace(/^\.|\.$/g, '') || 'utilisateur';
  const email = claimUnique(taken, `${local}@${domain}`, (base, n) => base.replace('@', `${n}@`));
  return email;
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function withLuhnDigit(prefix: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${prefix}${d}`)) return `${prefix}${d}`;
  throw new Error('unreachable');
}

/** A SIRET (14 digits) whose SIREN and whole number both pass the Luhn check, as real ones do. */
export function randomSiret(random: Random): string {
  let siren = String(random.int(1, 9));
  while (siren.length < 8) siren += random.int(0, 9);
  siren = withLuhnDigit(siren);
  let nic = '';
  while (nic.length < 4) nic += random.int(0, 9);
  return withLuhnDigit(`${siren}${nic}`);
}

/** An RPPS (11 digits) or ADELI (9 digits) number, as the spec's `professionalId`. */
export function randomProfessionalId(random: Random): string {
  const rpps = random.chance(0.7);
  let digits = rpps ? '10' : String(random.int(1, 9));
  while (digits.length < (rpps ? 11 : 9)) digits += random.int(0, 9);
  return rpps ? `RPPS${digits}` : `ADELI${digits}`;
}
