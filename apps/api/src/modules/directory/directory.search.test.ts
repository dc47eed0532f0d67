// The search box's text split into websearch words and a last word matched as a prefix.
import { describe, expect, it } from 'vitest';
import { searchTerms } from './directory.search';

describe('searchTerms', () => {
  it('matches the last word being typed as a prefix', () => {
    expect(searchTerms('thérap')).toEqual({ head: '', prefix: 'thérap' });
    expect(searchTerms('psychologue clinic')).toEqual({ head: 'psychologue ', prefix: 'clinic' });
    expect(searchTerms("l'anxi")).toEqual({ head: "l'", prefix: 'anxi' });
  });

  it('keeps only letters and digits in the prefix, whatever the script', () => {
    expect(searchTerms('Ελένη')).toEqual({ head: '', prefix: 'Ελένη' });
    expect(searchTerms('covid19')).toEqual({ head: '', prefix: 'covid19' });
    expect(searchTerms('a:*|b')).toEqual({ head: 'a:*|', prefix: 'b' });
  });

  it('has no prefix when the text ends with something else than a word', () => {
    expect(searchTerms('thérapie ')).toEqual({ head: 'thérapie ', prefix: null });
    expect(searchTerms('"thérapie familiale"')).toEqual({ head: '"thérapie familiale"', prefix: null });
    expect(searchTerms('')).toEqual({ head: '', prefix: null });
  });

  it('leaves a negated word or a word inside an open phrase to websearch', () => {
    expect(searchTerms('thérapie -famil')).toEqual({ head: 'thérapie -famil', prefix: null });
    expect(searchTerms('-famil')).toEqual({ head: '-famil', prefix: null });
    expect(searchTerms('"thérapie famil')).toEqual({ head: '"thérapie famil', prefix: null });
    // A hyphen inside a word is not a negation.
    expect(searchTerms('burn-ou')).toEqual({ head: 'burn-', prefix: 'ou' });
  });
});
