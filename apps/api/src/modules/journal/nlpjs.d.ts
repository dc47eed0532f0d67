// The few parts of @nlpjs (plain JavaScript, no types of its own) that sentiment.ts uses.
declare module '@nlpjs/core' {
  export interface NlpContainer {
    use(plugin: unknown): void;
    get(name: string): unknown;
  }
  export function containerBootstrap(): NlpContainer;
}
declare module '@nlpjs/sentiment' {
  import type { NlpContainer } from '@nlpjs/core';
  export interface SentimentResult {
    sentiment: { score: number; numWords: number; numHits: number; average: number | null };
  }
  export class SentimentAnalyzer {
    constructor(settings: { container: NlpContainer });
    process(input: { locale: string; text: string }): Promise<SentimentResult>;
  }
}
declare module '@nlpjs/lang-fr' {
  export const LangFr: unknown;
}
declare module '@nlpjs/lang-en' {
  export const LangEn: unknown;
}
