// What a probe costs per request. Orchestrators and load balancers poll /healthz every few seconds
// on every instance, so the liveness probe must stay close to a bare Fastify route (issue #13).
// The probes keep what is their contract — the security headers (the same ones, from the same
// options), the x-request-id header, the request metrics, a log line with the request id when they
// fail — and skip, in their own encapsulated context, the per-request work they do not need:
// - @fastify/helmet builds Helmet's middleware again on every request (parsing the CSP directives
//   each time): here it is built once, from the same options, and @fastify/helmet skips the route;
// - Fastify creates a pino child logger per request, which runs the redaction paths over its
//   bindings: here the child is created only if the probe logs something (it then carries reqId);
// - the Zod response serializer re-validates a constant: here the answer is JSON.stringify'd;
// - the access guard's and the request context's hooks return at once (`config.probe`, see
//   `isProbe`): a probe has no caller and schedules nothing.
import type { ServerResponse } from 'node:http';
import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyBaseLogger, FastifyPluginAsync, FastifyRequest, onRequestHookHandler } from 'fastify';
import helmet from 'helmet';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A health probe's route (`probeContext`): global hooks it does not need return at once. */
    probe?: boolean;
  }
}

/** Whether `request` is a health probe's (for hooks that a probe does not need). */
export function isProbe(request: FastifyRequest): boolean {
  return request.routeOptions.config.probe === true;
}

type Logger = FastifyBaseLogger;
type Bindings = Parameters<Logger['child']>[0];
type ChildOptions = Parameters<Logger['child']>[1];
type Log = (...args: unknown[]) => void;

/**
 * A request's child logger created on first use only (same bindings, same options): methods on the
 * prototype, so a request that logs nothing allocates one small object.
 */
class LazyChildLogger {
  #child: Logger | undefined;
  readonly #parent: Logger;
  readonly #bindings: Bindings;
  readonly #options: ChildOptions;

  constructor(parent: Logger, bindings: Bindings, options: ChildOptions) {
    this.#parent = parent;
    this.#bindings = bindings;
    this.#options = options;
  }

  #real(): Logger {
    this.#child ??= this.#parent.child(this.#bindings, this.#options);
    return this.#child;
  }

  get level(): string {
    return this.#real().level;
  }
  set level(value: string) {
    this.#real().level = value;
  }
  info(...args: unknown[]) {
    (this.#real().info as Log)(...args);
  }
  error(...args: unknown[]) {
    (this.#real().error as Log)(...args);
  }
  debug(...args: unknown[]) {
    (this.#real().debug as Log)(...args);
  }
  fatal(...args: unknown[]) {
    (this.#real().fatal as Log)(...args);
  }
  warn(...args: unknown[]) {
    (this.#real().warn as Log)(...args);
  }
  trace(...args: unknown[]) {
    (this.#real().trace as Log)(...args);
  }
  silent(...args: unknown[]) {
    (this.#real().silent as Log)(...args);
  }
  child(bindings: Bindings, options?: ChildOptions): Logger {
    return this.#real().child(bindings, options);
  }
}

function lazyChildLogger(parent: Logger, bindings: Bindings, options: ChildOptions): Logger {
  return new LazyChildLogger(parent, bindings, options) as unknown as Logger;
}

export interface ProbeContextOptions {
  /** The options the application gives @fastify/helmet: the probes send the same headers. */
  securityHeaders: FastifyHelmetOptions;
}

/** Registers `routes` (the probes) in a context that does per request only what a probe needs. */
export function probeContext(routes: FastifyPluginAsync, options: ProbeContextOptions): FastifyPluginAsync {
  return async (app) => {
    // The plugin's own options aside (CSP nonces are for pages, never for a probe's JSON).
    const { enableCSPNonces: _nonces, global: _global, ...helmetOptions } = options.securityHeaders;
    // (@fastify/helmet types the options with helmet's CommonJS declarations, this file with its ESM ones.)
    const headers = helmet(helmetOptions as Parameters<typeof helmet>[0]);
    const applyHeaders: onRequestHookHandler = (request, reply, done) => {
      headers(request.raw, reply.raw as ServerResponse, (error?: unknown) =>
        error ? done(error as Error) : done(),
      );
    };
    app.setChildLoggerFactory(lazyChildLogger);
    // The probes answer constants and problem documents: no schema to enforce on the way out.
    app.setSerializerCompiler(() => (data) => JSON.stringify(data));
    app.addHook('onRoute', (route) => {
      // @fastify/helmet's own route option (`helmet: false`), as its onRoute hook translates it.
      route.config = { ...route.config, probe: true, helmet: { skipRoute: true } } as typeof route.config;
      route.onRequest = [applyHeaders, ...(route.onRequest ? [route.onRequest].flat() : [])];
    });
    await app.register(routes);
  };
}
