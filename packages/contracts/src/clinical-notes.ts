// Clinical notes (/api/v1/consultations/{id}/clinical-notes, /clinical-notes/{id}, /me/clinical-notes):
// a practitioner's notes on their own consultations, written from a template, signed and then
// locked (corrections are addenda). The templates' sections, the limits and the 72-hour rule of
// "notes to write" are here so the web app shows the same rules the API applies.
import { z } from 'zod';

export const NOTE_TYPES = [
  'SESSION_NOTE',
  'INITIAL_ASSESSMENT',
  'FOLLOW_UP',
  'PRESCRIPTION',
  'REFERRAL',
] as const;
export const NoteTypeSchema = z.enum(NOTE_TYPES);
export type NoteType = z.infer<typeof NoteTypeSchema>;

/** Each template's sections, in the order they are written. FREE is one text. */
export const NOTE_TEMPLATES = Object.freeze({
  FREE: ['text'],
  SOAP: ['subjective', 'objective', 'assessment', 'plan'],
  DAP: ['data', 'assessment', 'plan'],
  BIRP: ['behavior', 'intervention', 'response', 'plan'],
} as const);
export type NoteTemplate = keyof typeof NOTE_TEMPLATES;
export const NOTE_TEMPLATE_NAMES = Object.keys(NOTE_TEMPLATES) as NoteTemplate[];
export const NoteTemplateSchema = z.enum(['FREE', 'SOAP', 'DAP', 'BIRP']);

export const CLINICAL_NOTE_LIMITS = Object.freeze({
  /** Characters of one section (a FREE note is one section). */
  sectionMaxLength: 20_000,
  addendumMaxLength: 10_000,
  /** A completed consultation without a signed note is overdue this long after its end. */
  overdueAfterHours: 72,
});

/** Whether a consultation that ended at `endedAt` has waited too long for its signed note. */
export function isNoteOverdue(endedAt: Date | string, now: Date | number = Date.now()): boolean {
  const due = new Date(endedAt).getTime() + CLINICAL_NOTE_LIMITS.overdueAfterHours * 3_600_000;
  return new Date(now).getTime() > due;
}

const SectionText = z.string().max(CLINICAL_NOTE_LIMITS.sectionMaxLength);
const Sections = z
  .record(z.string().max(40), SectionText)
  .describe("The template's sections by name (e.g. SOAP: subjective, objective, assessment, plan)");

export const CreateClinicalNoteRequestSchema = z
  .object({
    noteType: NoteTypeSchema.default('SESSION_NOTE'),
    template: NoteTemplateSchema.optional().describe('FREE when `content` is given, else required'),
    content: SectionText.optional().describe('Free text (template FREE)'),
    sections: Sections.optional(),
  })
  .meta({ id: 'CreateClinicalNoteRequest' });
export type CreateClinicalNoteRequest = z.input<typeof CreateClinicalNoteRequestSchema>;

export const UpdateClinicalNoteRequestSchema = z
  .object({
    noteType: NoteTypeSchema.optional(),
    template: NoteTemplateSchema.optional(),
    content: SectionText.optional().describe('Free text (template FREE)'),
    sections: Sections.optional().describe('Replaces every section of the (new) template'),
  })
  .meta({ id: 'UpdateClinicalNoteRequest' });
export type UpdateClinicalNoteRequest = z.infer<typeof UpdateClinicalNoteRequestSchema>;

export const CreateAddendumRequestSchema = z
  .object({ content: z.string().trim().min(1).max(CLINICAL_NOTE_LIMITS.addendumMaxLength) })
  .meta({ id: 'CreateAddendumRequest' });
export type CreateAddendumRequest = z.infer<typeof CreateAddendumRequestSchema>;

const Signer = z.object({ id: z.uuid(), displayName: z.string() }).meta({ id: 'NoteSigner' });

export const ClinicalNoteAddendumSchema = z
  .object({
    id: z.uuid(),
    content: z.string().nullable().describe('null when the ciphertext does not authenticate'),
    signedAt: z.iso.datetime(),
    signedBy: Signer,
  })
  .meta({ id: 'ClinicalNoteAddendum' });
export type ClinicalNoteAddendum = z.infer<typeof ClinicalNoteAddendumSchema>;

const Patient = z
  .object({ id: z.uuid(), firstName: z.string(), lastName: z.string() })
  .meta({ id: 'NotePatient' });

export const ClinicalNoteSchema = z
  .object({
    id: z.uuid(),
    consultation: z.object({
      id: z.uuid(),
      scheduledAt: z.iso.datetime(),
      endedAt: z.iso.datetime().nullable(),
      status: z.string(),
    }),
    patient: Patient,
    noteType: NoteTypeSchema,
    template: NoteTemplateSchema,
    sections: z.record(z.string(), z.string()),
    /** Sections as one text (FREE: the text itself). */
    content: z.string(),
    /** In lists only: this note's ciphertext did not authenticate (a single read answers 409). */
    unreadable: z.boolean(),
    signedAt: z.iso.datetime().nullable(),
    signedBy: Signer.nullable(),
    addenda: z.array(ClinicalNoteAddendumSchema),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'ClinicalNote' });
export type ClinicalNote = z.infer<typeof ClinicalNoteSchema>;

export const ConsultationNotesSchema = z
  .object({ items: z.array(ClinicalNoteSchema) })
  .meta({ id: 'ConsultationNotes' });
export type ConsultationNotes = z.infer<typeof ConsultationNotesSchema>;

export const PatientFileQuerySchema = z.object({ employeeId: z.uuid() });

export const PatientFileSchema = z
  .object({
    patient: Patient,
    items: z.array(ClinicalNoteSchema).describe('Newest consultation first'),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'PatientFile' });
export type PatientFile = z.infer<typeof PatientFileSchema>;

export const NoteToWriteSchema = z
  .object({
    consultationId: z.uuid(),
    patient: Patient,
    scheduledAt: z.iso.datetime(),
    endedAt: z.iso.datetime(),
    overdue: z.boolean().describe('More than 72 hours since the end'),
    draftNoteId: z.uuid().nullable().describe('An unsigned note already started'),
  })
  .meta({ id: 'NoteToWrite' });
export type NoteToWrite = z.infer<typeof NoteToWriteSchema>;

export const NotesToWriteSchema = z
  .object({
    items: z.array(NoteToWriteSchema).describe('Oldest end first'),
    nextCursor: z.string().nullable(),
    total: z.number().int(),
    overdueCount: z.number().int(),
  })
  .meta({ id: 'NotesToWrite' });
export type NotesToWrite = z.infer<typeof NotesToWriteSchema>;

/** The encrypted document of a note (version 1): its template and sections. */
export interface NoteDocument {
  v: 1;
  template: NoteTemplate;
  sections: Record<string, string>;
}

/** One text of a note's sections, for API clients and plain-text views. */
export function noteText(template: NoteTemplate, sections: Record<string, string>): string {
  if (template === 'FREE') return sections.text ?? '';
  return NOTE_TEMPLATES[template]
    .map((name) => `${name.toUpperCase()}\n${sections[name] ?? ''}`)
    .join('\n\n');
}
