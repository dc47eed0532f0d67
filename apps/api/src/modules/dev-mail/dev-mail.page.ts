// The HTML of the development mail page. Every value is escaped; the e-mail's own HTML is shown in
// a sandboxed iframe (no scripts, no same-origin access) through `srcdoc`.
import { escapeHtml } from '../../platform/mail';
import type { MailDetail, MailSummary } from './dev-mail.service';

const STYLE = `
body{font-family:system-ui,sans-serif;margin:2rem;color:#1f2933}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #e4e7eb;vertical-align:top}
th{background:#f4f6f5}
iframe{width:100%;height:70vh;border:1px solid #e4e7eb}
pre{white-space:pre-wrap;background:#f4f6f5;padding:1rem}
dt{font-weight:600}dd{margin:0 0 .4rem}
`;

function page(title: string, body: string): string {
  return [
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>`,
    `<body>${body}</body></html>`,
  ].join('');
}

const when = (date: Date | undefined) => (date ? date.toISOString().replace('T', ' ').slice(0, 19) : '');

/** The list of e-mails, newest first. */
export function listPage(mails: MailSummary[], directory: string): string {
  const rows = mails.map(
    (m) =>
      `<tr><td>${escapeHtml(when(m.date))}</td><td>${escapeHtml(m.to)}</td>` +
      `<td><a href="/dev/mail/${encodeURIComponent(m.file)}">${escapeHtml(m.subject || '(no subject)')}</a></td></tr>`,
  );
  return page(
    'Development mail',
    `<h1>Development mail</h1><p>E-mails written to <code>${escapeHtml(directory)}</code> ` +
      '(no SMTP_URL configured), newest first.</p>' +
      (rows.length === 0
        ? '<p>No e-mail yet.</p>'
        : `<table><thead><tr><th>Date (UTC)</th><th>To</th><th>Subject</th></tr></thead>` +
          `<tbody>${rows.join('')}</tbody></table>`),
  );
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/**
 * The http(s) links of an HTML part, de-duplicated: the sandboxed frame cannot follow them, and a
 * developer wants to click the verification link.
 */
export function linksOf(html: string): string[] {
  const links = [...html.matchAll(/href="([^"]*)"/g)].map((m) =>
    (m[1] ?? '').replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e),
  );
  return [...new Set(links.filter((link) => /^https?:\/\//i.test(link)))];
}

function linkList(links: string[]): string {
  if (links.length === 0) return '';
  const items = links.map(
    (link) =>
      `<li><a href="${escapeHtml(link)}" target="_blank" rel="noopener noreferrer">${escapeHtml(link)}</a></li>`,
  );
  return `<h2>Links</h2><ul>${items.join('')}</ul>`;
}

/** One e-mail: headers, its HTML part rendered, and its text part. */
export function detailPage(mail: MailDetail): string {
  const header = (name: string, value: string) =>
    value ? `<dt>${name}</dt><dd>${escapeHtml(value)}</dd>` : '';
  return page(
    mail.subject || 'E-mail',
    '<p><a href="/dev/mail">← All e-mails</a></p>' +
      `<h1>${escapeHtml(mail.subject || '(no subject)')}</h1><dl>` +
      header('Date (UTC)', when(mail.date)) +
      header('From', mail.from) +
      header('To', mail.to) +
      header('Cc', mail.cc) +
      header('Bcc', mail.bcc) +
      '</dl>' +
      (mail.html
        ? `<h2>HTML</h2><iframe sandbox title="HTML part" srcdoc="${escapeHtml(mail.html)}"></iframe>` +
          linkList(linksOf(mail.html))
        : '') +
      (mail.text ? `<h2>Text</h2><pre>${escapeHtml(mail.text)}</pre>` : ''),
  );
}
