// A template, its data and a language → subject, HTML and text, plus the non-secret part of the
// data kept in `email_queue.template_data`.
import { z } from 'zod';
import { type Branding, resolveBranding } from './branding';
import { renderLayout } from './layout';
import type { MailContent, MailLanguage, MailTemplate } from './template';
import { MAIL_TEMPLATES, type MailTemplateData, type MailTemplateName } from './templates';

/** A rendered e-mail. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /** What may be stored: the language, the template's `stored` fields and the company name. */
  templateData: Record<string, unknown>;
}

/** Thrown for data a template's schema rejects (a programming error of the caller). */
export class InvalidMailDataError extends Error {
  constructor(template: string, error: z.ZodError) {
    super(`Invalid data for mail template "${template}": ${z.prettifyError(error)}`);
    this.name = 'InvalidMailDataError';
  }
}

/** A subject is a header: one line, bounded. */
function oneLine(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Renders `template` in `language` with `data`, branded for a company when `branding` says so. */
export function renderEmail<N extends MailTemplateName>(
  name: N,
  language: MailLanguage,
  data: MailTemplateData<N>,
  branding?: Branding,
): RenderedEmail {
  const template: MailTemplate = MAIL_TEMPLATES[name];
  const parsed = template.schema.safeParse(data);
  if (!parsed.success) throw new InvalidMailDataError(name, parsed.error);
  const values = parsed.data as Record<string, unknown>;
  const resolved = resolveBranding(branding);
  const raw: MailContent = template.content[language](values, { companyName: resolved.companyName });
  const content = { ...raw, subject: oneLine(raw.subject) };
  const stored: Record<string, unknown> = { language };
  for (const key of template.stored) {
    if (values[key] !== undefined) stored[key] = values[key];
  }
  if (resolved.companyName && stored.companyName === undefined) stored.companyName = resolved.companyName;
  return { subject: content.subject, ...renderLayout(content, language, resolved), templateData: stored };
}
