// The one layout of every e-mail: table-based HTML with inline CSS (what mail clients render
// reliably) and its plain-text twin, both built from the same content. Every value is escaped here,
// so a template cannot forget to.
import { HUNTZEN_NAME, type ResolvedBranding } from './branding';
import { escapeHtml, readableTextOn } from './html';
import type { MailContent, MailLanguage } from './template';

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const INK = '#1f2933';
const MUTED = '#52606d';
const PAGE = '#f4f6f5';

const STRINGS = {
  fr: {
    fallback: 'Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur :',
    sentBy: (company: string | undefined) =>
      `Cet e-mail vous a été envoyé automatiquement par ${HUNTZEN_NAME}${company ? ` pour ${company}` : ''}. ` +
      'Merci de ne pas y répondre.',
    tagline: `${HUNTZEN_NAME} — la santé mentale au travail, en toute confidentialité.`,
  },
  en: {
    fallback: 'If the button does not work, copy this link into your browser:',
    sentBy: (company: string | undefined) =>
      `This email was sent automatically by ${HUNTZEN_NAME}${company ? ` on behalf of ${company}` : ''}. ` +
      'Please do not reply to it.',
    tagline: `${HUNTZEN_NAME} — mental health at work, in confidence.`,
  },
} satisfies Record<MailLanguage, unknown>;

/** An e-mail's two bodies. */
export interface RenderedBodies {
  html: string;
  text: string;
}

/** `color` as text on white when it is dark enough to read, else ink (a company's colour may be light). */
function onWhite(color: string): string {
  return readableTextOn(color) === '#ffffff' ? color : INK;
}

/** Plain text as HTML: escaped, single newlines as line breaks. */
function paragraphHtml(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}

function headerHtml(branding: ResolvedBranding): string {
  const name = escapeHtml(branding.companyName ?? HUNTZEN_NAME);
  if (branding.logoUrl) {
    return (
      `<img src="${escapeHtml(branding.logoUrl)}" alt="${name}" height="40" ` +
      'style="display:block;height:40px;max-width:200px;border:0;">'
    );
  }
  return `<span style="font-size:20px;font-weight:700;color:${onWhite(branding.primaryColor)};">${name}</span>`;
}

function actionHtml(
  action: NonNullable<MailContent['action']>,
  branding: ResolvedBranding,
  fallback: string,
) {
  const color = branding.primaryColor;
  const url = escapeHtml(action.url);
  return (
    '<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:24px 0;">' +
    `<tr><td style="border-radius:6px;background-color:${color};">` +
    `<a href="${url}" style="display:inline-block;padding:12px 24px;font-weight:600;` +
    `color:${readableTextOn(color)};text-decoration:none;border-radius:6px;">${escapeHtml(action.label)}</a>` +
    '</td></tr></table>' +
    `<p style="margin:0 0 16px;font-size:13px;color:${MUTED};">${escapeHtml(fallback)}<br>` +
    `<a href="${url}" style="color:${onWhite(color)};word-break:break-all;">${url}</a></p>`
  );
}

/** The HTML document of an e-mail. */
export function renderHtml(content: MailContent, language: MailLanguage, branding: ResolvedBranding): string {
  const s = STRINGS[language];
  const p = (text: string, style = '') => `<p style="margin:0 0 16px;${style}">${paragraphHtml(text)}</p>`;
  const small = `font-size:13px;color:${MUTED};`;
  return [
    '<!DOCTYPE html>',
    `<html lang="${language}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="color-scheme" content="light"><title>${escapeHtml(content.subject)}</title></head>`,
    `<body style="margin:0;padding:0;background-color:${PAGE};">`,
    // The preview text of mail clients, hidden in the message itself.
    '<div style="display:none;max-height:0;overflow:hidden;opacity:0;">',
    `${escapeHtml(content.preheader)}</div>`,
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" ',
    `style="background-color:${PAGE};"><tr><td align="center" style="padding:24px 12px;">`,
    '<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" ',
    'style="width:100%;max-width:600px;background-color:#ffffff;border-radius:8px;',
    `border-top:4px solid ${branding.primaryColor};">`,
    `<tr><td style="padding:24px 32px 8px;font-family:${FONT};">${headerHtml(branding)}</td></tr>`,
    `<tr><td style="padding:8px 32px 24px;font-family:${FONT};color:${INK};font-size:16px;line-height:1.5;">`,
    `<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:${INK};">`,
    `${escapeHtml(content.heading)}</h1>`,
    p(content.greeting),
    ...content.paragraphs.map((text) => p(text)),
    content.action ? actionHtml(content.action, branding, s.fallback) : '',
    ...(content.notes ?? []).map((note) => p(note, small)),
    '</td></tr>',
    `<tr><td style="padding:16px 32px 24px;border-top:1px solid #e4e7eb;font-family:${FONT};`,
    `font-size:12px;line-height:1.5;color:${MUTED};">`,
    `${escapeHtml(s.sentBy(branding.companyName))}<br>${escapeHtml(s.tagline)}</td></tr>`,
    '</table></td></tr></table>',
    '</body></html>',
  ].join('\n');
}

/** The plain-text body of an e-mail. */
export function renderText(content: MailContent, language: MailLanguage, branding: ResolvedBranding): string {
  const s = STRINGS[language];
  const brand = branding.companyName ?? HUNTZEN_NAME;
  const blocks = [
    `${brand}\n${'='.repeat(Math.min(brand.length, 60))}`,
    content.heading,
    content.greeting,
    ...content.paragraphs,
    // French typography puts a space before the colon.
    ...(content.action
      ? [`${content.action.label}${language === 'fr' ? ' :' : ':'}\n${content.action.url}`]
      : []),
    ...(content.notes ?? []),
    `-- \n${s.sentBy(branding.companyName)}\n${s.tagline}`,
  ];
  return `${blocks.join('\n\n')}\n`;
}

/** Both bodies of an e-mail. */
export function renderLayout(
  content: MailContent,
  language: MailLanguage,
  branding: ResolvedBranding,
): RenderedBodies {
  return { html: renderHtml(content, language, branding), text: renderText(content, language, branding) };
}
