// Tenant isolation: request code reaches the database only through `app.withActor(actor, tx => …)`,
// one transaction on the application role carrying the actor's row-level security settings. The
// implementation is `withActor` of @huntzen/db; this binds it to the application's pools.
import { type Actor, type Database, type Tx, withActor } from '@huntzen/db';
import type { FastifyInstance } from 'fastify';

export { type Actor, ANONYMOUS_ACTOR, SYSTEM_ACTOR, type Tx } from '@huntzen/db';

declare module 'fastify' {
  interface FastifyInstance {
    /** Runs `fn` in one transaction whose row-level security settings are those of `actor`. */
    withActor<T>(actor: Actor, fn: (tx: Tx) => Promise<T>): Promise<T>;
  }
}

/** Decorates `app` with `withActor` bound to `db`. */
export function installTenancy(app: FastifyInstance, db: Database): void {
  app.decorate('withActor', <T>(actor: Actor, fn: (tx: Tx) => Promise<T>) => withActor(db, actor, fn));
}
