// Security headers (Helmet) on every response, computed once (issue #13). @fastify/helmet calls
// `helmet(options)` again on every request, which parses the CSP directives and builds a dozen
// middlewares each time, and adds an async hook (a promise per request) for `reply.helmet()` and
// CSP nonces, which nothing here uses. The headers do not depend on the request (the options come
// from the configuration, never from a request, and hold no function): Helmet runs once, at
// start-up, against a recording response, and every request then copies the recorded names and
// values into the reply's headers (one object write each). Running a dozen middlewares per request
// and setting each header on the raw response (a validation, a lowercase copy and a Map entry each,
// then a second pass when Fastify merges its own headers) cost more than the rest of a probe.
// The headers are the reply's, not the raw response's: a route that sets its own with
// `reply.header` (a page's stricter CSP, a public file's CORP) still wins, and the error handler
// keeps them on 4xx/5xx answers. Options holding a function (a per-request CSP value) fall back to
// running Helmet on every request, as @fastify/helmet does. The health probes go without them
// (platform/probes.ts): constant JSON for an orchestrator, no page.
import type { ServerResponse } from 'node:http';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { isProbe } from '../probes';

export type SecurityHeadersOptions = HelmetOptions;

/** Whether `value` holds a function anywhere (a CSP directive computed per request). */
function holdsFunction(value: unknown): boolean {
  if (typeof value === 'function') return true;
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).some(holdsFunction);
}

/**
 * The headers Helmet sets with `options`, as [lowercase name, value] pairs in Helmet's order.
 * Helmet also removes `X-Powered-By`, which neither Fastify nor any route here sets.
 */
export function securityHeaders(options: SecurityHeadersOptions): [string, string][] {
  if (holdsFunction(options))
    throw new Error('security headers computed per request cannot be computed once');
  const headers = new Map<string, string>();
  let failure: unknown;
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value));
      return recorder;
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
    },
  };
  helmet(options)({} as never, recorder as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
  });
  if (failure) throw failure;
  return [...headers];
}

/** An onRequest hook that sets the headers of `options` on the reply. */
export function securityHeadersHook(options: SecurityHeadersOptions): onRequestHookHandler {
  if (holdsFunction(options)) {
    const middleware = helmet(options);
    return (request, reply, done) => {
      if (isProbe(request)) return done();
      middleware(request.raw, reply.raw as ServerResponse, (error?: unknown) =>
        error ? done(error as Error) : done(),
      );
    };
  }
  const headers = securityHeaders(options);
  const names = headers.map(([name]) => name);
  const values = headers.map(([, value]) => value);
  const count = headers.length;
  return (request, reply, done) => {
    if (!isProbe(request)) for (let i = 0; i < count; i++) reply.header(names[i]!, values[i]);
    done();
  };
}

/** Sets the security headers on every route of `app` but the probes, 404s and errors too. */
export function installSecurityHeaders(app: FastifyInstance, options: SecurityHeadersOptions): void {
  app.addHook('onRequest', securityHeadersHook(options));
}
