// The published scoring rules of PHQ-9, GAD-7 and WHO-5, band boundary by band boundary.
import { describe, expect, it } from 'vitest';
import {
  answerProblems,
  CreateAssessmentSchema,
  INSTRUMENT_RULES,
  type Instrument,
  type Severity,
  scoreAssessment,
} from './assessments';

/** Answers of `instrument` summing to `total`, filled from the first item (item 9 of PHQ-9 last). */
function answersFor(instrument: Instrument, total: number): number[] {
  const { items, max } = INSTRUMENT_RULES[instrument];
  const answers = Array<number>(items).fill(0);
  let left = total;
  for (let i = 0; i < items && left > 0; i++) {
    answers[i] = Math.min(max, left);
    left -= answers[i]!;
  }
  if (left > 0) throw new Error(`no ${instrument} answers sum to ${total}`);
  return answers;
}

// Every boundary: the first and last total of each band.
const BANDS: [Instrument, number, Severity][] = [
  ['PHQ9', 0, 'MINIMAL'],
  ['PHQ9', 4, 'MINIMAL'],
  ['PHQ9', 5, 'MILD'],
  ['PHQ9', 9, 'MILD'],
  ['PHQ9', 10, 'MODERATE'],
  ['PHQ9', 14, 'MODERATE'],
  ['PHQ9', 15, 'MODERATELY_SEVERE'],
  ['PHQ9', 19, 'MODERATELY_SEVERE'],
  ['PHQ9', 20, 'SEVERE'],
  ['PHQ9', 24, 'SEVERE'],
  ['GAD7', 0, 'MINIMAL'],
  ['GAD7', 4, 'MINIMAL'],
  ['GAD7', 5, 'MILD'],
  ['GAD7', 9, 'MILD'],
  ['GAD7', 10, 'MODERATE'],
  ['GAD7', 14, 'MODERATE'],
  ['GAD7', 15, 'SEVERE'],
  ['GAD7', 21, 'SEVERE'],
];

describe('PHQ-9 and GAD-7 severity bands', () => {
  it.each(BANDS)('%s total %i is %s', (instrument, total, severity) => {
    const answers = answersFor(instrument, total);
    // PHQ-9 totals up to 24 leave item 9 at 0 when filled from the first item.
    const result = scoreAssessment(instrument, answers);
    expect(result).toMatchObject({ score: total, severity, lowWellbeing: null });
  });

  it('scores PHQ-9 27 (every item 3) as SEVERE, with the crisis flag', () => {
    expect(scoreAssessment('PHQ9', Array(9).fill(3))).toEqual({
      score: 27,
      severity: 'SEVERE',
      crisis: true,
      lowWellbeing: null,
    });
  });
});

describe('PHQ-9 item 9', () => {
  it.each([1, 2, 3])('raises the crisis flag at %i whatever the total', (value) => {
    const answers = [0, 0, 0, 0, 0, 0, 0, 0, value];
    expect(scoreAssessment('PHQ9', answers)).toMatchObject({
      crisis: true,
      severity: 'MINIMAL',
      score: value,
    });
  });

  it('stays calm at 0, even with a severe total', () => {
    expect(scoreAssessment('PHQ9', [3, 3, 3, 3, 3, 3, 3, 3, 0])).toMatchObject({
      crisis: false,
      severity: 'SEVERE',
      score: 24,
    });
  });

  it('never raises the crisis flag for GAD-7 or WHO-5', () => {
    expect(scoreAssessment('GAD7', Array(7).fill(3)).crisis).toBe(false);
    expect(scoreAssessment('WHO5', Array(5).fill(0)).crisis).toBe(false);
  });
});

describe('WHO-5', () => {
  // [answers, score (raw × 4), lowWellbeing]
  const CASES: [number[], number, boolean][] = [
    [[0, 0, 0, 0, 0], 0, true],
    [[5, 5, 5, 5, 5], 100, false],
    // raw 12 (< 13) with every item ≥ 2: low.
    [[3, 3, 2, 2, 2], 48, true],
    // raw 13 with every item ≥ 2: not low.
    [[3, 3, 3, 2, 2], 52, false],
    // raw 21 but one item at 1: low.
    [[5, 5, 5, 5, 1], 84, true],
    // raw 20 but one item at 0: low.
    [[5, 5, 5, 5, 0], 80, true],
    // every item at 2 or more, raw 14: not low.
    [[2, 3, 3, 3, 3], 56, false],
  ];
  it.each(CASES)('%j scores %i, low wellbeing %s', (answers, score, low) => {
    expect(scoreAssessment('WHO5', answers)).toEqual({
      score,
      severity: null,
      crisis: false,
      lowWellbeing: low,
    });
  });
});

describe('validation', () => {
  it('names the item at fault and the wrong length', () => {
    expect(answerProblems('PHQ9', [0, 0, 0, 0, 0, 0, 0, 0, 4])).toEqual([
      { item: 8, message: 'must be an integer from 0 to 3' },
    ]);
    expect(answerProblems('GAD7', [0, 0, 0])).toEqual([
      { item: null, message: 'GAD7 has exactly 7 answers' },
    ]);
    expect(answerProblems('WHO5', [0, 1.5, -1, 6, 5])).toEqual([
      { item: 1, message: 'must be an integer from 0 to 5' },
      { item: 2, message: 'must be an integer from 0 to 5' },
      { item: 3, message: 'must be an integer from 0 to 5' },
    ]);
    expect(() => scoreAssessment('PHQ9', [1, 2])).toThrow(RangeError);
  });

  it('reports the paths of the request schema', () => {
    const parsed = CreateAssessmentSchema.safeParse({
      instrument: 'PHQ9',
      answers: [0, 0, 0, 0, 0, 0, 0, 0, 7],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path)).toEqual([['answers', 8]]);
  });
});
