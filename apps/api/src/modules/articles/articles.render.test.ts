// The renderer never lets content run code: XSS payloads placed in every Markdown construct
// (fast-check), the output parsed as a browser would (htmlparser2) and checked for scripts, event
// attributes, dangerous URLs and styles. Then the whole public page: its only script is the JSON-LD.
import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { articlePage, jsonLd } from './articles.html';
import { plainText, renderMarkdown } from './articles.render';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  '&#106;avascript:alert(1)',
  '&#x6A;avascript&colon;alert(1)',
  'vbscript:msgbox(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'data:image/svg+xml,<svg onload=alert(1)>',
  '" onmouseover="alert(1)',
  "' onfocus='alert(1)' autofocus='",
  '<iframe src="https://evil.test"></iframe>',
  '<style>body{background:url(javascript:alert(1))}</style>',
  '<object data="x.swf"></object>',
  '<form action="https://evil.test"><button>go</button></form>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '</script><script>alert(1)</script>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<a href="&#0000106avascript:alert(1)">x</a>',
  '<base href="javascript:alert(1)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '`<script>`',
  '[x](javascript:alert(1) "t")',
];

const payload = fc.oneof(fc.constantFrom(...PAYLOADS), fc.string({ maxLength: 30 }));
const url = fc.oneof(fc.constantFrom(...PAYLOADS), fc.webUrl(), fc.constant('/articles/x'));

/** Every Markdown construct, each carrying a payload where a writer could put one. */
const construct = fc.oneof(
  payload.map((p) => p),
  payload.map((p) => `# ${p}`),
  payload.map((p) => `### ${p} ###`),
  fc.tuple(payload, payload).map(([a, b]) => `${a}\n${'='.repeat(3)}\n\n${b}\n---`),
  payload.map((p) => `*${p}* **${p}** ~~${p}~~ _${p}_`),
  payload.map((p) => `\`${p}\``),
  payload.map((p) => `\`\`\`${p}\n${p}\n\`\`\``),
  payload.map((p) => `    ${p}`),
  payload.map((p) => `> ${p}\n> > ${p}`),
  payload.map((p) => `- ${p}\n- [ ] ${p}\n1. ${p}`),
  fc.tuple(payload, url).map(([text, href]) => `[${text}](${href})`),
  fc.tuple(payload, url).map(([text, href]) => `[${text}](${href} "${text}")`),
  fc.tuple(payload, url).map(([alt, src]) => `![${alt}](${src})`),
  fc.tuple(payload, url).map(([text, href]) => `[${text}][ref]\n\n[ref]: ${href} "${text}"`),
  url.map((href) => `<${href}>`),
  url.map((href) => `${href}`),
  fc.tuple(payload, payload).map(([a, b]) => `| ${a} | b |\n|:--|--:|\n| ${b} | ${a} |`),
  payload.map((p) => `<details open ontoggle=alert(1)>${p}</details>`),
  payload.map((p) => `${p}\\\n${p}  \n${p}`),
  payload.map((p) => `&lt;${p}&gt; &#60;script&#62; ${p}`),
);
const document = fc.array(construct, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('\n\n'));

const ALLOWED_TAGS = new Set([
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
]);

/** Every problem a browser would execute or load, found by parsing `html` as a browser does. */
function dangers(html: string): string[] {
  const found: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (!ALLOWED_TAGS.has(name)) found.push(`tag <${name}>`);
        for (const [attribute, value] of Object.entries(attributes)) {
          if (/^on/i.test(attribute)) found.push(`event attribute ${attribute}`);
          if (attribute === 'style' && !/^text-align:(left|right|center);?$/.test(value.replace(/\s/g, ''))) {
            found.push(`style ${value}`);
          }
          if (attribute === 'href' || attribute === 'src') {
            // What the browser resolves: entities decoded by the parser, controls and spaces ignored.
            const scheme = [...value]
              .filter((c) => c.charCodeAt(0) > 0x20)
              .join('')
              .toLowerCase();
            // A URL's scheme (RFC 3986): letters, digits, "+", "-", "." before the first ":"; none is relative.
            const name = /^([a-z][a-z0-9+.-]*):/.exec(scheme)?.[1];
            if (name !== undefined && !['http', 'https', 'mailto'].includes(name)) {
              found.push(`${attribute} scheme ${value}`);
            }
            if (scheme.startsWith('//')) found.push(`${attribute} protocol-relative ${value}`);
          }
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return found;
}

describe('renderMarkdown', () => {
  it('renders the usual constructs', () => {
    const html = renderMarkdown(
      '# Titre\n\nDu **gras**, de l’*italique*, un [lien](https://example.org) et `code`.\n\n| a | b |\n|:-:|--|\n| 1 | 2 |',
    );
    expect(html).toContain('<h2>Titre</h2>');
    expect(html).toContain('<a href="https://example.org" rel="nofollow noopener noreferrer">lien</a>');
    expect(html).toContain('<th style="text-align:center">a</th>');
    expect(html).toContain('<code>code</code>');
  });

  it('shows written HTML as text and drops dangerous links', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\n[x](javascript:alert(1)) ![y](data:image/png;base64,AAAA)',
    );
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('href="javascript');
    expect(html).not.toContain('src="data');
  });

  it('never outputs anything executable, whatever the payload and the construct (property)', () => {
    fc.assert(
      fc.property(document, (source) => {
        const html = renderMarkdown(source);
        expect(dangers(html), `${source}\n→\n${html}`).toEqual([]);
      }),
      { numRuns: 600 },
    );
  });

  it('gives plain text for snippets and descriptions', () => {
    expect(plainText('# Titre\n\nDu **gras** & <b>du</b> [lien](https://x.test).')).toBe(
      'Titre Du gras & <b>du</b> lien.',
    );
  });
});

describe('the public page', () => {
  it('holds no executable script from content: only the JSON-LD, which no payload can close', () => {
    fc.assert(
      fc.property(document, payload, payload, (source, title, excerpt) => {
        const html = articlePage(
          {
            id: '00000000-0000-4000-8000-000000000001',
            title,
            slug: 'x',
            excerpt,
            coverUrl: null,
            category: 'ANXIETY',
            tags: [title],
            status: 'PUBLISHED',
            publishedAt: '2026-01-01T00:00:00.000Z',
            scheduledFor: null,
            authorName: excerpt,
            readingMinutes: 1,
            viewCount: 0,
            shareCount: 0,
            updatedAt: '2026-01-01T00:00:00.000Z',
            url: 'https://huntzen.test/articles/x',
            content: source,
            contentHtml: renderMarkdown(source),
            metaTitle: null,
            metaDescription: null,
            keywords: [title],
            authorRole: 'ADMIN_HUNTZEN',
            seo: { title, description: excerpt, canonicalUrl: 'https://huntzen.test/articles/x' },
            createdAt: '2026-01-01T00:00:00.000Z',
          },
          [],
          { lang: 'fr', publicUrl: 'https://huntzen.test', path: '/articles/x' },
        );
        const scripts: { type: string | undefined; text: string }[] = [];
        const events: string[] = [];
        let current: { type: string | undefined; text: string } | null = null;
        const parser = new Parser({
          onopentag(name, attributes) {
            if (name === 'script') {
              current = { type: attributes.type, text: '' };
              scripts.push(current);
            }
            for (const attribute of Object.keys(attributes))
              if (/^on/i.test(attribute)) events.push(attribute);
          },
          ontext(text) {
            if (current) current.text += text;
          },
          onclosetag(name) {
            if (name === 'script') current = null;
          },
        });
        parser.write(html);
        parser.end();
        expect(events).toEqual([]);
        expect(scripts).toHaveLength(1);
        expect(scripts[0]!.type).toBe('application/ld+json');
        expect(JSON.parse(scripts[0]!.text)).toMatchObject({
          '@type': 'Article',
          headline: title.slice(0, 110),
        });
      }),
      { numRuns: 200 },
    );
  });

  it('serialises JSON-LD without anything that ends a script element', () => {
    expect(jsonLd({ a: '</script><script>alert(1)</script>\u2028&' })).toBe(
      '{"a":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\\u2028\\u0026"}',
    );
  });
});
