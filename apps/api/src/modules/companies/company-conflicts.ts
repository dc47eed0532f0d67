// The database's own answers to a duplicate company, turned into problem answers. The checks made
// before writing give the friendly message in the common case; these cover the race where two
// requests pass the checks at once and the database refuses the second (migration 0008 for the
// domains, the unique indexes of 0000 for the SIRET and slug).
import { AppError } from '../../platform/errors';

interface PgError {
  code: string;
  constraint?: string;
  detail?: string;
}

/** The PostgreSQL error behind `error` (drivers and Drizzle wrap it in `cause`), if any. */
export function pgErrorOf(error: unknown): PgError | null {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const candidate = e as Partial<PgError> & { cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return candidate as PgError;
    }
    e = candidate.cause;
  }
  return null;
}

/** DOMAIN_TAKEN on the domains field (`path`), listing the domains another company holds. */
export function domainTaken(domains: string[], path: string): AppError {
  return new AppError('DOMAIN_TAKEN', 'An email domain already belongs to another company.', {
    errors: [{ path, message: `already registered: ${domains.join(', ')}` }],
  });
}

/**
 * The AppError for a unique violation on a company (domain, SIRET, slug), or null for any other
 * error. `paths` names the request fields to blame.
 */
export function companyConflict(error: unknown, paths: { domains: string; siret?: string }): AppError | null {
  const pg = pgErrorOf(error);
  if (pg?.code !== '23505') return null;
  switch (pg.constraint) {
    case 'company_email_domains_pkey':
      // The trigger lists the domains held elsewhere in DETAIL.
      return domainTaken(pg.detail?.split(',').filter(Boolean) ?? [], paths.domains);
    case 'companies_siret_unique':
      return new AppError('CONFLICT', 'This SIRET is already registered.', {
        errors: [{ path: paths.siret ?? 'body.siret', message: 'already registered' }],
      });
    case 'companies_slug_unique':
      return new AppError(
        'CONFLICT',
        'A company with the same name registered at the same moment: send the form again.',
      );
    default:
      return null;
  }
}
