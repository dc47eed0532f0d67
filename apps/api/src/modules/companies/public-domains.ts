// A company's email domain admits whoever holds an address there, so a domain anyone can get an
// address at (public webmail, disposable inboxes) would open the company to anyone. The lists come
// from maintained packages: email-providers (webmail, ~8,800) and disposable-email-domains
// (~120,000). Not free-email-domains: its install script downloads its list at install time,
// which fails offline and escapes the lockfile's integrity check.
import { createRequire } from 'node:module';
import { AppError } from '../../platform/errors';

const require = createRequire(import.meta.url);
const WEBMAIL = new Set<string>(require('email-providers/all.json') as string[]);
const DISPOSABLE = new Set<string>(require('disposable-email-domains') as string[]);

export type PublicDomainKind = 'WEBMAIL' | 'DISPOSABLE';

/** Whether `domain` (with or without its leading "@") is a public webmail or disposable domain. */
export function publicDomainKind(domain: string): PublicDomainKind | null {
  const bare = domain.trim().toLowerCase().replace(/^@/, '').replace(/\.$/, '');
  if (DISPOSABLE.has(bare)) return 'DISPOSABLE';
  if (WEBMAIL.has(bare)) return 'WEBMAIL';
  return null;
}

/**
 * Refuses public webmail and disposable domains with 400 VALIDATION_FAILED, one error per domain
 * at `${path}.${index}` (e.g. body.emailDomains.0).
 */
export function assertCompanyDomains(domains: readonly string[], path: string): void {
  const errors = domains.flatMap((domain, index) => {
    const kind = publicDomainKind(domain);
    if (!kind) return [];
    const what = kind === 'WEBMAIL' ? 'a public webmail domain' : 'a disposable email domain';
    return [
      {
        path: `${path}.${index}`,
        message: `${domain} is ${what}: anyone can get an address there. Use a domain your company owns.`,
      },
    ];
  });
  if (errors.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      'A company email domain must belong to the company, not to a public mail service.',
      { errors },
    );
  }
}
