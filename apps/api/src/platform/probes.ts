// What a probe costs per request. Orchestrators and load balancers poll /healthz every few seconds
// on every instance, so the liveness probe must stay close to a bare Fastify route (issue #13).
// The probes keep what is their contract — the x-request-id header, the request metrics, a log
// line with the request id when they fail — and skip, in their own encapsulated context, the
// per-request work they do not need:
// - Fastify creates a pino child logger per request, which serializes (and redacts) its bindings:
//   here the child is created only if the probe logs something (it then carries reqId);
// - the Zod response serializer re-validates a constant: here the answer is JSON.stringify'd;
// - the access guard's and the request context's hooks return at once (see `isProbe`): a probe
//   has no caller and schedules nothing;
// - the browser security headers (platform/http/security-headers.ts) are left out: a probe answers
//   a constant JSON document (or a fixed problem) to an orchestrator, no page, nothing a browser
//   could frame, sniff or embed with user data in it. Those 11-12 headers (650-730 bytes, validated
//   and written on every answer, parsed by every caller) were the largest cost left on a probe once
//   its hooks were cheap: on a bare Fastify route they alone take about a third of its requests/s
//   (autocannon at 32 connections, as in bench/http.bench.ts).
import type { FastifyBaseLogger, FastifyPluginAsync, FastifyRequest } from 'fastify';

/**
 * Set on the requests of the probes' context only (a request decorator of that context: Fastify
 * builds the requests of each context from a class of its own). Read by every global hook of every
 * request, so a field rather than `request.routeOptions.config`, a getter that builds an object of a
 * dozen fields (and asks the router about version constraints) on each read.
 */
const PROBE = Symbol('huntzen.probe');

/** Whether `request` is a health probe's (for hooks that a probe does not need). */
export function isProbe(request: FastifyRequest): boolean {
  return (request as unknown as { [PROBE]?: boolean })[PROBE] === true;
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

/** Registers `routes` (the probes) in a context that does per request only what a probe needs. */
export function probeContext(routes: FastifyPluginAsync): FastifyPluginAsync {
  return async (app) => {
    app.setChildLoggerFactory(lazyChildLogger);
    // The probes answer constants and problem documents: no schema to enforce on the way out.
    app.setSerializerCompiler(() => (data) => JSON.stringify(data));
    app.decorateRequest(PROBE, true);
    await app.register(routes);
  };
}
