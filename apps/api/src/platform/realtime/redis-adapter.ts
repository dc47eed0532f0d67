// Several API instances behind a load balancer: with REDIS_URL, socket.io's Redis adapter relays
// every broadcast (`io.to(room).emit`, `disconnectSockets`…) to the other instances, so an emit
// reaches a user's sockets wherever they are connected. Without it, one instance works alone.
import { createAdapter } from '@socket.io/redis-adapter';
import type { FastifyBaseLogger } from 'fastify';
import { createClient } from 'redis';

export interface RedisAdapterHandle {
  adapter: ReturnType<typeof createAdapter>;
  /** Closes both Redis connections. */
  close(): Promise<void>;
}

/**
 * Connects the publishing and subscribing clients. `key` prefixes the channels: instances of one
 * deployment share it, another deployment on the same Redis must not.
 */
export async function connectRedisAdapter(
  url: string,
  key: string,
  logger: FastifyBaseLogger,
): Promise<RedisAdapterHandle> {
  // At start-up a Redis that stays unreachable stops the start with an error (instead of a silent
  // hang); once connected, a lost connection is retried for ever with backoff.
  let started = false;
  const pub = createClient({
    url,
    socket: {
      connectTimeout: 10_000,
      reconnectStrategy: (retries: number) =>
        !started && retries >= 3
          ? new Error(`Redis unreachable at start-up (${retries} attempts)`)
          : Math.min(100 * 2 ** retries, 5_000),
    },
  });
  const sub = pub.duplicate();
  // Without listeners a dropped connection would crash the process; the clients reconnect alone.
  pub.on('error', (err) => logger.warn({ err }, 'redis (publish) connection error'));
  sub.on('error', (err) => logger.warn({ err }, 'redis (subscribe) connection error'));
  try {
    await Promise.all([pub.connect(), sub.connect()]);
  } catch (error) {
    pub.destroy();
    sub.destroy();
    throw error;
  }
  started = true;
  return {
    adapter: createAdapter(pub, sub, { key }),
    async close() {
      await Promise.allSettled([pub.close(), sub.close()]);
    },
  };
}
