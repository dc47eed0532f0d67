// Shared pieces of the benchmarks: a throwaway database (DATABASE_URL's server, or an embedded
// PostgreSQL in a temporary directory) and a timer that reports ratios against a baseline.
import { readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDatabase, type Database, ensureDatabase, migrate } from '@huntzen/db';
import { startEmbeddedPostgres } from '@huntzen/db/embedded';
import pg from 'pg';

/**
 * `BENCH_QUICK=1`: small volumes and few iterations, so CI runs every benchmark once in a minute or
 * two to keep them working; its ratios mean little. Every benchmark sizes itself through `sized`.
 */
export const QUICK = process.env.BENCH_QUICK === '1';

/** `full` normally, `quick` under BENCH_QUICK=1. */
export function sized(full: number, quick: number): number {
  return QUICK ? quick : full;
}

export interface BenchDatabase {
  db: Database;
  /** Owner URL of the bench database (e.g. to install Graphile Worker's schema, or open more pools). */
  url: string;
  close(): Promise<void>;
}

/** A fresh migrated database for one benchmark run. */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  const name = `huntzen_bench_${process.pid}`;
  let adminUrl = process.env.DATABASE_URL;
  let stop = async () => {};
  if (!adminUrl) {
    const dir = await mkdtemp(path.join(tmpdir(), 'huntzen-bench-'));
    await chmod(dir, 0o755);
    const server = await startEmbeddedPostgres({ dataDir: dir });
    adminUrl = server.adminUrl;
    stop = async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  await ensureDatabase(adminUrl, name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  const db = createDatabase({ url: url.toString(), maxConnections: 8 });
  return {
    db,
    url: url.toString(),
    async close() {
      await db.close();
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
      await stop();
    },
  };
}

/**
 * A node-postgres pool of the bench's own (a baseline's raw connections). pg-pool's `end()` resolves
 * before its connections have closed, and the bench database is then dropped WITH (FORCE): a
 * connection still closing receives the server's termination, which a pool without an 'error'
 * listener turns into an uncaught exception. Idle connections' errors are ignored here, as
 * `createDatabase` does for its own pools.
 */
export function benchPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on('error', () => {});
  return pool;
}

/** Runs `fn` `iterations` times after a warm-up and returns operations per second. */
export async function opsPerSecond(iterations: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(50, iterations); i++) await fn(i);
  const start = performance.now();
  for (let i = 0; i < iterations; i++) await fn(i);
  return iterations / ((performance.now() - start) / 1000);
}

/** Prints one line: the measured rate and its ratio to the baseline. */
export function report(name: string, baselineName: string, baseline: number, measured: number): void {
  const ratio = measured / baseline;
  console.info(
    `${name.padEnd(48)} ${measured.toFixed(0).padStart(8)} ops/s  ${ratio.toFixed(2)}× ${baselineName} (${baseline.toFixed(0)} ops/s)`,
  );
}

/** CPU time used so far, in ms. */
export interface CpuTime {
  /** This process, every thread (autocannon's worker included). */
  node: number;
  /** This process's main thread alone (the servers measured), when /proc shows it. */
  mainThread: number | null;
  /** The PostgreSQL server, every process of it, when it runs on this machine and /proc shows it. */
  postgres: number | null;
}

/**
 * A reader of the CPU time used so far by this process and by the PostgreSQL server behind `pool`
 * (embedded, or a local one whose /proc entries are readable). On a busy machine rates follow the
 * other processes; the CPU each operation costs much less.
 */
export async function cpuClock(pool: {
  query(text: string): Promise<{ rows: unknown[] }>;
}): Promise<() => CpuTime> {
  const { rows } = await pool.query('select pg_backend_pid() as pid');
  const postmaster = procStat(`/proc/${(rows[0] as { pid: number }).pid}/stat`)?.ppid ?? null;
  // Every server process seen, with its ticks when last read: one that exits (a pool's idle
  // connection closed, an autovacuum worker done) keeps what it used, not nothing.
  const serverTicks = new Map<number, number>();
  return () => {
    const own = process.cpuUsage();
    const main = procStat(`/proc/self/task/${process.pid}/stat`);
    return {
      node: (own.user + own.system) / 1000,
      mainThread: main ? main.ticks * 10 : null,
      postgres: postmaster ? serverCpuMs(postmaster, serverTicks) : null,
    };
  };
}

/** CPU time per operation between two readings; a part /proc did not show is null. */
export function cpuPerOperation(before: CpuTime, after: CpuTime, operations: number): CpuTime {
  const per = (a: number | null, b: number | null) =>
    a === null || b === null ? null : (b - a) / operations;
  return {
    node: (after.node - before.node) / operations,
    mainThread: per(before.mainThread, after.mainThread),
    postgres: per(before.postgres, after.postgres),
  };
}

/**
 * CPU ms used so far by the postmaster and its children (updating `seen`, their ticks by pid), or
 * null if /proc does not show them.
 */
function serverCpuMs(postmaster: number, seen: Map<number, number>): number | null {
  let found = false;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const stat = procStat(`/proc/${pid}/stat`);
    if (stat && (pid === postmaster || stat.ppid === postmaster)) {
      seen.set(pid, stat.ticks);
      found = true;
    }
  }
  let ticks = 0;
  for (const t of seen.values()) ticks += t;
  // Linux counts in clock ticks of 1/100 s (USER_HZ).
  return found ? ticks * 10 : null;
}

/** The parent and the CPU ticks (user + system) of a /proc `stat` file, or null if unreadable. */
function procStat(file: string): { ppid: number; ticks: number } | null {
  try {
    const stat = readFileSync(file, 'utf8');
    // After "pid (comm) ": state, ppid, …, utime (14th field), stime (15th).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}
