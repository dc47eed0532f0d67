import { describe, expect, it } from 'vitest';
import { contentDisposition, MAX_NAME_LENGTH, safeOriginalName } from './names';

describe('safeOriginalName', () => {
  it('keeps only the last path segment, whatever the separator', () => {
    expect(safeOriginalName('../../etc/passwd', 'x')).toBe('passwd');
    expect(safeOriginalName('C:\\Users\\léa\\CV.pdf', 'x')).toBe('CV.pdf');
    expect(safeOriginalName('/', 'fallback.png')).toBe('fallback.png');
  });

  it('removes control and bidi characters and leading dots', () => {
    expect(safeOriginalName('a\u0000.png', 'x')).toBe('a.png');
    expect(safeOriginalName('bad\r\nname.png', 'x')).toBe('badname.png');
    expect(safeOriginalName('invoice\u202efdp.exe', 'x')).toBe('invoicefdp.exe');
    expect(safeOriginalName('..', 'fallback')).toBe('fallback');
    expect(safeOriginalName('.htaccess', 'x')).toBe('htaccess');
    expect(safeOriginalName(undefined, 'fallback')).toBe('fallback');
  });

  it('shortens very long names and keeps their extension and whole characters', () => {
    const long = `${'é'.repeat(500)}.pdf`;
    const safe = safeOriginalName(long, 'x');
    expect([...safe]).toHaveLength(MAX_NAME_LENGTH);
    expect(safe.endsWith('.pdf')).toBe(true);
    const emoji = safeOriginalName('😀'.repeat(300), 'x');
    expect([...emoji]).toHaveLength(MAX_NAME_LENGTH);
    expect(emoji).not.toMatch(/[\ud800-\udbff]$/); // no half surrogate pair at the end
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name (RFC 6266)', () => {
    expect(contentDisposition('attachment', 'Relevé "mars" 100%.pdf')).toBe(
      `attachment; filename="Releve _mars_ 100_.pdf"; filename*=UTF-8''Relev%C3%A9%20%22mars%22%20100%25.pdf`,
    );
    expect(contentDisposition('inline', 'photo.png')).toBe(
      `inline; filename="photo.png"; filename*=UTF-8''photo.png`,
    );
  });

  it('cannot be broken out of by a name with quotes, newlines or separators', () => {
    const header = contentDisposition('attachment', 'x.pdf"; filename="evil.html\r\nSet-Cookie: a=b');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.match(/filename="/g)).toHaveLength(1);
    expect(header).toContain("filename*=UTF-8''x.pdf%22%3B%20filename%3D%22evil.htmlSet-Cookie%3A%20a%3Db");
  });
});
