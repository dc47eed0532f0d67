// The jobs platform logs through the application's pino logger. Graphile Worker has a logger
// interface of its own (level + message + meta, with a scope per worker/job): adapt one to the other.
import { Logger, type LogLevel } from 'graphile-worker';

type LogMethod = {
  (fields: object, message?: string): void;
  (message: string): void;
};

/** The part of a pino logger the jobs platform uses. */
export interface JobsLogger {
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
  debug: LogMethod;
  child?(bindings: Record<string, unknown>): JobsLogger;
}

/** A child logger with `bindings` when the logger supports it, else the logger itself. */
export function childLogger(logger: JobsLogger, bindings: Record<string, unknown>): JobsLogger {
  return logger.child ? logger.child(bindings) : logger;
}

/** Graphile Worker's Logger writing to `logger`, tagged `component: 'jobs'`. */
export function toGraphileLogger(logger: JobsLogger): Logger {
  return new Logger((scope) => {
    const base = { component: 'jobs', ...scope };
    return (level: LogLevel, message: string, meta?: Record<string, unknown>) => {
      // pino serialises errors under `err` only.
      const { error, ...rest } = meta ?? {};
      const fields = error === undefined ? { ...base, ...rest } : { ...base, ...rest, err: error };
      // LogLevel is a const enum in a .d.ts: compare with its string values.
      switch (level as string) {
        case 'error':
          logger.error(fields, message);
          break;
        case 'warning':
          logger.warn(fields, message);
          break;
        case 'info':
          logger.info(fields, message);
          break;
        default:
          logger.debug(fields, message);
      }
    };
  });
}
