// Deny by default: every route under /api/ states who may call it, or the application refuses to
// start. `access: 'public'` lets anyone in; a list of roles requires an authenticated user with one
// of them. Tokens do not exist yet, so for now a role list always answers 401.
import { roleEnum, type UserRole } from '@huntzen/db';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler, RouteOptions } from 'fastify';
import { AppError } from '../errors';

/** Who may call a route. */
export type Access = 'public' | readonly UserRole[];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every route under /api/: 'public' or the roles allowed to call it. */
    access?: Access;
  }
}

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
  if (access === 'public') return access;
  if (access === undefined) {
    throw new Error(
      `Route ${describe(route)} has no access rule: routes under /api/ are denied by default. ` +
        `Add \`config: { access: 'public' }\` or \`config: { access: ['EMPLOYEE', …] }\` to its options.`,
    );
  }
  if (!Array.isArray(access) || access.length === 0 || !access.every((role) => ROLES.has(role))) {
    throw new Error(
      `Route ${describe(route)} has an invalid access rule ${JSON.stringify(access)}: ` +
        `use 'public' or a non-empty list of roles (${[...ROLES].join(', ')}).`,
    );
  }
  return access;
}

const requireAuthentication: onRequestHookHandler = async (_request: FastifyRequest) => {
  // The identity module replaces this with token verification and the role check.
  throw new AppError('UNAUTHENTICATED', 'This resource requires an authenticated user.');
};

export interface AccessGuardOptions {
  /** Prefixes under /api/ whose routes (registered by third-party plugins) are public. */
  publicPrefixes?: string[];
}

/** Installs the deny-by-default guard; call it before registering any route. */
export function installAccessGuard(app: FastifyInstance, options: AccessGuardOptions = {}): void {
  const publicPrefixes = options.publicPrefixes ?? [];
  app.addHook('onRoute', (route) => {
    if (!isApiPath(route.url)) return;
    if (publicPrefixes.some((prefix) => route.url === prefix || route.url.startsWith(`${prefix}/`))) {
      route.config = { ...route.config, access: 'public' };
      return;
    }
    if (checkAccess(route) === 'public') return;
    const existing = route.onRequest ? [route.onRequest].flat() : [];
    route.onRequest = [requireAuthentication, ...existing];
  });
}
