// The chat rules, pure: the window's edge to the millisecond, the edit window, the rate limit,
// who is a participant, attachments and message types.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors';
import {
  checkAttachment,
  checkEditable,
  checkRateLimit,
  checkWritable,
  isWritable,
  messageTypeOf,
  threadPartyOf,
} from './messages.policy';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const END = new Date('2026-03-02T09:50:00Z');

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('the thread window', () => {
  const thread = { status: 'COMPLETED' as const, scheduledEndAt: END, endedAt: null };
  it('stays open until exactly 14 days after the planned end, or the actual one', () => {
    const closes = new Date(END.getTime() + 14 * DAY);
    expect(isWritable(thread, new Date(closes.getTime() - 1))).toBe(true);
    expect(codeOf(() => checkWritable(thread, closes))).toBe('THREAD_CLOSED');
    const late = { ...thread, endedAt: new Date(END.getTime() + DAY) };
    expect(isWritable(late, closes)).toBe(true);
  });
  it('is closed for a cancelled consultation, even before it', () => {
    expect(
      codeOf(() => checkWritable({ ...thread, status: 'CANCELLED' }, new Date(END.getTime() - DAY))),
    ).toBe('THREAD_CLOSED');
  });
});

describe('edits, rate, participants, attachments', () => {
  it('edits for 15 minutes, never a deleted message', () => {
    const createdAt = new Date('2026-03-02T10:00:00Z');
    expect(
      codeOf(() =>
        checkEditable({ createdAt, isDeleted: false }, new Date(createdAt.getTime() + 15 * MINUTE - 1)),
      ),
    ).toBe('accepted');
    expect(
      codeOf(() =>
        checkEditable({ createdAt, isDeleted: false }, new Date(createdAt.getTime() + 15 * MINUTE)),
      ),
    ).toBe('EDIT_WINDOW_CLOSED');
    expect(codeOf(() => checkEditable({ createdAt, isDeleted: true }, createdAt))).toBe('CONFLICT');
  });
  it('allows 30 messages a minute', () => {
    expect(codeOf(() => checkRateLimit(29))).toBe('accepted');
    expect(codeOf(() => checkRateLimit(30))).toBe('RATE_LIMITED');
  });
  it('knows the two participants and nobody else, whatever ids HR or admins carry', () => {
    const c = { employeeId: 'e1', practitionerId: 'p1' };
    expect(threadPartyOf({ role: 'EMPLOYEE', employeeId: 'e1' }, c)).toBe('EMPLOYEE');
    expect(threadPartyOf({ role: 'PRACTITIONER', practitionerId: 'p1' }, c)).toBe('PRACTITIONER');
    expect(threadPartyOf({ role: 'ADMIN_RH', employeeId: 'e1' }, c)).toBeNull();
    expect(threadPartyOf({ role: 'SUPER_ADMIN', practitionerId: 'p1' }, c)).toBeNull();
    expect(threadPartyOf({ role: 'EMPLOYEE', employeeId: 'e2' }, c)).toBeNull();
  });
  it('takes only the sender’s ATTACHMENT of this consultation, typed by its content', () => {
    const file = {
      fileType: 'ATTACHMENT',
      relatedResource: 'consultation',
      relatedId: 'c1',
      uploadedBy: 'u1',
      mimeType: 'audio/ogg',
      size: 1000,
    };
    const now = new Date('2026-03-02T10:00:00Z');
    const free = { now, attached: false };
    expect(checkAttachment(file, 'c1', 'u1', free)).toBe(file);
    expect(checkAttachment({ ...file, expiresAt: new Date(now.getTime() + 1) }, 'c1', 'u1', free)).toEqual({
      ...file,
      expiresAt: new Date(now.getTime() + 1),
    });
    expect(codeOf(() => checkAttachment(file, 'c2', 'u1', free))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => checkAttachment(file, 'c1', 'u2', free))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => checkAttachment({ ...file, fileType: 'DOCUMENT' }, 'c1', 'u1', free))).toBe(
      'VALIDATION_FAILED',
    );
    expect(codeOf(() => checkAttachment(undefined, 'c1', 'u1', free))).toBe('VALIDATION_FAILED');
    // Retired with a deleted message, or already carried by another message.
    expect(codeOf(() => checkAttachment({ ...file, expiresAt: now }, 'c1', 'u1', free))).toBe(
      'VALIDATION_FAILED',
    );
    expect(codeOf(() => checkAttachment(file, 'c1', 'u1', { now, attached: true }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(['image/png', 'audio/ogg', 'video/webm', 'application/pdf', null].map(messageTypeOf)).toEqual([
      'IMAGE',
      'AUDIO',
      'AUDIO',
      'FILE',
      'TEXT',
    ]);
  });
});
