// The one way request code reaches the database: a transaction on the application role whose
// `app.*` settings identify the actor, so the row-level security policies can decide.
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { type Actor, actorSettings } from './actor';
import type { Database, Db } from './client';
import * as schema from './schema';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Runs `fn` in one transaction whose row-level security settings are those of `actor`. */
export async function withActor<T>(db: Database, actor: Actor, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const s = actorSettings(actor);
  // SYSTEM is proven by this process's token (migration 0018), not by the role setting alone.
  const systemToken = actor.role === 'SYSTEM' ? await db.systemToken() : '';
  // The connection is taken here and always given back, broken or not: Drizzle's own pool path
  // keeps a connection whose BEGIN fails (the database going away), and the pool, once all its
  // connections are kept so, would wait forever. pg's pool drops a connection that is broken.
  const client = await db.app.connect();
  // A connection lost between two statements is reported as an 'error' event, which the pool
  // listens to only while the connection is idle: unheard, it would end the process. The next
  // statement fails anyway, and the pool drops the connection when it is given back.
  client.on('error', ignoreLostConnection);
  try {
    return await overConnection(client).transaction(async (tx) => {
      // set_config(…, true) is transaction-local: nothing leaks to the next user of the connection.
      await tx.execute(sql`select
      set_config('app.current_user', ${s['app.current_user']}, true),
      set_config('app.current_role', ${s['app.current_role']}, true),
      set_config('app.current_email', ${s['app.current_email']}, true),
      set_config('app.current_tenant', ${s['app.current_tenant']}, true),
      set_config('app.current_employee', ${s['app.current_employee']}, true),
      set_config('app.current_practitioner', ${s['app.current_practitioner']}, true),
      set_config('app.current_ip', ${s['app.current_ip']}, true),
      set_config('app.current_user_agent', ${s['app.current_user_agent']}, true),
      set_config('app.system_token', ${systemToken}, true)`);
      return fn(tx);
    });
  } finally {
    client.off('error', ignoreLostConnection);
    client.release();
  }
}

function ignoreLostConnection(): void {}

// One Drizzle instance per pooled connection, built at its first use (pg's pool reuses them).
const instances = new WeakMap<pg.PoolClient, Db>();

function overConnection(client: pg.PoolClient): Db {
  let instance = instances.get(client);
  if (!instance) {
    instance = drizzle({ client, schema });
    instances.set(client, instance);
  }
  return instance;
}
