// The one Markdown renderer of articles: markdown-it (raw HTML off: written HTML shows as text, and
// its link validation refuses javascript:, vbscript:, file: and data: URLs), then sanitize-html with
// an allow-list, whatever markdown-it let through. The public pages, the API's `contentHtml` and
// the editor's preview all come from here, so what an admin previews is what a reader gets.
import { READING_WORDS_PER_MINUTE, readingMinutes } from '@huntzen/contracts';
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/** Bump when the output changes: it is part of the pages' ETag. */
export const RENDERER_VERSION = 1;

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'hr',
    'blockquote',
    'ul',
    'ol',
    'li',
    'strong',
    'em',
    's',
    'del',
    'code',
    'pre',
    'a',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title'],
    ol: ['start'],
    th: ['style'],
    td: ['style'],
    code: ['class'],
  },
  // Table alignment (markdown-it writes style="text-align:…"), nothing else.
  allowedStyles: { '*': { 'text-align': [/^(left|right|center)$/] } },
  allowedClasses: { code: [/^language-[\w-]+$/] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    // The page's title is its only h1: the article's own headings start at h2.
    h1: 'h2',
    // Readers leave for another site without handing it this page or a ranking signal.
    a: (tagName, attribs) => {
      const external = /^(https?:)?\/\//i.test(attribs.href ?? '');
      return {
        tagName,
        attribs: external ? { ...attribs, rel: 'nofollow noopener noreferrer' } : attribs,
      };
    },
  },
};

/** Markdown → sanitized HTML. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source), SANITIZE);
}

/** The text of some Markdown, without markup (snippets, meta descriptions, feeds). */
export function plainText(source: string): string {
  return sanitizeHtml(markdown.render(source), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** HTML-escapes text for an element's content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export { READING_WORDS_PER_MINUTE, readingMinutes };

/** A small cache of rendered articles, keyed by id and last change: each version renders once. */
export function createRenderCache(max = 500) {
  const cache = new Map<string, string>();
  return (id: string, updatedAt: Date, source: string): string => {
    const key = `${id}:${updatedAt.getTime()}`;
    const hit = cache.get(key);
    if (hit !== undefined) {
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const html = renderMarkdown(source);
    cache.set(key, html);
    if (cache.size > max) cache.delete(cache.keys().next().value as string);
    return html;
  };
}
