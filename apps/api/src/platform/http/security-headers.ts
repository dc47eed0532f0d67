// Security headers (Helmet) on every response, built once (issue #13). @fastify/helmet calls
// `helmet(options)` again on every request, which parses the CSP directives and builds a dozen
// middlewares each time, and adds an async hook (a promise per request) for `reply.helmet()` and
// CSP nonces, which nothing here uses. The headers do not depend on the request (the options come
// from the configuration, never from a request, and hold no function): one middleware, built at
// start-up, sets the same headers on the raw response, as @fastify/helmet does, so a route that
// sets its own header with `reply.header` (a page's stricter CSP, a public file's CORP) still wins.
import type { ServerResponse } from 'node:http';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

export type SecurityHeadersOptions = HelmetOptions;

/** An onRequest hook that sets the headers of `options` (Helmet built once). */
export function securityHeadersHook(options: SecurityHeadersOptions): onRequestHookHandler {
  const middleware = helmet(options);
  return (request, reply, done) => {
    middleware(request.raw, reply.raw as ServerResponse, (error?: unknown) =>
      error ? done(error as Error) : done(),
    );
  };
}

/** Sets the security headers on every route of `app` (the probes included), 404s and errors too. */
export function installSecurityHeaders(app: FastifyInstance, options: SecurityHeadersOptions): void {
  app.addHook('onRequest', securityHeadersHook(options));
}
