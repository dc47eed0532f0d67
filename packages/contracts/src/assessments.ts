// Validated questionnaires (/api/v1/assessments): PHQ-9, GAD-7 and WHO-5, scored by their published
// rules. The scoring lives here so the web app (its live total and bands) and the API (what is
// stored) apply the very same one. The wording of the items is in the web app's fr/en files.
//
// PHQ-9 and GAD-7: Drs Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an
// educational grant from Pfizer Inc. "No permission required to reproduce, translate, display or
// distribute." WHO-5 (1998): © Psychiatric Research Unit, WHO Collaborating Centre in Mental Health,
// Frederiksborg General Hospital.
import { z } from 'zod';

export const INSTRUMENTS = ['PHQ9', 'GAD7', 'WHO5'] as const;
export type Instrument = (typeof INSTRUMENTS)[number];
export const InstrumentSchema = z.enum(INSTRUMENTS).meta({ id: 'AssessmentInstrument' });

export const SEVERITIES = ['MINIMAL', 'MILD', 'MODERATE', 'MODERATELY_SEVERE', 'SEVERE'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface SeverityBand {
  severity: Severity;
  /** Inclusive bounds of the total. */
  min: number;
  max: number;
}

export interface InstrumentRules {
  items: number;
  /** Each answer is an integer in [min, max]. */
  min: number;
  max: number;
  /** Bands of the total (none for WHO-5, which reports a well-being percentage). */
  bands: readonly SeverityBand[];
  /** The chart's scale: the highest score. */
  maxScore: number;
}

/** The published rules of each instrument. */
export const INSTRUMENT_RULES: Readonly<Record<Instrument, InstrumentRules>> = Object.freeze({
  PHQ9: {
    items: 9,
    min: 0,
    max: 3,
    maxScore: 27,
    bands: [
      { severity: 'MINIMAL', min: 0, max: 4 },
      { severity: 'MILD', min: 5, max: 9 },
      { severity: 'MODERATE', min: 10, max: 14 },
      { severity: 'MODERATELY_SEVERE', min: 15, max: 19 },
      { severity: 'SEVERE', min: 20, max: 27 },
    ],
  },
  GAD7: {
    items: 7,
    min: 0,
    max: 3,
    maxScore: 21,
    bands: [
      { severity: 'MINIMAL', min: 0, max: 4 },
      { severity: 'MILD', min: 5, max: 9 },
      { severity: 'MODERATE', min: 10, max: 14 },
      { severity: 'SEVERE', min: 15, max: 21 },
    ],
  },
  WHO5: { items: 5, min: 0, max: 5, maxScore: 100, bands: [] },
});

/** PHQ-9 item 9 (thoughts of death or self-harm), 0-based. */
export const PHQ9_CRISIS_ITEM = 8;
/** WHO-5: a raw total below this, or any item at or below WHO5_LOW_ITEM, is low well-being. */
export const WHO5_LOW_RAW = 13;
export const WHO5_LOW_ITEM = 1;

export interface AssessmentScore {
  score: number;
  severity: Severity | null;
  crisis: boolean;
  /** WHO-5 only (null for the others). */
  lowWellbeing: boolean | null;
}

/** Where a set of answers breaks the instrument's rules: the item index and why (empty: valid). */
export function answerProblems(instrument: Instrument, answers: readonly unknown[]) {
  const rules = INSTRUMENT_RULES[instrument];
  const problems: { item: number | null; message: string }[] = [];
  if (answers.length !== rules.items) {
    problems.push({ item: null, message: `${instrument} has exactly ${rules.items} answers` });
  }
  answers.forEach((answer, item) => {
    if (item >= rules.items) return;
    if (typeof answer !== 'number' || !Number.isInteger(answer) || answer < rules.min || answer > rules.max) {
      problems.push({ item, message: `must be an integer from ${rules.min} to ${rules.max}` });
    }
  });
  return problems;
}

/** The severity band of `total` (null for WHO-5). */
export function severityOf(instrument: Instrument, total: number): Severity | null {
  return INSTRUMENT_RULES[instrument].bands.find((b) => total >= b.min && total <= b.max)?.severity ?? null;
}

/** Scores valid `answers` by the instrument's published rules. */
export function scoreAssessment(instrument: Instrument, answers: readonly number[]): AssessmentScore {
  if (answerProblems(instrument, answers).length > 0) throw new RangeError(`invalid ${instrument} answers`);
  const raw = answers.reduce((sum, a) => sum + a, 0);
  if (instrument === 'WHO5') {
    return {
      score: raw * 4,
      severity: null,
      crisis: false,
      lowWellbeing: raw < WHO5_LOW_RAW || answers.some((a) => a <= WHO5_LOW_ITEM),
    };
  }
  return {
    score: raw,
    severity: severityOf(instrument, raw),
    crisis: instrument === 'PHQ9' && (answers[PHQ9_CRISIS_ITEM] ?? 0) > 0,
    lowWellbeing: null,
  };
}

export const CreateAssessmentSchema = z
  .object({
    instrument: InstrumentSchema,
    answers: z.array(z.number()).max(20),
  })
  .superRefine((value, ctx) => {
    for (const problem of answerProblems(value.instrument, value.answers)) {
      ctx.addIssue({
        code: 'custom',
        path: problem.item === null ? ['answers'] : ['answers', problem.item],
        message: problem.message,
      });
    }
  })
  .meta({ id: 'CreateAssessment' });
export type CreateAssessment = z.input<typeof CreateAssessmentSchema>;

export const SeveritySchema = z.enum(SEVERITIES).meta({ id: 'AssessmentSeverity' });

export const AssessmentSchema = z
  .object({
    id: z.uuid(),
    instrument: InstrumentSchema,
    score: z.number().int(),
    severity: SeveritySchema.nullable().describe('PHQ-9 and GAD-7 bands; null for WHO-5'),
    crisis: z.boolean().describe('PHQ-9 item 9 above 0, whatever the total'),
    lowWellbeing: z.boolean().nullable().describe('WHO-5 only: raw total below 13 or any item at 0 or 1'),
    answers: z.array(z.number().int()).optional().describe('Only for the employee, never for a practitioner'),
    sharedWithPractitionerId: z.uuid().nullable().optional(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Assessment' });
export type Assessment = z.infer<typeof AssessmentSchema>;

export const AssessmentListSchema = z
  .object({ items: z.array(AssessmentSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'AssessmentList' });
export type AssessmentList = z.infer<typeof AssessmentListSchema>;

export const ShareAssessmentSchema = z
  .object({ practitionerId: z.uuid().describe('One of my practitioners (a consultation together)') })
  .meta({ id: 'ShareAssessment' });
export type ShareAssessment = z.infer<typeof ShareAssessmentSchema>;

/** Reminder intervals an employee may choose (weeks); null: no reminder. */
export const ASSESSMENT_REMINDER_WEEKS = [2, 4] as const;

export const AssessmentSettingsSchema = z
  .object({
    alertPractitionerOnCrisis: z
      .boolean()
      .describe('When PHQ-9 item 9 is above 0, my practitioners get an urgent notification (no score)'),
    reminderWeeks: z.union([z.literal(2), z.literal(4)]).nullable(),
    reminderInstrument: InstrumentSchema.nullable(),
    nextReminderAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'AssessmentSettings' });
export type AssessmentSettings = z.infer<typeof AssessmentSettingsSchema>;

export const UpdateAssessmentSettingsSchema = z
  .object({
    alertPractitionerOnCrisis: z.boolean().optional(),
    reminderWeeks: z
      .union([z.literal(2), z.literal(4)])
      .nullable()
      .optional(),
    reminderInstrument: InstrumentSchema.nullable().optional(),
  })
  .meta({ id: 'UpdateAssessmentSettings' });
export type UpdateAssessmentSettings = z.infer<typeof UpdateAssessmentSettingsSchema>;

/** A practitioner the employee may share a result with (a consultation together, not cancelled). */
export const AssessmentPractitionerSchema = z
  .object({ id: z.uuid(), title: z.string(), firstName: z.string(), lastName: z.string() })
  .meta({ id: 'AssessmentPractitioner' });
export const AssessmentPractitionerListSchema = z.object({ items: z.array(AssessmentPractitionerSchema) });
export type AssessmentPractitioner = z.infer<typeof AssessmentPractitionerSchema>;
