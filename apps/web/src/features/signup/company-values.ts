// The company sign-up form's values and their request body.
import { currentLanguage } from '../../i18n';
import { optional } from '../../lib/form';

export interface CompanyValues {
  company: {
    name: string;
    legalName: string;
    siret: string;
    emailDomains: string[];
    sector: string;
    size: string | null;
    city: string;
    contactPhone: string;
  };
  /** `displayName`: how HuntZen greets the HR admin (optional). */
  admin: { email: string; password: string; displayName: string };
}

export const EMPTY_COMPANY: CompanyValues = {
  company: {
    name: '',
    legalName: '',
    siret: '',
    emailDomains: [''],
    sector: '',
    size: null,
    city: '',
    contactPhone: '',
  },
  admin: { email: '', password: '', displayName: '' },
};

/** The POST /signup/company body (blank optional fields left out, SIRET without spaces). */
export function companyRequest({ company, admin }: CompanyValues) {
  return {
    company: {
      name: company.name.trim(),
      legalName: optional(company.legalName),
      siret: optional(company.siret.replace(/\s+/g, '')),
      emailDomains: company.emailDomains.map((d) => d.trim()),
      sector: optional(company.sector),
      size: company.size ?? undefined,
      city: optional(company.city),
      contactPhone: optional(company.contactPhone),
    },
    admin: {
      email: admin.email,
      password: admin.password,
      displayName: optional(admin.displayName),
      preferredLanguage: currentLanguage(),
    },
  };
}
