// What a mail template is: a Zod schema for its data, the fields of that data that may be kept in
// `email_queue.template_data`, and its content in each language as plain text. Templates write no
// HTML: the shared layout turns the content into HTML (escaping every value) and into text.
import { dateLocale, FULL_DATE_TIME } from '@huntzen/contracts';
import type { z } from 'zod';

export const MAIL_LANGUAGES = ['fr', 'en'] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];

/** The mail language for a user's `preferredLanguage`: English for `en*`, else French (the default). */
export function mailLanguage(preferred: string | null | undefined): MailLanguage {
  return preferred?.trim().toLowerCase().startsWith('en') ? 'en' : 'fr';
}

/**
 * An instant as e-mails and notifications write it, in the reader's zone: "lundi 2 mars 2026 à 10:00
 * (Europe/Paris)" / "Monday 2 March 2026 at 10:00 (Europe/Paris)". Day before month and a 24-hour
 * clock in English too, as the web app writes dates (British English). One `Intl` format per zone
 * and language, made once (issue #13: luxon's `toFormat` cost about 0.14 ms a booking); a zone the
 * runtime does not know is written in UTC, and says so.
 */
export function mailDateTime(at: Date, zone: string, language: MailLanguage): string {
  const known = dateTimeFormat(zone, language);
  const [format, shown] = known ? [known, zone] : [dateTimeFormat('UTC', language)!, 'UTC'];
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of format.formatToParts(at)) part[type] = value;
  const word = language === 'fr' ? 'à' : 'at';
  return `${part.weekday} ${part.day} ${part.month} ${part.year} ${word} ${part.hour}:${part.minute} (${shown})`;
}

/** Per language and zone, the format of `mailDateTime` (null: a zone the runtime does not know). */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat | null>();

function dateTimeFormat(zone: string, language: MailLanguage): Intl.DateTimeFormat | null {
  const key = `${language} ${zone}`;
  let format = dateTimeFormats.get(key);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat(dateLocale(language), { ...FULL_DATE_TIME, timeZone: zone });
    } catch {
      format = null; // RangeError: not a time zone
    }
    // Bounded: the runtime's zones (a few hundred) in two languages, and at most as many unknown names.
    if (dateTimeFormats.size < 2_000) dateTimeFormats.set(key, format);
  }
  return format;
}

/** The content of one e-mail, as plain text (the layout escapes it). */
export interface MailContent {
  subject: string;
  /** The preview line mail clients show after the subject. */
  preheader: string;
  heading: string;
  /** "Bonjour Marie," */
  greeting: string;
  /** Paragraphs; a single newline inside one is a line break. */
  paragraphs: string[];
  /** The call to action; its URL is also printed for clients that do not show buttons. */
  action?: { label: string; url: string };
  /** Small print after the action: validity of the link, "if it was not you…". */
  notes?: string[];
}

/** What the content functions know besides the data. */
export interface MailContext {
  /** The company of the branding, when there is one. */
  companyName: string | undefined;
}

/** A mail template; build one with `defineMailTemplate`. */
export interface MailTemplate<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly schema: S;
  /**
   * The fields of the data kept in `template_data` (for support and statistics). Never a link,
   * token or anything secret: those live only in the rendered body.
   */
  readonly stored: readonly (keyof z.output<S> & string)[];
  readonly content: Record<MailLanguage, (data: z.output<S>, context: MailContext) => MailContent>;
}

/** Declares a template; the identity function is there to infer the data type from the schema. */
export function defineMailTemplate<S extends z.ZodType>(template: MailTemplate<S>): MailTemplate<S> {
  return Object.freeze(template);
}

/** "Bonjour Marie," / "Hello Marie," — or without a name. */
export function greeting(language: MailLanguage, firstName: string | undefined): string {
  const hello = language === 'fr' ? 'Bonjour' : 'Hello';
  return firstName ? `${hello} ${firstName},` : `${hello},`;
}
