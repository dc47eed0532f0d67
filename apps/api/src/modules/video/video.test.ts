// Joining and leaving a room on a real database: the Jitsi token verified with the secret, claim by
// claim, at the window's edges (a fixed clock given to the service), the public fallback without
// credentials, and through the API who may enter, what is recorded and how a refusal reads.
import { randomUUID } from 'node:crypto';
import type { JoinRoomResponse } from '@huntzen/contracts';
import {
  type Consultation,
  consultationEvents,
  consultations,
  employees,
  type NewConsultation,
} from '@huntzen/db';
import { eq } from 'drizzle-orm';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { clientIp, createCompany, signedIn } from '../../../test/identity';
import type { RequestActor } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { newRoom } from '../consultations/rooms';
import { createVideoService } from './video.service';

const MINUTE = 60_000;
const APP_ID = 'huntzen-test';
const APP_SECRET = 'a-long-shared-secret-for-the-jitsi-tokens-0123456789';
const DOMAIN = 'meet.example.test';

type Account = Awaited<ReturnType<typeof signedIn>>;
let t: TestApp;
let companyId: string;
let employee: Account;
let practitioner: Account;
let day = 0;

beforeAll(async () => {
  t = await buildTestApp({
    env: {
      JITSI_DOMAIN: DOMAIN,
      JITSI_APP_ID: APP_ID,
      JITSI_APP_SECRET: APP_SECRET,
      PUBLIC_URL: 'https://app.huntzen.test',
    },
  });
  companyId = (await createCompany(t.db)).id;
  employee = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
  practitioner = await signedIn(t.app, t.db, 'PRACTITIONER');
});
afterAll(async () => {
  await t?.close();
});

/** A consultation of `employee` with `practitioner` (a room for VIDEO/AUDIO), on a day of its own unless told. */
async function place(values: Partial<NewConsultation> = {}): Promise<Consultation> {
  day += 1;
  const id = randomUUID();
  const scheduledAt = values.scheduledAt ?? new Date(Date.UTC(2030, 0, 1) + day * 24 * 60 * MINUTE);
  const format = values.format ?? 'VIDEO';
  const [row] = await t.db.ownerDb
    .insert(consultations)
    .values({
      id,
      companyId,
      employeeId: employee.employeeId!,
      practitionerId: practitioner.practitionerId!,
      format,
      status: 'CONFIRMED',
      duration: 50,
      scheduledEndAt: new Date(scheduledAt.getTime() + 50 * MINUTE),
      ...(format === 'IN_PERSON' ? {} : newRoom(t.app.cipher, id)),
      ...values,
      scheduledAt,
    })
    .returning();
  return row!;
}

/** The database actor of a signed-in account (what the access guard would give the service). */
function actorOf(account: Account): RequestActor {
  return {
    role: account.user.role,
    userId: account.user.id,
    email: account.email,
    companyId: account.companyId,
    employeeId: account.employeeId,
    practitionerId: account.practitionerId,
    sessionId: randomUUID(),
    mfa: 'ok',
  };
}

function serviceAt(
  now: Date,
  jitsi = {
    domain: DOMAIN,
    appId: APP_ID as string | undefined,
    appSecret: APP_SECRET as string | undefined,
  },
) {
  return createVideoService({
    db: t.db,
    cipher: t.app.cipher,
    jitsi,
    publicUrl: 'https://app.huntzen.test',
    now: () => now,
  });
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const secret = new TextEncoder().encode(APP_SECRET);
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

describe('the Jitsi token', () => {
  it('carries every claim Jitsi checks, signed HS256 with the app secret, bounded to the window', async () => {
    const c = await place();
    const opens = new Date(c.scheduledAt.getTime() - 10 * MINUTE);
    const closes = new Date(c.scheduledEndAt.getTime() + 30 * MINUTE);
    const now = new Date(c.scheduledAt.getTime() - 3 * MINUTE);
    const answer = await serviceAt(now).join(actorOf(employee), c.id);

    expect(answer).toMatchObject({
      domain: DOMAIN,
      scriptUrl: `https://${DOMAIN}/external_api.js`,
      roomName: c.roomName,
      startsWithAudioOnly: false,
      moderator: false,
      window: { opensAt: opens.toISOString(), closesAt: closes.toISOString() },
    });
    expect(decodeProtectedHeader(answer.jwt!)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const { payload } = await jwtVerify(answer.jwt!, secret, {
      algorithms: ['HS256'],
      audience: 'jitsi',
      issuer: APP_ID,
      subject: DOMAIN,
      currentDate: now,
    });
    const [row] = await t.db.ownerDb.select().from(employees).where(eq(employees.id, employee.employeeId!));
    expect(payload).toEqual({
      aud: 'jitsi',
      iss: APP_ID,
      sub: DOMAIN,
      room: c.roomName,
      moderator: false,
      context: {
        user: {
          id: employee.user.id,
          name: `${row!.firstName} ${row!.lastName}`,
          email: employee.email,
          moderator: 'false',
        },
      },
      iat: seconds(now),
      nbf: seconds(opens),
      exp: seconds(closes),
    });
    // Not valid before the room opens nor once it has closed; another secret is refused.
    await expect(
      jwtVerify(answer.jwt!, secret, { currentDate: new Date(opens.getTime() - 1000) }),
    ).rejects.toThrow(/nbf/);
    await expect(jwtVerify(answer.jwt!, secret, { currentDate: closes })).rejects.toThrow(/exp/);
    await expect(jwtVerify(answer.jwt!, new TextEncoder().encode(`${APP_SECRET}x`))).rejects.toThrow(
      /signature/,
    );
  });

  it('makes the practitioner, and only them, the moderator', async () => {
    const c = await place({ format: 'AUDIO' });
    const now = new Date(c.scheduledAt.getTime() + 5 * MINUTE);
    const answer = await serviceAt(now).join(actorOf(practitioner), c.id);
    expect(answer).toMatchObject({
      moderator: true,
      startsWithAudioOnly: true,
      displayName: 'Dr. Alex Test',
    });
    const { payload } = await jwtVerify(answer.jwt!, secret, { currentDate: now });
    expect(payload.moderator).toBe(true);
    expect(payload.context).toEqual({
      user: { id: practitioner.user.id, name: 'Dr. Alex Test', email: practitioner.email, moderator: 'true' },
    });
  });

  it('hands the room password, decrypted, to the participants', async () => {
    const c = await place();
    const stored = await t.db.ownerDb.select().from(consultations).where(eq(consultations.id, c.id));
    expect(stored[0]!.roomPassword).not.toMatch(/^[A-Za-z0-9_-]{16}$/); // encrypted at rest
    const answer = await serviceAt(c.scheduledAt).join(actorOf(employee), c.id);
    expect(answer.password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const again = await serviceAt(c.scheduledAt).join(actorOf(practitioner), c.id);
    expect(again.password).toBe(answer.password);
  });

  it('has no token on a Jitsi without credentials: the public domain, jwt null', async () => {
    const c = await place();
    const answer: JoinRoomResponse = await serviceAt(c.scheduledAt, {
      domain: 'meet.jit.si',
      appId: undefined,
      appSecret: undefined,
    }).join(actorOf(employee), c.id);
    expect(answer).toMatchObject({
      domain: 'meet.jit.si',
      scriptUrl: 'https://meet.jit.si/external_api.js',
      jwt: null,
      roomName: c.roomName,
    });
  });
});

describe('the window, to the millisecond', () => {
  it('opens 10 minutes before the start and closes 30 minutes after the planned end', async () => {
    const c = await place();
    const opens = new Date(c.scheduledAt.getTime() - 10 * MINUTE);
    const closes = new Date(c.scheduledEndAt.getTime() + 30 * MINUTE);
    for (const at of [opens, new Date(closes.getTime() - 1)]) {
      const answer = await serviceAt(at).join(actorOf(employee), c.id);
      const { payload } = await jwtVerify(answer.jwt!, secret, { currentDate: at });
      expect(payload.exp).toBeLessThanOrEqual(seconds(closes));
    }
    for (const at of [new Date(opens.getTime() - 1), closes]) {
      const error = await refusal(serviceAt(at).join(actorOf(employee), c.id));
      expect(error).toMatchObject({
        code: 'OUTSIDE_TIME_WINDOW',
        status: 409,
        currentState: 'CONFIRMED',
        window: { opensAt: opens.toISOString(), closesAt: closes.toISOString() },
      });
    }
  });

  it('stays closed for a completed, cancelled or missed consultation, even inside the window', async () => {
    for (const status of ['COMPLETED', 'CANCELLED', 'NO_SHOW'] as const) {
      const c = await place({ status });
      const error = await refusal(serviceAt(c.scheduledAt).join(actorOf(employee), c.id));
      expect(error).toMatchObject({ code: 'ROOM_CLOSED', currentState: status });
    }
    for (const status of ['SCHEDULED', 'CONFIRMED', 'IN_PROGRESS'] as const) {
      const c = await place({ status });
      expect((await serviceAt(c.scheduledAt).join(actorOf(employee), c.id)).roomName).toBe(c.roomName);
    }
  });

  it('has no room for an in-person consultation', async () => {
    const c = await place({ format: 'IN_PERSON' });
    expect((await refusal(serviceAt(c.scheduledAt).join(actorOf(employee), c.id))).code).toBe('CONFLICT');
    expect((await refusal(serviceAt(c.scheduledAt).leave(actorOf(employee), c.id))).code).toBe('CONFLICT');
  });
});

describe('POST /api/v1/consultations/:id/join and /leave', () => {
  const call = (account: { headers: Record<string, string> }, id: string, action: 'join' | 'leave') =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${id}/${action}`,
      headers: { ...account.headers, 'user-agent': 'HuntZen video test' },
      remoteAddress: '203.0.113.9',
    });

  async function eventsOf(id: string) {
    return t.db.ownerDb
      .select()
      .from(consultationEvents)
      .where(eq(consultationEvents.consultationId, id))
      .orderBy(consultationEvents.timestamp);
  }

  it('lets both participants in now, recording ROOM_JOINED and ROOM_LEFT with who, IP and user agent', async () => {
    const c = await place({ scheduledAt: new Date(Date.now() + 5 * MINUTE) });
    const joined = await call(employee, c.id, 'join');
    expect(joined.statusCode, joined.body).toBe(200);
    expect(joined.json()).toMatchObject({ roomName: c.roomName, moderator: false, domain: DOMAIN });
    expect((await call(practitioner, c.id, 'join')).json()).toMatchObject({ moderator: true });
    const left = await call(employee, c.id, 'leave');
    expect(left.statusCode).toBe(204);
    expect(left.body).toBe('');

    const events = await eventsOf(c.id);
    expect(events.map((e) => [e.eventType, e.actorId, e.actorRole])).toEqual([
      ['ROOM_JOINED', employee.user.id, 'EMPLOYEE'],
      ['ROOM_JOINED', practitioner.user.id, 'PRACTITIONER'],
      ['ROOM_LEFT', employee.user.id, 'EMPLOYEE'],
    ]);
    expect(events[0]).toMatchObject({
      ipAddress: '203.0.113.9',
      userAgent: 'HuntZen video test',
      metadata: { party: 'employee', moderator: false, withToken: true },
    });
  });

  it('answers 409 with the code and the window outside it, and records nothing', async () => {
    const c = await place({ scheduledAt: new Date(Date.now() + 3 * 60 * MINUTE) });
    const response = await call(employee, c.id, 'join');
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      code: 'OUTSIDE_TIME_WINDOW',
      currentState: 'CONFIRMED',
      window: {
        opensAt: new Date(c.scheduledAt.getTime() - 10 * MINUTE).toISOString(),
        closesAt: new Date(c.scheduledEndAt.getTime() + 30 * MINUTE).toISOString(),
      },
    });
    expect(await eventsOf(c.id)).toEqual([]);
  });

  it('tells everyone else the consultation does not exist, and refuses HR and admins by role', async () => {
    const c = await place();
    const colleague = await signedIn(t.app, t.db, 'EMPLOYEE', { companyId });
    const stranger = await signedIn(t.app, t.db, 'EMPLOYEE');
    const otherPractitioner = await signedIn(t.app, t.db, 'PRACTITIONER');
    for (const who of [colleague, stranger, otherPractitioner]) {
      for (const action of ['join', 'leave'] as const) {
        const response = await call(who, c.id, action);
        expect(response.statusCode, `${who.user.role} ${action}`).toBe(404);
        expect(response.json().code).toBe('NOT_FOUND');
      }
    }
    for (const role of ['ADMIN_RH', 'ADMIN_HUNTZEN', 'SUPER_ADMIN'] as const) {
      const who = await signedIn(t.app, t.db, role, role === 'ADMIN_RH' ? { companyId } : {});
      expect((await call(who, c.id, 'join')).statusCode, role).toBe(403);
    }
    expect((await call(employee, randomUUID(), 'join')).statusCode).toBe(404);
    const bad = await call(employee, 'not-a-uuid', 'join');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('params.id');
    expect(await eventsOf(c.id)).toEqual([]);
    // Anonymous callers are not let in either.
    const anonymous = await t.app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${c.id}/join`,
      remoteAddress: clientIp(),
    });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('the content security policy', () => {
  it('lets pages load scripts and frames from the configured Jitsi server, and from no other', async () => {
    // Any answer but a health probe's (which carries no browser security headers).
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' });
    const csp = String(response.headers['content-security-policy']);
    const directive = (name: string) => csp.split(';').find((d) => d.startsWith(`${name} `));
    expect(directive('script-src')).toBe(`script-src 'self' https://${DOMAIN}`);
    expect(directive('frame-src')).toBe(`frame-src 'self' blob: https://${DOMAIN}`);
    expect(csp).not.toContain('meet.jit.si');
    expect(csp).toContain("default-src 'self'");
  });
});
