// Access tokens: verified once, then remembered per secret until they expire (issue #13). The
// remembering must never accept what verification would refuse.
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { ACCESS_TOKEN_TTL_SECONDS, type AccessClaims, signAccessToken, verifyAccessToken } from './tokens';

const claims: AccessClaims = {
  userId: randomUUID(),
  role: 'EMPLOYEE',
  email: 'lea@example.test',
  companyId: randomUUID(),
  employeeId: randomUUID(),
  practitionerId: null,
  sessionId: randomUUID(),
  mfa: 'ok',
};

async function refused(secret: Buffer, token: string): Promise<string | undefined> {
  const error = await verifyAccessToken(secret, token).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

describe('verifyAccessToken', () => {
  it('gives the same claims each time a token is presented', async () => {
    const secret = randomBytes(32);
    const { token } = await signAccessToken(secret, claims);
    expect(await verifyAccessToken(secret, token)).toEqual(claims);
    expect(await verifyAccessToken(secret, token)).toEqual(claims);
  });

  it('refuses, under another secret, a token it verified under its own', async () => {
    const secret = randomBytes(32);
    const { token } = await signAccessToken(secret, claims);
    await verifyAccessToken(secret, token);
    expect(await refused(randomBytes(32), token)).toBe('UNAUTHENTICATED');
  });

  it('refuses a token whose signature was altered after the genuine one was verified', async () => {
    const secret = randomBytes(32);
    const { token } = await signAccessToken(secret, claims);
    await verifyAccessToken(secret, token);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await refused(secret, `${header}.${payload}.${flipped}`)).toBe('UNAUTHENTICATED');
    // Nor can the claims be changed under the genuine signature.
    const admin = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'ADMIN' }),
    );
    expect(await refused(secret, `${header}.${admin.toString('base64url')}.${signature}`)).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('refuses a token once it has expired, though it was accepted before', async () => {
    const secret = randomBytes(32);
    // Issued so that it expires about a second from now.
    const issuedAt = new Date(Date.now() - (ACCESS_TOKEN_TTL_SECONDS - 1) * 1000);
    const { token, expiresAt } = await signAccessToken(secret, claims, issuedAt);
    expect(await verifyAccessToken(secret, token)).toEqual(claims);
    await sleep(Math.max(0, expiresAt.getTime() - Date.now()) + 50);
    expect(await refused(secret, token)).toBe('UNAUTHENTICATED');
  });
});
