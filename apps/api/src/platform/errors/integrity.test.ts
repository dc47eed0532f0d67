// Tampered encrypted fields answer a stable code, never a 500: a ciphertext that does not
// authenticate (copied from another row, altered) is 409 CONTENT_UNREADABLE, and the operators get
// an "integrity alert" log entry naming the row by its ids — never the ciphertext or the secret.
import { randomUUID } from 'node:crypto';
import { ProblemSchema } from '@huntzen/contracts';
import { consultations, users } from '@huntzen/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, logInto, type TestApp } from '../../../test/build-test-app';
import { clientIp, createAccount, createCompany, login } from '../../../test/identity';
import { signInAs } from '../../../test/route-callers';
import { giveConsent, placeConsultation } from '../../modules/consultations/consultations.fixtures';
import { currentTotp, newTotpSecret } from '../auth';
import { DecryptionError } from '../crypto';

let t: TestApp;
const logLines: string[] = [];

beforeAll(async () => {
  t = await buildTestApp({
    logDestination: logInto(logLines),
  });
  t.app.get('/api/test/sealed/:id', { config: { access: 'public' } }, async () => {
    throw new DecryptionError('encrypted field uses an unknown key (id "0badc0de")');
  });
  t.app.get('/api/test/file', { config: { access: 'public' } }, async () => {
    // platform/files' own class, recognised by its name.
    throw Object.assign(new Error('encrypted file failed authentication'), { name: 'FileDecryptionError' });
  });
});
afterAll(() => t?.close());

/** The integrity alerts logged since `from` (an index into the log). */
function alertsSince(from: number) {
  return logLines
    .slice(from)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => entry.alert === 'integrity');
}

function expectUnreadable(response: { statusCode: number; json(): unknown }) {
  expect(response.statusCode).toBe(409);
  expect(ProblemSchema.parse(response.json())).toMatchObject({ code: 'CONTENT_UNREADABLE', status: 409 });
}

describe('tampered encrypted content', () => {
  it('answers any DecryptionError 409 CONTENT_UNREADABLE and logs an alert with ids only', async () => {
    const id = randomUUID();
    const from = logLines.length;
    const response = await t.app.inject({ method: 'GET', url: `/api/test/sealed/${id}` });
    expectUnreadable(response);
    expect(response.body).not.toContain('0badc0de');
    const [alert, ...more] = alertsSince(from);
    expect(more).toEqual([]);
    expect(alert).toMatchObject({
      level: 50,
      code: 'CONTENT_UNREADABLE',
      error: 'DecryptionError',
      route: 'GET /api/test/sealed/:id',
      ids: { id },
      userId: null,
    });
    expect(JSON.stringify(alert)).not.toContain('0badc0de');
  });

  it('answers a file that fails authentication the same way', async () => {
    const from = logLines.length;
    expectUnreadable(await t.app.inject({ method: 'GET', url: '/api/test/file' }));
    expect(alertsSince(from)).toEqual([expect.objectContaining({ error: 'FileDecryptionError' })]);
  });

  it('refuses a sign-in whose TOTP secret was copied from another account, naming the row', async () => {
    const account = await createAccount(t.db, 'PRACTITIONER');
    const secret = newTotpSecret();
    // A genuine ciphertext, but of another user's row: its associated data does not match.
    const copied = t.app.cipher.encryptToJson(secret, {
      table: 'users',
      column: 'two_factor_secret',
      rowId: randomUUID(),
    });
    await t.db.ownerDb
      .update(users)
      .set({ twoFactorEnabled: true, twoFactorSecret: copied })
      .where(eq(users.id, account.user.id));
    const ip = clientIp();
    const challenge = await login(t.app, account.email, undefined, ip);
    expect(challenge.body.status).toBe('TWO_FACTOR_REQUIRED');
    const from = logLines.length;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/2fa/verify',
      payload: { challengeToken: challenge.body.challengeToken, code: await currentTotp(secret) },
      remoteAddress: ip,
    });
    expectUnreadable(response);
    const alerts = alertsSince(from);
    expect(alerts).toEqual([
      expect.objectContaining({
        field: { table: 'users', column: 'two_factor_secret', rowId: account.user.id },
        route: 'POST /api/v1/auth/2fa/verify',
      }),
    ]);
    expect(logLines.slice(from).join('\n')).not.toContain(secret);
  });

  it('refuses to hand out a room password that was altered, naming the consultation', async () => {
    const companyId = (await createCompany(t.db)).id;
    const employee = await signInAs(t, 'EMPLOYEE', companyId);
    await giveConsent(t, employee.employeeId!);
    const practitioner = await signInAs(t, 'PRACTITIONER', companyId);
    // Planned in five minutes: the room is open.
    const consultation = await placeConsultation(t, {
      employeeId: employee.employeeId!,
      practitionerId: practitioner.practitionerId!,
      scheduledAt: new Date(Date.now() + 5 * 60_000),
    });
    const sealed = JSON.parse(
      t.app.cipher.encryptToJson('room-password', {
        table: 'consultations',
        column: 'room_password',
        rowId: consultation.id,
      }),
    ) as { encryptedContent: string };
    // One bit of the ciphertext flipped.
    const [keyId, body] = sealed.encryptedContent.split('.') as [string, string];
    const bytes = Buffer.from(body, 'base64');
    bytes[0]! ^= 1;
    const tampered = JSON.stringify({ ...sealed, encryptedContent: `${keyId}.${bytes.toString('base64')}` });
    await t.db.ownerDb
      .update(consultations)
      .set({ roomPassword: tampered })
      .where(eq(consultations.id, consultation.id));

    const from = logLines.length;
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${consultation.id}/join`,
      headers: employee.headers,
    });
    expectUnreadable(response);
    expect(response.body).not.toContain('room-password');
    expect(alertsSince(from)).toEqual([
      expect.objectContaining({
        field: { table: 'consultations', column: 'room_password', rowId: consultation.id },
        ids: { id: consultation.id },
        userId: employee.user.id,
      }),
    ]);
    expect(logLines.slice(from).join('\n')).not.toContain(tampered);
  });
});
