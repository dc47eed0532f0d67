// LISTEN on a PostgreSQL channel over a dedicated connection (a pooled one would be handed to other
// work), reconnecting with backoff when it drops. Notifications sent while it was down are lost:
// `onReconnect` lets the caller catch up from the tables.
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';

export interface ChannelListenerOptions {
  /** A new, unconnected client (e.g. `db.newAppClient`: same server, same role as requests). */
  newClient(): pg.Client;
  channel: string;
  onNotification(payload: string): void;
  /** Called after a lost connection is back. */
  onReconnect?(): void;
  logger: FastifyBaseLogger;
}

export interface ChannelListener {
  /** Stops listening and closes the connection. */
  close(): Promise<void>;
}

const MAX_BACKOFF_MS = 30_000;

/** Starts listening; resolves once the first LISTEN is in place. */
export async function listenToChannel(options: ChannelListenerOptions): Promise<ChannelListener> {
  const { channel, logger } = options;
  let client: pg.Client | null = null;
  let closed = false;
  let failures = 0;
  let retryTimer: NodeJS.Timeout | undefined;

  async function connect(): Promise<void> {
    const next = options.newClient();
    next.on('notification', (message) => {
      if (message.channel === channel && message.payload) options.onNotification(message.payload);
    });
    next.on('error', (err) => {
      logger.warn({ err, channel }, 'LISTEN connection lost');
      drop(next);
    });
    next.on('end', () => drop(next));
    try {
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      next.removeAllListeners('end');
      await next.end().catch(() => {});
      throw error;
    }
    if (closed) {
      await next.end().catch(() => {});
      return;
    }
    client = next;
  }

  function drop(lost: pg.Client): void {
    if (client !== lost) return;
    client = null;
    lost.end().catch(() => {});
    if (!closed) retry();
  }

  function retry(): void {
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** failures);
    retryTimer = setTimeout(() => {
      connect().then(
        () => {
          failures = 0;
          if (!closed) {
            logger.info({ channel }, 'LISTEN connection restored');
            options.onReconnect?.();
          }
        },
        (err: unknown) => {
          failures += 1;
          logger.warn({ err, channel, attempt: failures }, 'LISTEN reconnection failed');
          if (!closed) retry();
        },
      );
    }, delay);
  }

  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      const current = client;
      client = null;
      await current?.end().catch(() => {});
    },
  };
}
