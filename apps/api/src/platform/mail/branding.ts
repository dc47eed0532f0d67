// The look of an e-mail: HuntZen's by default, a company's (name, colour, logo) when the e-mail is
// about that company. Each field is checked on its own and a bad one falls back to HuntZen's:
// a malformed colour must not block a verification e-mail, nor reach a style attribute.
import { z } from 'zod';
import { hexColor, httpUrl } from './html';

/** Optional company branding of an e-mail. */
export interface Branding {
  companyName?: string | null;
  /** #rgb or #rrggbb. */
  primaryColor?: string | null;
  /** Absolute http(s) URL of the logo. */
  logoUrl?: string | null;
}

/** The branding the layout uses, every field validated. */
export interface ResolvedBranding {
  companyName: string | undefined;
  primaryColor: string;
  logoUrl: string | undefined;
}

export const HUNTZEN_NAME = 'HuntZen';
export const HUNTZEN_COLOR = '#2f6b5e';

const companyName = z.string().trim().min(1).max(120);

function valid<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

/** `branding` with every invalid or missing field replaced by HuntZen's default. */
export function resolveBranding(branding: Branding | undefined): ResolvedBranding {
  return {
    companyName: valid(companyName, branding?.companyName),
    primaryColor: valid(hexColor, branding?.primaryColor) ?? HUNTZEN_COLOR,
    logoUrl: valid(httpUrl, branding?.logoUrl),
  };
}
