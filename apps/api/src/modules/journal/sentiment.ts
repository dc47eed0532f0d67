// Sentiment of a journal entry, computed in this process with @nlpjs's word lists: the text never
// leaves the server. Only for employees who opted in (see journal.service). French and English
// have lexicons (@nlpjs/lang-fr, @nlpjs/lang-en); another language has no score (null) rather
// than a meaningless 0.
import { containerBootstrap, type NlpContainer } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en';
import { LangFr } from '@nlpjs/lang-fr';
import { SentimentAnalyzer } from '@nlpjs/sentiment';

export interface JournalSentiment {
  /** True when a lexicon exists for `language` (e.g. 'fr'). */
  supports(language: string): boolean;
  /** A score in -1 … 1 (2 decimals), or null when the language has no lexicon. */
  score(text: string, language: string): Promise<number | null>;
}

/** Maps @nlpjs's sum over matched words (each word -1 … 1) to -1 … 1: the mean of the matched words. */
export function toUnitScore(sum: number, hits: number): number {
  if (hits <= 0 || !Number.isFinite(sum)) return 0;
  const mean = Math.max(-1, Math.min(1, sum / hits));
  return Math.round(mean * 100) / 100;
}

/** The analyzer, built once (its word lists load on first use). */
export function createJournalSentiment(): JournalSentiment {
  let built: { container: NlpContainer; analyzer: SentimentAnalyzer } | undefined;
  const get = () => {
    if (!built) {
      const container = containerBootstrap();
      container.use(LangFr);
      container.use(LangEn);
      built = { container, analyzer: new SentimentAnalyzer({ container }) };
    }
    return built;
  };
  const supports = (language: string) => {
    const lexicon = get().container.get(`sentiment-${language}`) as
      | { senticon?: unknown; pattern?: unknown; afinn?: unknown }
      | undefined;
    return Boolean(lexicon && (lexicon.senticon || lexicon.pattern || lexicon.afinn));
  };
  return {
    supports,
    async score(text, language) {
      if (!supports(language)) return null;
      const { sentiment } = await get().analyzer.process({ locale: language, text });
      return toUnitScore(sentiment.score, sentiment.numHits);
    },
  };
}
