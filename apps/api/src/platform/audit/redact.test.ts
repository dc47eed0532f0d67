import { describe, expect, it } from 'vitest';
import { REDACTED, redactAuditJson } from './redact';

describe('redactAuditJson', () => {
  it('replaces health content and secrets at any depth, whatever the key spelling', () => {
    const row = {
      status: 'CANCELLED',
      cancel_reason: 'panic attacks',
      cancelReason: 'burn-out',
      consultation: { notes: 'very private', roomPassword: 'x', 'jitsi-jwt': 'y', duration: 50 },
      messages: [{ encrypted_content: 'abc', iv: 'def', auth_tag: 'ghi', sender_role: 'EMPLOYEE' }],
      outcome: 'success',
    };
    expect(redactAuditJson(row)).toEqual({
      status: 'CANCELLED',
      cancel_reason: REDACTED,
      cancelReason: REDACTED,
      consultation: { notes: REDACTED, roomPassword: REDACTED, 'jitsi-jwt': REDACTED, duration: 50 },
      messages: [{ encrypted_content: REDACTED, iv: REDACTED, auth_tag: REDACTED, sender_role: 'EMPLOYEE' }],
      outcome: 'success',
    });
  });

  it('keeps null fields, scalars and unrelated names as they are, and does not modify its input', () => {
    const row = { notes: null, tokenDelivery: 'body', count: 3, list: [1, 'a'] };
    expect(redactAuditJson(row)).toEqual(row);
    expect(redactAuditJson(null)).toBeNull();
    expect(redactAuditJson('plain')).toBe('plain');
    const input = { notes: 'x' };
    redactAuditJson(input);
    expect(input).toEqual({ notes: 'x' });
  });
});
