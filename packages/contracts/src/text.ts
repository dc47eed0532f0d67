// Text every request must be able to store. PostgreSQL refuses NUL (U+0000) in text and JSON
// columns, and a lone UTF-16 surrogate (half of a pair, as JSON's "\ud800" can carry) is not
// Unicode: it becomes U+FFFD on the way to the database or fails in jsonb and full-text search.
// The API checks every string of every body, query and path with `unsafeTextIssues` before the
// route's own schema (apps/api/src/platform/validation.ts); `SafeTextSchema` is the same rule for a
// single field of a form.
import { z } from 'zod';

// With the `u` flag a well-formed pair is one code point, so \p{Cs} only matches a lone half.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is precisely what this looks for.
const UNSAFE = /[\u0000\p{Cs}]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above.
const UNSAFE_ALL = /[\u0000\p{Cs}]/gu;

/** `text` with each NUL or lone surrogate written as its `\uXXXX` escape, safe to echo back. */
export function escapeUnsafeText(text: string): string {
  return text.replace(UNSAFE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Why `text` cannot be accepted (a NUL character, a lone surrogate), or null when it can. */
export function textProblem(text: string): string | null {
  if (!UNSAFE.test(text)) return null;
  return text.includes('\u0000')
    ? 'must not contain NUL characters (\\u0000)'
    : 'must not contain lone UTF-16 surrogates (invalid Unicode)';
}

/** One string of a request that cannot be accepted, and where it is. */
export interface TextIssue {
  path: (string | number)[];
  message: string;
}

// Far deeper than any request of ours; a deeper document is refused rather than walked.
const MAX_DEPTH = 64;

/** Every unacceptable string (values and object keys) in a parsed request part, at most `limit`. */
export function unsafeTextIssues(value: unknown, limit = 20): TextIssue[] {
  const issues: TextIssue[] = [];
  const walk = (node: unknown, path: (string | number)[]): void => {
    if (issues.length >= limit) return;
    if (typeof node === 'string') {
      const message = textProblem(node);
      if (message) issues.push({ path, message });
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    if (path.length >= MAX_DEPTH) {
      issues.push({ path, message: `is nested more than ${MAX_DEPTH} levels deep` });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, index) => {
        walk(item, [...path, index]);
      });
      return;
    }
    for (const [key, item] of Object.entries(node)) {
      const keyProblem = textProblem(key);
      if (keyProblem) {
        issues.push({ path: [...path, escapeUnsafeText(key)], message: `name ${keyProblem}` });
        if (issues.length >= limit) return;
        continue;
      }
      walk(item, [...path, key]);
    }
  };
  walk(value, []);
  return issues;
}

/** A string without NUL characters or lone surrogates. */
export const SafeTextSchema = z.string().check((ctx) => {
  const message = textProblem(ctx.value);
  if (message) ctx.issues.push({ code: 'custom', message, input: ctx.value });
});
