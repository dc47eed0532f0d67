import type { Actor, UserRole } from '@huntzen/db';
import { describe, expect, it } from 'vitest';
import { type FileAccessFacts, mayDelete, mayRead, RELATED_RULES, UPLOADERS } from './files.policy';

const UPLOADER = 'a0000000-0000-4000-8000-000000000001';
const actor = (role: UserRole, userId = 'b0000000-0000-4000-8000-000000000002'): Actor => ({ role, userId });
const ROLES: UserRole[] = ['SUPER_ADMIN', 'ADMIN_HUNTZEN', 'ADMIN_RH', 'PRACTITIONER', 'EMPLOYEE'];
const file = (facts: Partial<FileAccessFacts>): FileAccessFacts => ({
  uploadedBy: UPLOADER,
  fileType: 'DOCUMENT',
  isPublic: false,
  allowedRoles: [],
  ...facts,
});

describe('mayRead', () => {
  it('lets anyone read public files, anonymous included', () => {
    expect(mayRead({ role: 'ANONYMOUS' }, file({ fileType: 'AVATAR', isPublic: true }), false)).toBe(true);
  });

  it('keeps private files to their uploader and the roles they are shared with', () => {
    const diploma = file({ fileType: 'DIPLOMA', allowedRoles: ['SUPER_ADMIN', 'ADMIN_HUNTZEN'] });
    expect(mayRead(actor('PRACTITIONER', UPLOADER), diploma, false)).toBe(true);
    expect(ROLES.filter((role) => mayRead(actor(role), diploma, false))).toEqual([
      'SUPER_ADMIN',
      'ADMIN_HUNTZEN',
    ]);
    expect(mayRead({ role: 'ANONYMOUS' }, diploma, false)).toBe(false);
  });

  it('gives chat attachments to the consultation’s participants only, whatever the row says', () => {
    const attachment = file({
      fileType: 'ATTACHMENT',
      allowedRoles: ['SUPER_ADMIN', 'ADMIN_RH', 'EMPLOYEE'],
    });
    expect(ROLES.filter((role) => mayRead(actor(role), attachment, true))).toEqual([
      'PRACTITIONER',
      'EMPLOYEE',
    ]);
    expect(ROLES.filter((role) => mayRead(actor(role), attachment, false))).toEqual([]);
  });
});

describe('mayDelete', () => {
  it('is for the uploader, or a platform admin except for attachments', () => {
    expect(mayDelete(actor('EMPLOYEE', UPLOADER), file({}))).toBe(true);
    expect(ROLES.filter((role) => mayDelete(actor(role), file({})))).toEqual([
      'SUPER_ADMIN',
      'ADMIN_HUNTZEN',
    ]);
    expect(ROLES.filter((role) => mayDelete(actor(role), file({ fileType: 'ATTACHMENT' })))).toEqual([]);
  });
});

describe('upload rules', () => {
  it('never lets HR or admins link a file to a consultation', () => {
    expect(UPLOADERS.ATTACHMENT).toEqual(['EMPLOYEE', 'PRACTITIONER']);
    expect(RELATED_RULES.consultation.uploaders).toEqual(['EMPLOYEE', 'PRACTITIONER']);
    expect(RELATED_RULES.consultation.readers).toEqual([]);
  });
});
