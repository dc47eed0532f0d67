// The user's file name is kept for one purpose only: the name a download is saved under. It never
// reaches the filesystem (stored objects have random names); here it is made harmless to show.

/** Longest original name kept, in characters (most filesystems stop at 255 bytes). */
export const MAX_NAME_LENGTH = 200;

// C0/C1 controls (NUL, newlines that would split a header), bidi overrides that disguise an
// extension ("invoice‮fdp.exe"), zero-width characters and the BOM.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * A display-safe version of a client's file name: the last path segment only, no control or bidi
 * characters, no leading dots, at most MAX_NAME_LENGTH characters (the extension kept), or
 * `fallback` when nothing usable is left.
 */
export function safeOriginalName(name: string | undefined, fallback: string): string {
  const base = (name ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = base.replace(UNSAFE, '').replace(/\s+/g, ' ').trim().replace(/^\.+/, '').trim();
  if (!cleaned) return fallback;
  const chars = [...cleaned]; // by code point: never cut a surrogate pair in half
  if (chars.length <= MAX_NAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? [...cleaned.slice(dot)] : [];
  if (extension.length > 0 && extension.length <= 16) {
    return chars.slice(0, MAX_NAME_LENGTH - extension.length).join('') + extension.join('');
  }
  return chars.slice(0, MAX_NAME_LENGTH).join('');
}

// RFC 5987 attr-char: everything else is percent-encoded in `filename*`.
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * A Content-Disposition header (RFC 6266): `inline` or `attachment`, an ASCII `filename` for old
 * clients and the exact UTF-8 name in `filename*`.
 */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const safe = safeOriginalName(name, 'file');
  // Quoted-string fallback: printable ASCII without quote or backslash ("é" becomes "e").
  const ascii = safe
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(safe)}`;
}
