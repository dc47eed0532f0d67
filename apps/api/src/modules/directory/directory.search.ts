// How the directory's search box becomes a PostgreSQL text-search query. The words typed go to
// `websearch_to_tsquery` (quotes, `or`, `-word` as on a search engine); the last word, while it is
// still being typed, also matches as a prefix ("thérap" finds "thérapie"), so the results follow
// the keyboard. Accents and case are the configuration's business (french_unaccent, 0011).

/** The parts of a search: `head` for websearch_to_tsquery, `prefix` (letters and digits only) or null. */
export interface SearchTerms {
  head: string;
  prefix: string | null;
}

// The last run of letters and digits, when the text ends with it.
const LAST_WORD = /[\p{L}\p{N}]+$/u;

/**
 * Splits `q` into its complete part and a last word matched as a prefix. The last word is left
 * in the complete part when it is negated (`-word`) or inside a quoted phrase, where a prefix
 * would change the meaning.
 */
export function searchTerms(q: string): SearchTerms {
  const match = LAST_WORD.exec(q);
  if (!match) return { head: q, prefix: null };
  const head = q.slice(0, match.index);
  const negated = /(^|\s)-$/.test(head);
  const inPhrase = (head.match(/"/g)?.length ?? 0) % 2 === 1;
  if (negated || inPhrase) return { head: q, prefix: null };
  return { head, prefix: match[0] };
}
