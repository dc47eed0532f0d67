// The pure rules of clinical notes: who is the author, which consultations take notes, the lock of
// signed notes, the sections of each template and the 72-hour rule.
import { describe, expect, it } from 'vitest';
import {
  checkAddendable,
  checkConsultationOpenForNotes,
  checkEditable,
  consultationEnd,
  isAuthor,
  noteSections,
  overdue,
} from './clinical-notes.policy';
import { parseDocument } from './clinical-notes.service';

const P = '0f8fad5b-d9cb-469f-a165-70867728950e';
const HOUR = 3_600_000;

describe('clinical notes policy', () => {
  it('knows the author: a PRACTITIONER actor with the same practitioner id, nobody else', () => {
    expect(isAuthor({ role: 'PRACTITIONER', practitionerId: P }, P)).toBe(true);
    expect(isAuthor({ role: 'PRACTITIONER', practitionerId: 'other' }, P)).toBe(false);
    for (const role of ['EMPLOYEE', 'ADMIN_RH', 'ADMIN_HUNTZEN', 'SUPER_ADMIN', 'SYSTEM']) {
      expect(isAuthor({ role, practitionerId: P }, P), role).toBe(false);
    }
    expect(isAuthor({ role: 'PRACTITIONER', practitionerId: null }, P)).toBe(false);
  });

  it('takes notes on every consultation but a cancelled one', () => {
    for (const status of ['SCHEDULED', 'CONFIRMED', 'IN_PROGRESS', 'COMPLETED', 'NO_SHOW']) {
      expect(() => checkConsultationOpenForNotes(status)).not.toThrow();
    }
    expect(() => checkConsultationOpenForNotes('CANCELLED')).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
  });

  it('locks signed notes and keeps addenda for them', () => {
    expect(() => checkEditable({ signedAt: null })).not.toThrow();
    expect(() => checkEditable({ signedAt: new Date() })).toThrow(
      expect.objectContaining({ code: 'NOTE_SIGNED' }),
    );
    expect(() => checkAddendable({ signedAt: new Date() })).not.toThrow();
    expect(() => checkAddendable({ signedAt: null })).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });

  it("fills each template's sections, refusing foreign ones and free text in a structured template", () => {
    expect(noteSections('FREE', { content: 'texte' })).toEqual({ text: 'texte' });
    expect(noteSections('SOAP', { sections: { plan: 'p' } })).toEqual({
      subjective: '',
      objective: '',
      assessment: '',
      plan: 'p',
    });
    expect(noteSections('BIRP', {})).toEqual({ behavior: '', intervention: '', response: '', plan: '' });
    expect(() => noteSections('DAP', { sections: { subjective: 'x' } })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
    expect(() => noteSections('SOAP', { content: 'x' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
    expect(() => noteSections('FREE', { content: 'x', sections: {} })).toThrow();
  });

  it('is overdue strictly after 72 hours from the recorded end, else the planned end', () => {
    const end = new Date('2026-03-01T10:00:00Z');
    expect(overdue(end, new Date(end.getTime() + 72 * HOUR))).toBe(false);
    expect(overdue(end, new Date(end.getTime() + 72 * HOUR + 1))).toBe(true);
    const planned = new Date('2026-03-01T11:00:00Z');
    expect(consultationEnd({ endedAt: null, scheduledEndAt: planned })).toEqual(planned);
    expect(consultationEnd({ endedAt: end, scheduledEndAt: planned })).toEqual(end);
  });

  it('reads the versioned document, and older plain-text notes as free text', () => {
    const doc = { v: 1, template: 'DAP', sections: { data: 'd', assessment: 'a', plan: 'p', extra: 'x' } };
    expect(parseDocument(JSON.stringify(doc))).toEqual({
      v: 1,
      template: 'DAP',
      sections: { data: 'd', assessment: 'a', plan: 'p' },
    });
    expect(parseDocument('Motif : fatigue.')).toEqual({
      v: 1,
      template: 'FREE',
      sections: { text: 'Motif : fatigue.' },
    });
    expect(parseDocument('{"v":2}')).toMatchObject({ template: 'FREE', sections: { text: '{"v":2}' } });
  });
});
