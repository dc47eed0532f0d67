// Connection pools. The owner pool runs migrations, seeds and the jobs runner's own bookkeeping;
// the application pool runs every request as the `huntzen_app` role, which owns nothing and has
// no BYPASSRLS, so the row-level security policies always apply to it.
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { parse as parseConnectionString } from 'pg-connection-string';
import * as schema from './schema';

/**
 * The database role of the application (created by the security migration): the login of the
 * application pool. It switches to an actor's role for a signed-in actor's transaction (ACTOR_ROLES).
 */
export const APP_ROLE = 'huntzen_app';
/**
 * The role that holds every grant of the application (migration 0040): `huntzen_app` and the actor
 * roles inherit them. Grant new objects to it, never to `huntzen_app` itself.
 */
export const PRIVILEGES_ROLE = 'huntzen_privileges';

export type Schema = typeof schema;
export type Db = NodePgDatabase<Schema>;

export interface Database {
  owner: pg.Pool;
  app: pg.Pool;
  /** Drizzle over the application pool: reach it only through `withActor`. */
  appDb: Db;
  /** Drizzle over the owner pool: migrations, seeds, maintenance. Bypasses row-level security. */
  ownerDb: Db;
  /**
   * This process's proof of the SYSTEM actor (`app.system_token`), registered through the owner
   * pool (migration 0018) before it is first used, and renewed before it expires.
   */
  systemToken(): Promise<string>;
  /** A new unpooled client of the application role, not yet connected (LISTEN connections). */
  newAppClient(): pg.Client;
  close(): Promise<void>;
}

/** How long a registered system token stays valid; a process renews its own at half that age. */
const SYSTEM_TOKEN_TTL_HOURS = 24;

export interface DatabaseOptions {
  /** Owner URL. */
  url: string;
  /** Optional separate login of the application role; otherwise the owner login switches role. */
  appUrl?: string | undefined;
  maxConnections?: number;
  /** Told about idle connections that drop (PostgreSQL restarting or stopping); default: ignored. */
  onIdleError?: (error: Error, pool: 'owner' | 'app') => void;
}

/**
 * Connection settings of the application role on the owner's server when no APP_DATABASE_URL is
 * given: user `huntzen_app`, with a password derived from the owner URL's server and credentials
 * (the same on every instance and every database of one server; as secret as the owner's own
 * password). The first connection enables the login (`ALTER ROLE … LOGIN PASSWORD`, sent as a
 * SCRAM verifier so the password never appears in a statement), which needs CREATEROLE, as the
 * migrations already do.
 */
function appLogin(ownerUrl: string, owner: pg.Pool): pg.PoolConfig {
  // Not the host or port: every address of one server (a proxy, localhost or 127.0.0.1) must derive
  // the same password, or processes would keep replacing each other's.
  const url = new URL(ownerUrl);
  const secret = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  const password = createHmac('sha256', secret).update('huntzen_app login').digest('base64url');
  // The owner's settings (host or socket, port, database, TLS) with the role's own login; not as a
  // connection string, which pg would let override the fields given beside it.
  const { user: _owner, password: _ownerPassword, ...server } = parseConnectionString(ownerUrl);
  const settings = { ...server, user: APP_ROLE, password } as pg.ClientConfig;
  const canLogIn = async () => {
    const probe = new pg.Client(settings);
    try {
      await probe.connect();
      return true;
    } catch (error) {
      // 28P01 wrong password, 28000 login not allowed (the role as the migration created it).
      const code = (error as { code?: string }).code;
      if (code !== '28P01' && code !== '28000') throw error;
      return false;
    } finally {
      await probe.end().catch(() => {});
    }
  };
  const enable = async () => {
    // Several processes may start at once (tests, instances): one ALTER ROLE wins, the others
    // may fail with "tuple concurrently updated" and find the login working on the next probe.
    for (let attempt = 1; !(await canLogIn()); attempt++) {
      if (attempt > 3)
        throw new Error(
          `the ${APP_ROLE} role cannot log in with a password on this server (pg_hba.conf): ` +
            `set APP_DATABASE_URL to a login of that role`,
        );
      await owner
        .query(`ALTER ROLE ${APP_ROLE} WITH LOGIN PASSWORD '${scramVerifier(password)}'`)
        .catch((error: unknown) => {
          if (attempt === 3) throw error;
        });
    }
  };
  let enabled: Promise<void> | null = null;
  // Before a connection starts, not while it authenticates: PostgreSQL reads the role's password
  // when the connection arrives, so one enabled during its authentication would still fail.
  const ready = () =>
    (enabled ??= enable().catch((error) => {
      enabled = null; // retried by the next connection (database down, not migrated yet)
      throw error;
    }));
  return { ...settings, Client: clientAfter(ready, pg.Client) };
}

/** `Base`, connecting only once `ready` resolves (pg.Pool calls `connect(callback)`). */
function clientAfter(ready: () => Promise<void>, Base: typeof pg.Client): typeof pg.Client {
  class ClientAfterReady extends Base {
    // biome-ignore lint/suspicious/noExplicitAny: pg's two overloads (promise and callback) in one.
    override connect(callback?: any): any {
      const connected = ready().then(() => super.connect());
      if (!callback) return connected;
      connected.then(() => callback(null), callback);
    }
  }
  return ClientAfterReady;
}

/**
 * Statements one connection of the application pool keeps prepared, at most, the least recently
 * used dropped first (DEALLOCATE): a plan under row-level security can take hundreds of kilobytes
 * of the server's memory (the consultations list's: 430 KB), so a connection keeps the statements
 * in use, not every text it ever ran. asyncpg keeps 100 by default, pgJDBC 256.
 */
export const PREPARED_PER_CONNECTION = 200;

const STATEMENT_SCOPE = Symbol('statementScope');
const OPENING = Symbol('opening');

/**
 * `Base` preparing each parameterised statement it sends (issue #13, ADR 0004): parsed once per
 * connection and planned by PostgreSQL's plan cache rather than from scratch on every request.
 * Under row-level security, planning the policies' expansion cost more than running the statement
 * (consultations list: 1.5 ms planning, 0.4 ms execution). The policies read the actor's settings
 * when the statement runs, never when it is planned, so a plan serves every actor of one database
 * role (each role has its statement: `setStatementScope`). Only
 * statements with parameters, or named by their caller (Drizzle's prepared queries: `builtOnce`),
 * are prepared, under a name of this client's: those are single statements by construction (the
 * extended protocol allows no more), where a text without them may hold several (`begin; select
 * set_config(…)`), which a prepared statement cannot.
 */
export function preparingClient(Base: typeof pg.Client): typeof pg.Client {
  class PreparingClient extends Base {
    /** Scope and text → its statement's name on this connection, least recently used first. */
    #prepared = new Map<string, string>();
    /** See `setStatementScope`. */
    [STATEMENT_SCOPE] = '';
    /** Names are never reused: one whose DEALLOCATE failed stays the server's alone. */
    #nextName = 0;
    /** See `openWithNextStatement`: the opening the next statement carries, until it ends. */
    [OPENING]: Opening | null = null;
    /** The openings' statements prepared on this connection (`PREPARE`), by name. */
    #openings = new Set<string>();

    // biome-ignore lint/suspicious/noExplicitAny: pg's overloads (text or config, promise or callback) in one.
    override query(...args: any[]): any {
      this.#holdWritesThisTick();
      const opening = this[OPENING];
      if (opening === null) return this.#query(args);
      // With BEGIN, the statements after this one are the transaction's as any other. Without,
      // each statement is a transaction of its own, and carries the opening.
      if (opening.spec.begin) this[OPENING] = null;
      return this.#carry(opening, args);
    }

    /** See `#holdWritesThisTick`. */
    #holdingWrites = false;

    /**
     * Holds this connection's writes until the current tick's work is done (the socket corked until
     * `process.nextTick`): statements sent together (the pipelined connection does not wait for
     * their answers) leave in one write, not one each (issue #13: on a local socket a write costs
     * tens of microseconds, much of a short request's time).
     */
    #holdWritesThisTick(): void {
      if (this.#holdingWrites) return;
      const stream = (this as unknown as { connection: { stream: Writable } }).connection.stream;
      this.#holdingWrites = true;
      stream.cork();
      process.nextTick(() => {
        this.#holdingWrites = false;
        stream.uncork();
      });
    }

    /**
     * The statement of `args` with `opening` before it, in one batch: PREPARE of the opening's
     * statement if this connection has not prepared it yet, BEGIN if the opening has one, then the
     * opening's Bind and Execute and the statement's own messages before one Sync (OpenedQuery).
     */
    // biome-ignore lint/suspicious/noExplicitAny: as `query`.
    #carry(opening: Opening, args: any[]): any {
      const statement = opening.statement();
      const { name, prepare } = statement;
      if (!this.#openings.has(name)) {
        this.#openings.add(name);
        super.query(prepare).catch(() => this.#openings.delete(name)); // retried by the next opening
      }
      const begun = opening.spec.begin ? super.query('begin') : null;
      const [first, second] = args;
      const callback = typeof args.at(-1) === 'function' ? args.at(-1) : undefined;
      const config = typeof first === 'string' ? { text: first } : { ...first };
      if (Array.isArray(second)) config.values = second;
      // Named as any other statement (prepared when it has parameters); always in the extended
      // protocol, which carries the opening in its batch.
      if (isNamed(config, config.values)) config.name = this.#nameOf(config.text);
      config.queryMode = 'extended';
      const query = new OpenedQuery(config, statement);
      const answer = new Promise((resolve, reject) => {
        query.callback = (error, result) => {
          callback?.(error, result);
          if (error) reject(error);
          else resolve(result);
        };
      });
      super.query(query as unknown as pg.QueryConfig);
      opening.carriedBy(answer, query, begun);
      return callback ? undefined : answer;
    }

    // biome-ignore lint/suspicious/noExplicitAny: as `query`.
    #query(args: any[]): any {
      const [first, second] = args;
      const config =
        typeof first === 'string' ? { text: first } : first && typeof first === 'object' ? first : null;
      // A Submittable (cursor, stream) goes as it is. A name given by the caller (Drizzle's prepared
      // queries, `builtOnce`) is replaced: statements are named here alone, per scope and text.
      if (config && typeof config.submit !== 'function') {
        const values = config.values ?? second;
        if (isNamed(config, values)) {
          args[0] = { ...config, name: this.#nameOf(config.text) };
          if (typeof first === 'string') args[1] = values;
        }
      }
      return super.query(...(args as Parameters<pg.Client['query']>));
    }

    /** Scope → text → key of `#prepared` (so that a text's key is not built on each run). */
    #keys = new Map<string, Map<string, string>>();

    /** The name of the statement of `text` in the current scope, prepared or to be prepared. */
    #nameOf(text: string): string {
      const scope = this[STATEMENT_SCOPE];
      let keys = this.#keys.get(scope);
      if (!keys || keys.size > 4 * PREPARED_PER_CONNECTION) {
        keys = new Map();
        this.#keys.set(scope, keys);
      }
      let key = keys.get(text);
      if (key === undefined) {
        key = `${scope}\n${text}`;
        keys.set(text, key);
      }
      let name = this.#prepared.get(key);
      if (name !== undefined) {
        this.#prepared.delete(key); // set again below: now the most recently used
      } else {
        if (this.#prepared.size >= PREPARED_PER_CONNECTION) this.#dropLeastRecentlyUsed();
        name = `hz_${this.#nextName++}`;
      }
      this.#prepared.set(key, name);
      return name;
    }

    #dropLeastRecentlyUsed(): void {
      const oldest = this.#prepared.entries().next().value;
      if (!oldest) return;
      const [key, name] = oldest;
      this.#prepared.delete(key);
      // pg forgets it at once (the text, if it comes back, is parsed again under a new name); the
      // server drops it before any statement queued after this one. A DEALLOCATE that fails (in a
      // transaction already failed) leaves the statement to the server until the connection ends.
      const parsed = (this as unknown as { connection: { parsedStatements: Record<string, string> } })
        .connection.parsedStatements;
      delete parsed[name];
      super.query(`deallocate ${name}`).catch(() => undefined);
    }
  }
  return PreparingClient;
}

/**
 * Prepares the connection's next statements apart from those of other scopes: `withActor` gives the
 * database role its transaction runs as. PostgreSQL keeps one plan per prepared statement and,
 * under row-level security, plans it again whenever it runs as another role than the one it was
 * planned for; one statement per role keeps each plan. (A scope that does not match the role only
 * costs that new plan: PostgreSQL checks the role itself.) No effect on other clients.
 */
export function setStatementScope(client: pg.ClientBase, scope: string): void {
  if (STATEMENT_SCOPE in client) (client as unknown as Record<symbol, string>)[STATEMENT_SCOPE] = scope;
}

/**
 * Whether a statement is named here (and so prepared): parameterised ones and those a caller named,
 * which are single statements by construction. Others (a text of several statements) go unnamed.
 */
function isNamed(config: { name?: unknown }, values: unknown): boolean {
  return (Array.isArray(values) && values.length > 0) || config.name !== undefined;
}

/** What opens a transaction of `withActor` (see `openWithNextStatement`). */
export interface OpeningSpec {
  /** Set for the transaction: `set_config(name, value, true)`, in this order. */
  settings: Readonly<Record<string, string>>;
  /** A session to check after them (`require_live_session`, migration 0037), or null. */
  session: { userId: string; sessionId: string } | null;
  /**
   * With BEGIN: one transaction of any number of statements, which its caller ends (COMMIT or
   * ROLLBACK). Without (autocommit): each statement is a transaction of its own, the implicit one
   * of its batch of the extended protocol, which its Sync ends (committed, or rolled back on an
   * error), and each carries the opening until the opening is closed.
   */
  begin: boolean;
}

/** The opening's statement on any connection: its name, its PREPARE, and its values. */
function openingStatement(
  spec: OpeningSpec,
  checksSession: boolean,
): OpeningStatement & { values: string[] } {
  const session = checksSession ? spec.session : null;
  const names = Object.keys(spec.settings);
  const key = `${names.join(',')}${session ? '+session' : ''}`;
  let statement = openingStatements.get(key);
  if (!statement) {
    const calls = names.map((name, i) => `set_config(${pg.escapeLiteral(name)}, $${i + 1}, true)`);
    if (session) calls.push(`require_live_session($${names.length + 1}::uuid, $${names.length + 2}::uuid)`);
    const types = Array.from({ length: names.length + (session ? 2 : 0) }, () => 'text');
    const name = `hz_open_${openingStatements.size}`;
    const text = `select ${calls.join(', ')}`;
    statement = { name, text, prepare: `prepare ${name} (${types.join(', ')}) as ${text}` };
    openingStatements.set(key, statement);
  }
  const values = Object.values(spec.settings);
  if (session) values.push(session.userId, session.sessionId);
  return { ...statement, values };
}

interface OpeningStatement {
  /** Its name on every connection that prepared it. */
  name: string;
  /** What it runs. */
  text: string;
  /** `prepare name (types) as text`. */
  prepare: string;
}

/** Each kind of opening (its settings' names, with or without the session check) → its statement. */
const openingStatements = new Map<string, OpeningStatement>();

/** What pg's Query (its extended-protocol path) is to OpenedQuery. */
interface ExtendedQuery {
  callback?: (error: Error | null, result?: unknown) => void;
  prepare(connection: Connection): void;
  handleDataRow(message: unknown): void;
  handleCommandComplete(message: unknown, connection: Connection): void;
  handleError(error: Error, connection: Connection): void;
}

interface Connection {
  bind(config: { statement: string; values: string[] }): void;
  execute(config: Record<string, never>): void;
}

const ExtendedQuery = pg.Query as unknown as new (config: object) => ExtendedQuery;

/**
 * A statement whose batch of the extended protocol first runs an opening: Bind and Execute of the
 * opening's prepared statement, then the statement's own Parse, Bind, Describe, Execute and Sync.
 * PostgreSQL runs them in order and answers the opening's row and completion first, which are not
 * the statement's: skipped here. An error of the opening skips the rest of the batch (the statement
 * never runs) and is kept as `openingError`.
 */
class OpenedQuery extends ExtendedQuery {
  openingError: Error | null = null;
  /** Completions of the opening still to come before the statement's answer. */
  #opening = 1;

  constructor(
    config: object,
    /** The opening's prepared statement and its values (`recordStatements` reads them too). */
    readonly opening: { name: string; text: string; values: string[] },
  ) {
    super(config);
  }

  override prepare(connection: Connection): void {
    connection.bind({ statement: this.opening.name, values: this.opening.values });
    connection.execute({});
    super.prepare(connection);
  }

  override handleDataRow(message: unknown): void {
    if (this.#opening === 0) super.handleDataRow(message);
  }

  override handleCommandComplete(message: unknown, connection: Connection): void {
    if (this.#opening > 0) this.#opening -= 1;
    else super.handleCommandComplete(message, connection);
  }

  override handleError(error: Error, connection: Connection): void {
    if (this.#opening > 0) this.openingError = error;
    super.handleError(error, connection);
  }
}

/** A transaction's opening, waiting for its first statement (see `openWithNextStatement`). */
export class Opening {
  /** One per statement that carried it. */
  #outcomes: Promise<void>[] = [];
  /** The session (if any) was found live by a statement's opening: the next ones need not ask. */
  #sessionLive = false;

  constructor(
    readonly spec: OpeningSpec,
    readonly client: pg.ClientBase,
  ) {}

  /** Whether a statement has carried it. */
  get carried(): boolean {
    return this.#outcomes.length > 0;
  }

  /** The opening's statement and values without and with the session check, once built. */
  #statements: [
    (OpeningStatement & { values: string[] }) | null,
    (OpeningStatement & { values: string[] }) | null,
  ] = [null, null];

  /** The statement the next statement carries: with the session check until one found it live. */
  statement(): OpeningStatement & { values: string[] } {
    const checks = this.spec.session !== null && !this.#sessionLive ? 1 : 0;
    let statement = this.#statements[checks];
    if (!statement) {
      statement = openingStatement(this.spec, checks === 1);
      this.#statements[checks] = statement;
    }
    return statement;
  }

  /** Called by the client whose statement carries it. */
  carriedBy(answer: Promise<unknown>, query: OpenedQuery, begun: Promise<unknown> | null): void {
    const outcome = Promise.allSettled([begun, answer]).then(([begin]) => {
      if (begin.status === 'rejected') throw begin.reason;
      if (query.openingError) throw query.openingError;
      this.#sessionLive = true;
    });
    outcome.catch(() => undefined); // observed at once: reported by `result`, never as unhandled
    this.#outcomes.push(outcome);
  }

  /**
   * Resolves once the answers of the statements that carried it are in; rejects with the first
   * failure of the opening itself (the settings, the session check) among them.
   */
  async result(): Promise<void> {
    if (!this.carried) throw new Error('This opening was not sent.');
    for (const outcome of this.#outcomes) await outcome;
  }

  /** Drops the opening if no statement has carried it: true then (nothing was sent). */
  cancel(): boolean {
    if (this.carried) return false;
    this.close();
    return true;
  }

  /** The transaction is over: the connection takes statements without an opening again. */
  close(): void {
    const holder = this.client as unknown as Record<symbol, Opening | null>;
    if (holder[OPENING] === this) holder[OPENING] = null;
  }
}

/**
 * Opens a transaction with the connection's next statement, in the same write and the same
 * batch of the extended protocol (issue #13): the actor's settings as a statement prepared once
 * per connection, whose values are bound, not escaped into a text; and BEGIN first if `spec.begin`.
 * The statement does not wait for the opening's answer, and runs only if the opening succeeded.
 * Only the application pool's clients (`preparingClient`) carry openings.
 */
export function openWithNextStatement(client: pg.ClientBase, spec: OpeningSpec): Opening {
  const holder = client as unknown as Record<symbol, Opening | null>;
  if (!(OPENING in client)) throw new Error('Openings are carried by the application pool’s clients only.');
  if (holder[OPENING] !== null) throw new Error('This connection has an opening already.');
  const opening = new Opening(spec, client);
  holder[OPENING] = opening;
  return opening;
}

/** A SCRAM-SHA-256 verifier of `password` (RFC 5802, as PostgreSQL stores it). */
function scramVerifier(password: string): string {
  const salt = randomBytes(16);
  const iterations = 4096;
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/** Opens the owner and application pools. */
export function createDatabase(options: DatabaseOptions): Database {
  const max = options.maxConnections ?? 10;
  const owner = new pg.Pool({ connectionString: options.url, max: Math.max(2, Math.ceil(max / 2)) });
  // Without its own URL, the application role logs in itself with a password derived from the
  // owner's credentials (see `appLogin`): a connection that starts as the owner and switches role
  // could switch back (RESET ROLE), a privilege any SQL it runs could claim.
  const login: pg.PoolConfig = options.appUrl
    ? { connectionString: options.appUrl }
    : appLogin(options.url, owner);
  const appConfig: pg.PoolConfig = {
    ...login,
    Client: preparingClient((login.Client as typeof pg.Client | undefined) ?? pg.Client),
  };
  // Pipelined (node-postgres sends a statement without waiting for the previous one's answer):
  // what `openWithNextStatement` needs. Request code still awaits each statement it depends on.
  const app = new pg.Pool({ ...appConfig, max, pipeline: true });
  // A pg Pool without an 'error' listener turns a dropped idle connection into an uncaught
  // exception; the pool discards that connection and opens a new one when needed.
  const onIdleError = options.onIdleError ?? (() => {});
  owner.on('error', (error) => onIdleError(error, 'owner'));
  app.on('error', (error) => onIdleError(error, 'app'));

  // 256 random bits, never stored: the database keeps only their SHA-256 in a table the
  // application role cannot reach, so SQL run as that role cannot claim SYSTEM by a setting.
  const token = randomBytes(32).toString('base64url');
  const tokenHash = createHash('sha256').update(token, 'utf8').digest();
  let registered: { at: number; done: Promise<void> } | null = null;
  const register = () =>
    owner
      .query(
        `with purged as (delete from huntzen_private.system_tokens where expires_at < now())
         insert into huntzen_private.system_tokens (token_hash, expires_at)
         values ($1, now() + make_interval(hours => $2))
         on conflict (token_hash) do update set expires_at = excluded.expires_at`,
        [tokenHash, SYSTEM_TOKEN_TTL_HOURS],
      )
      .then(() => {});

  return {
    owner,
    app,
    appDb: drizzle({ client: app, schema }),
    ownerDb: drizzle({ client: owner, schema }),
    newAppClient: () => new (appConfig.Client ?? pg.Client)(appConfig) as pg.Client,
    async systemToken() {
      let current = registered;
      if (!current || Date.now() - current.at > (SYSTEM_TOKEN_TTL_HOURS / 2) * 3_600_000) {
        const attempt = { at: Date.now(), done: register() };
        current = registered = attempt;
        // A failure (migrations not run yet, database down) is retried by the next caller.
        attempt.done.catch(() => {
          if (registered === attempt) registered = null;
        });
      }
      await current.done;
      return token;
    },
    async close() {
      // The token dies with the process; without this it would simply expire.
      if (registered) {
        await owner
          .query('delete from huntzen_private.system_tokens where token_hash = $1', [tokenHash])
          .catch(() => {});
      }
      await Promise.all([owner.end(), app.end()]);
    },
  };
}
