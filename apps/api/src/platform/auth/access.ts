// Deny by default: every route under /api/ states who may call it, or the application refuses to
// start. 'public' lets anyone in; 'authenticated' any signed-in user; a list of roles only those.
// The bearer's access token becomes `request.actor`, used for every database call (withActor).
import { type Actor, type Database, roleEnum, type SessionToCheck, type UserRole } from '@huntzen/db';
import type {
  FastifyInstance,
  FastifyRequest,
  onRequestHookHandler,
  onSendHookHandler,
  RouteOptions,
} from 'fastify';
import { AppError } from '../errors';
import { isProbe } from '../probes';
import { type AccessClaims, verifyAccessToken } from './tokens';

/** Who may call a route. */
export type Access = 'public' | 'authenticated' | readonly UserRole[];

/** The signed-in user of a request (an Actor with the session it came from). */
export interface RequestActor extends Actor {
  role: UserRole;
  userId: string;
  email: string;
  sessionId: string;
  mfa: AccessClaims['mfa'];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every route under /api/: 'public', 'authenticated' or the roles allowed to call it. */
    access?: Access;
    /** Open to a user who must still enrol in 2FA (enrolment, `me`, logout). */
    allowDuringEnrollment?: boolean;
  }
  interface FastifyInstance {
    /** Every /api route with its access rule, in registration order (for the route × role test). */
    accessRules: { method: string; url: string; access: Access; allowDuringEnrollment: boolean }[];
  }
  interface FastifyRequest {
    /** The caller for the database: the signed-in user, or ANONYMOUS on public routes. */
    actor: Actor;
    /** Set on routes that require authentication. */
    user: RequestActor | null;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROLES = new Set<string>(roleEnum.enumValues);

/** True for the paths the guard watches. */
export function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/');
}

function describe(route: RouteOptions): string {
  const method = Array.isArray(route.method) ? route.method.join(',') : route.method;
  return `${method} ${route.url}`;
}

function checkAccess(route: RouteOptions): Access {
  const access = route.config?.access;
  if (access === 'public' || access === 'authenticated') return access;
  if (access === undefined) {
    throw new Error(
      `Route ${describe(route)} has no access rule: routes under /api/ are denied by default. ` +
        `Add \`config: { access: 'public' }\` or \`config: { access: ['EMPLOYEE', …] }\` to its options.`,
    );
  }
  if (!Array.isArray(access) || access.length === 0 || !access.every((role) => ROLES.has(role))) {
    throw new Error(
      `Route ${describe(route)} has an invalid access rule ${JSON.stringify(access)}: ` +
        `use 'public', 'authenticated' or a non-empty list of roles (${[...ROLES].join(', ')}).`,
    );
  }
  return access;
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

/** Request context recorded with every change (audit trigger, audit log). */
export function requestContext(request: FastifyRequest) {
  return { ip: request.ip, userAgent: request.headers['user-agent']?.slice(0, 500) ?? null };
}

/**
 * True while the session exists (not logged out or revoked) and the account is active. Every way in
 * with an access token asks this (HTTP guard, socket handshake, file downloads), so logout, "log out
 * everywhere", a password change and deactivation end the session at once.
 */
export async function sessionIsLive(
  db: Database,
  claims: Pick<AccessClaims, 'userId' | 'sessionId'>,
): Promise<boolean> {
  // One statement outside any transaction (migration 0027): the claims come from a token whose
  // signature was just verified, and the function answers only this pair's boolean.
  if (!UUID.test(claims.userId) || !UUID.test(claims.sessionId)) return false;
  const { rows } = await db.app.query<{ live: boolean }>('select session_is_live($1, $2) as live', [
    claims.userId,
    claims.sessionId,
  ]);
  return rows[0]?.live === true;
}

/** Reads: methods whose handlers change nothing (RFC 9110 safe methods that routes here use). */
const SAFE_METHODS = new Set(['GET', 'HEAD']);

function authenticate(db: Database, secret: () => Buffer, access: Access): onRequestHookHandler {
  return async (request) => {
    const token = bearerToken(request);
    if (!token) throw new AppError('UNAUTHENTICATED', 'This resource requires an authenticated user.');
    const claims = await verifyAccessToken(secret(), token);
    if (!UUID.test(claims.userId) || !UUID.test(claims.sessionId)) {
      throw new AppError('UNAUTHENTICATED', 'Invalid access token.');
    }
    // Logout, "log out everywhere", a password change and deactivation end a session at once, not
    // only when its access token expires. A read's check rides its first transaction (withActor,
    // issue #13, ADR 0004); an answer sent without one, a refusal below included, waits for it
    // (`checkSessionBeforeAnswer`), so that an ended session gets 401 and nothing else. A change is
    // checked here, before its handler: it may write as another actor (SYSTEM) first, whose
    // transaction carries no session of the caller's.
    const session: SessionToCheck = {
      userId: claims.userId,
      sessionId: claims.sessionId,
      state: 'unchecked',
    };
    if (!SAFE_METHODS.has(request.method)) {
      if (!(await sessionIsLive(db, claims)))
        throw new AppError('UNAUTHENTICATED', 'This session has ended.');
      session.state = 'live';
    }
    const user: RequestActor = { ...claims, ...requestContext(request), session };
    request.user = user;
    request.actor = user;
    if (claims.mfa === 'enrol' && !request.routeOptions.config.allowDuringEnrollment) {
      throw new AppError('FORBIDDEN', 'Enable two-factor authentication to continue.');
    }
    if (Array.isArray(access) && !access.includes(claims.role)) {
      throw new AppError('FORBIDDEN', 'Your role does not give access to this resource.');
    }
  };
}

/**
 * The session of a request that opened no transaction (or whose answer was decided before one,
 * as a 403 or a 400 is), checked before the answer leaves: an ended session gets 401, whatever the
 * handler computed. Nothing a handler does outside the database outlives its request.
 */
function checkSessionBeforeAnswer(db: Database | undefined): onSendHookHandler {
  return async (request, reply, payload) => {
    const session = request.user?.session;
    if (!session || session.state === 'live') return payload;
    if (session.state === 'unchecked') {
      const live = db ? await sessionIsLive(db, session) : false;
      session.state = live ? 'live' : 'ended';
      if (live) return payload;
    }
    // Ended: the error's own answer passes (it is this 401, or one sent before it was known).
    if (reply.statusCode === 401) return payload;
    throw new AppError('UNAUTHENTICATED', 'This session has ended.');
  };
}

export interface AccessGuardOptions {
  /** Prefixes under /api/ whose routes (registered by third-party plugins) are public. */
  publicPrefixes?: string[];
  /** Prefixes under /api/ whose routes (registered by third-party plugins) get this access rule. */
  prefixAccess?: Record<string, Access>;
  /** Needed to verify tokens; without it (unit tests of the guard) protected routes answer 401. */
  db?: Database;
  jwtSecret?: () => Buffer;
}

/** Installs the deny-by-default guard; call it before registering any route. */
export function installAccessGuard(app: FastifyInstance, options: AccessGuardOptions = {}): void {
  const publicPrefixes = options.publicPrefixes ?? [];
  const rules: FastifyInstance['accessRules'] = [];
  app.decorate('accessRules', rules);
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('user', null);
  // Callback style: it runs on every request, and needs no promise.
  app.addHook('onRequest', (request, _reply, done) => {
    // A health probe (platform/probes.ts) has no caller and reaches nothing that reads one.
    if (!isProbe(request)) request.actor = { role: 'ANONYMOUS', ...requestContext(request) };
    done();
  });
  const sessionCheck = checkSessionBeforeAnswer(options.db);
  app.addHook('onRoute', (route) => {
    if (!isApiPath(route.url)) return;
    const under = (prefix: string) => route.url === prefix || route.url.startsWith(`${prefix}/`);
    if (publicPrefixes.some(under)) {
      route.config = { ...route.config, access: 'public' };
      return;
    }
    const prefixed = Object.entries(options.prefixAccess ?? {}).find(([prefix]) => under(prefix));
    if (prefixed) route.config = { ...route.config, access: prefixed[1] };
    const access = checkAccess(route);
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      rules.push({
        method,
        url: route.url,
        access,
        allowDuringEnrollment: Boolean(route.config?.allowDuringEnrollment),
      });
    }
    if (access === 'public') return;
    const { db, jwtSecret } = options;
    const guard: onRequestHookHandler =
      db && jwtSecret
        ? authenticate(db, jwtSecret, access)
        : async () => {
            throw new AppError('UNAUTHENTICATED', 'This resource requires an authenticated user.');
          };
    const existing = route.onRequest ? [route.onRequest].flat() : [];
    route.onRequest = [guard, ...existing];
    route.onSend = [sessionCheck, ...(route.onSend ? [route.onSend].flat() : [])];
  });
}
