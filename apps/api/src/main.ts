// Process entry point: `npm start` (role from ROLE, or `--role=web|worker|all`).
// Start-up: configuration → PostgreSQL (external, or embedded under DATA_DIR) → migrations →
// seed of an empty database → pools → HTTP server and/or jobs runner. Shutdown runs the same steps
// backwards, so Ctrl-C leaves PostgreSQL cleanly stopped and the next start reuses its data.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FieldCipher } from '@huntzen/crypto';
import { createDatabase, migrate, openDatabaseServer } from '@huntzen/db';
import { EmbeddedStartError } from '@huntzen/db/embedded';
import { KeyMismatchError, verifyKeyCanary } from '@huntzen/db/key-canary';
import closeWithGrace from 'close-with-grace';
import type { Logger } from 'pino';
import { buildApp } from './app';
import { type Config, ConfigError, loadConfig, resolveSecrets } from './config';
import './platform/cleanup'; // registers the hourly clean-up jobs
import { seedIfEmpty } from './platform/db';
import { createLocalFileStorage } from './platform/files';
import { installJobsSchema, isExpectedJobsServerLog, type JobsRunner, startJobs } from './platform/jobs';
import { createLogger } from './platform/logging';
import { createMailTransport } from './platform/mail';
import { createMetrics, startMetricsServer } from './platform/metrics';

/** The configuration from the environment and `--role`, or exit with the list of problems. */
function readConfig(): Config {
  try {
    const { values } = parseArgs({ options: { role: { type: 'string' } }, allowPositionals: false });
    return loadConfig(values.role === undefined ? process.env : { ...process.env, ROLE: values.role });
  } catch (error) {
    // A configuration error is the operator's to fix: say what is wrong, without a stack trace.
    if (error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    }
    throw error;
  }
}

interface ShutdownStep {
  name: string;
  run(): Promise<void>;
}

async function start(config: Config, logger: Logger, steps: ShutdownStep[]): Promise<void> {
  // Fail before touching the database when a secret is missing or unreadable.
  const secrets = resolveSecrets(config);
  const pgLogger = logger.child({ component: 'postgres' });
  const server = await openDatabaseServer({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    // The embedded server's own log; an error the next step expects would read as a failure.
    log: (line) => (isExpectedJobsServerLog(line) ? pgLogger.debug(line) : pgLogger.info(line)),
  });
  if (server.embedded) {
    logger.info({ dataDir: path.resolve(config.dataDir) }, 'embedded PostgreSQL started');
    steps.push({ name: 'embedded PostgreSQL', run: () => server.stop() });
  }

  await migrate(server.url);
  // Every role schedules jobs, so Graphile Worker's schema and our wrappers must exist before any.
  await installJobsSchema(server.url, { logger });
  const db = createDatabase({
    url: server.url,
    appUrl: config.appDatabaseUrl,
    onIdleError: (err, pool) => logger.warn({ err, pool }, 'idle database connection lost'),
  });
  steps.push({ name: 'database pools', run: () => db.close() });

  // The key must open the data: a database restored next to the wrong key stops here (0029).
  const canary = await verifyKeyCanary(
    db,
    FieldCipher.fromKeys(secrets.encryptionKey, secrets.previousEncryptionKeys ?? []),
  );
  if (canary !== 'verified') logger.info({ canary }, 'encryption key canary');

  if (config.seedOnStart) {
    // Loaded only when needed: the seed pulls in faker and demo data that production never uses.
    const { seedDatabase } = await import('@huntzen/db/seed');
    // Seeded hashes at the configured cost: sign-in then takes the same time for every account.
    const seed = (target: typeof db) => seedDatabase(target, { bcryptCost: config.bcryptCost });
    if (await seedIfEmpty(db, seed)) logger.info('empty database seeded with demo data');
  }

  const mail = createMailTransport(config);
  logger.info({ transport: mail.kind, target: mail.target }, 'mail transport ready');

  // One registry for the process: the HTTP server's figures and the jobs this process runs.
  const metrics = createMetrics({ db, role: config.role });
  if (config.metricsPort !== undefined) {
    const exporter = await startMetricsServer(metrics, {
      port: config.metricsPort,
      host: config.metricsHost,
      token: config.metricsToken,
    });
    steps.push({ name: 'metrics server', run: () => exporter.close() });
    logger.info({ port: exporter.port, host: config.metricsHost }, 'metrics served at /metrics');
  }

  let jobs: JobsRunner | undefined;
  if (config.role === 'worker' || config.role === 'all') {
    const starting = startJobs({
      ownerUrl: server.url,
      db,
      logger,
      settings: {
        auditRetentionDays: config.auditRetentionDays,
        publicUrl: config.publicUrl,
        mailFrom: config.mailFrom,
      },
      // The expired-files clean-up deletes from the storage the web role writes to.
      services: { mail, files: createLocalFileStorage(config.dataDir) },
    });
    // Registered before the runner is up: a SIGTERM while it starts (its workers may already hold
    // jobs) must still stop it, and free its locks, before the process exits. A runner that failed
    // to start has nothing to stop (start-up reports the error).
    const stopOnceStarted = async () => (await starting.catch(() => undefined))?.stop();
    steps.push({ name: 'jobs runner', run: stopOnceStarted });
    const runner = await starting;
    jobs = runner;
    metrics.observeJobs(runner.events);
    logger.info('jobs runner started');
  }

  if (config.role === 'web' || config.role === 'all') {
    const app = await buildApp({ config, db, secrets, jobs, logger, metrics });
    steps.push({ name: 'HTTP server', run: () => app.close() });
    const address = await app.listen({ port: config.port, host: config.host });
    logger.info({ address }, `HuntZen listening on ${config.publicUrl}`);
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config);
  // Pushed in start-up order, run in reverse: HTTP server, jobs, pools, then PostgreSQL.
  const steps: ShutdownStep[] = [];
  const shutdown = async () => {
    for (let step = steps.pop(); step; step = steps.pop()) {
      try {
        await step.run();
        logger.info(`${step.name} stopped`);
      } catch (err) {
        logger.error({ err }, `${step.name} failed to stop`);
      }
    }
  };

  // Errors are routed here rather than to close-with-grace, which exits at the second one: once
  // shutdown has begun, connections dying with PostgreSQL (Ctrl-C reaches it too) are expected and
  // must not cut the remaining steps short.
  let fatal: unknown;
  let closing = false;
  const grace = closeWithGrace(
    {
      delay: 20_000,
      logger: { error: (m: unknown) => logger.error(m) },
      skip: ['uncaughtException', 'unhandledRejection'],
    },
    async ({ signal }) => {
      closing = true;
      if (fatal) logger.fatal({ err: fatal }, 'uncaught error: shutting down');
      else logger.info({ signal }, 'shutting down');
      await shutdown();
      // close-with-grace exits with 0 after a manual close.
      if (fatal) process.exit(1);
    },
  );
  const onUncaught = (err: unknown) => {
    if (closing) {
      logger.warn({ err }, 'error while shutting down');
      return;
    }
    fatal = err;
    void grace.close();
  };
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);

  try {
    await start(config, logger, steps);
    logger.info({ role: config.role, env: config.nodeEnv }, 'HuntZen started');
  } catch (err) {
    // The operator's to fix, in one line that says how (e.g. the embedded server cannot run here).
    if (err instanceof EmbeddedStartError || err instanceof KeyMismatchError)
      logger.fatal(`HuntZen failed to start: ${err.message}`);
    else logger.fatal({ err }, 'HuntZen failed to start');
    await shutdown();
    process.exit(1);
  }
}

await main();
