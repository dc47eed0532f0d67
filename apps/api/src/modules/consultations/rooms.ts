// Jitsi rooms of VIDEO and AUDIO consultations: an unguessable name and a password.
//
// The name is 128 random bits in hexadecimal (Jitsi lower-cases room names, so a case-sensitive
// alphabet would lose entropy). It is stored in clear: it is unique and the video endpoint looks
// it up, and alone it opens nothing when Jitsi checks tokens.
//
// The password is encrypted with the field cipher (AAD consultations/room_password/<id>), like the
// 2FA secrets: it is a live credential of a confidential session — on a Jitsi without tokens (the
// public fallback) the name and password are all it takes to sit in — and a database dump, a
// replica or a backup must not hand it out. It is never returned by the consultation routes, only
// to a participant by the join endpoint, and never written to the audit log (0001/0013 triggers).
// Key rotation covers it (platform/crypto/encrypted-columns.ts).
import { randomBytes } from 'node:crypto';
import type { FieldCipher } from '../../platform/crypto';

const PASSWORD_COLUMN = { table: 'consultations', column: 'room_password' } as const;

/** A new room: `hz-` and 32 hexadecimal characters, and its password encrypted for row `consultationId`. */
export function newRoom(
  cipher: FieldCipher,
  consultationId: string,
): { roomName: string; roomPassword: string } {
  const password = randomBytes(12).toString('base64url');
  return {
    roomName: `hz-${randomBytes(16).toString('hex')}`,
    roomPassword: cipher.encryptToJson(password, { ...PASSWORD_COLUMN, rowId: consultationId }),
  };
}

/** The clear password of a room, as stored by `newRoom` (throws DecryptionError when tampered with). */
export function roomPasswordOf(cipher: FieldCipher, consultationId: string, stored: string): string {
  return cipher.decryptJson(stored, { ...PASSWORD_COLUMN, rowId: consultationId });
}
