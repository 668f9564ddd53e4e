import { Client } from "pg";
import { SUBGRAPH_NAMES, type SubgraphName } from "../../domain/topology";
import { loadedDataset, recordDatasetLoad, type DatasetSpec } from "../../dev/dataset/dataset-load";
import { openPostgres, type Db } from "../../platform/db/db";
import { envOptional } from "../../platform/env";
import { migrate } from "../../platform/db/migrate";
import { migrationDirsOf } from "../../platform/subgraph/subgraph";
import { generateDataset } from "../../dev/dataset/generate";
import { SUBGRAPHS } from "../../subgraphs/registry";

/**
 * The benchmark's own Postgres database: one schema per subgraph, as in
 * production, holding a generated dataset that is loaded once and reused
 * while `dataset_load` says it is the same orders/seed.
 */
export const DEFAULT_BENCH_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/spo_bench";

/** The subgraphs whose data statistics read; the others run on empty (migrated) schemas. */
export const LOADED_SUBGRAPHS = ["orders", "breaches"] as const satisfies readonly SubgraphName[];

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** BENCH_DATABASE_URL or the default; only a database on this machine (the benchmark drops and creates schemas). */
export function benchDatabaseUrl(fallback: string = DEFAULT_BENCH_DATABASE_URL): string {
  const url = envOptional("BENCH_DATABASE_URL") ?? fallback;
  const parsed = new URL(url);
  if (!LOOPBACK_HOSTS.has(parsed.hostname)) {
    throw new Error(`BENCH_DATABASE_URL must name a database on 127.0.0.1 (the benchmark drops schemas); got host "${parsed.hostname}"`);
  }
  return url;
}

/**
 * Creates the database if it does not exist, and has it record the time spent
 * in PL/pgSQL functions (pg_stat_user_functions): that is how the benchmark
 * measures what the statistics triggers cost during the load.
 */
export async function ensureBenchDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ""));
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Benchmark database name must be a plain identifier; got "${name}"`);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
    await client.query(`ALTER DATABASE ${name} SET track_functions = 'pl'`);
  } finally {
    await client.end();
  }
}

export type BenchDatabases = Record<SubgraphName, Db>;

export function openBenchDatabases(url: string): BenchDatabases {
  return Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, openPostgres({ url, schema: name, poolSize: 4 })])) as BenchDatabases;
}

export async function closeBenchDatabases(dbs: BenchDatabases): Promise<void> {
  await Promise.all(Object.values(dbs).map((db) => db.close()));
}

export interface LoadReport {
  reused: boolean;
  /** Wall-clock seconds of the load (generation and inserts; chunks go to the subgraphs concurrently). */
  seconds: number;
  /** Seconds each subgraph spent in its inserts (they overlap). */
  insertSeconds: Partial<Record<SubgraphName, number>>;
  /** Calls of and seconds spent in the statistics trigger functions during the load (pg_stat_user_functions). */
  triggers: { name: string; calls: number; seconds: number }[];
}

async function migrateAll(dbs: BenchDatabases): Promise<void> {
  for (const name of SUBGRAPH_NAMES) await migrate(dbs[name], migrationDirsOf(SUBGRAPHS[name]));
}

async function holds(dbs: BenchDatabases, spec: DatasetSpec, loaded: readonly SubgraphName[]): Promise<boolean> {
  for (const name of loaded) {
    const loaded = await loadedDataset(dbs[name]);
    if (!loaded || loaded.orders !== spec.orders || loaded.seed !== spec.seed) return false;
  }
  return true;
}

/**
 * Makes the database hold `spec` in the `loaded` schemas — by default orders
 * and breaches, what statistics read; the gateway benchmark loads all four —
 * through the subgraphs' own dataset writers (so the statistics triggers do
 * their work as in any load), reusing an earlier load of the same spec. Returns the
 * databases to use afterwards (the load's connections are closed so their
 * function statistics are flushed).
 */
export async function ensureDataset(
  url: string,
  spec: DatasetSpec,
  log: (line: string) => void,
  loaded: readonly SubgraphName[] = LOADED_SUBGRAPHS,
): Promise<{ dbs: BenchDatabases; report: LoadReport }> {
  let dbs = openBenchDatabases(url);
  if (await holds(dbs, spec, loaded)) {
    await migrateAll(dbs); // a load made before a migration gets it (and its backfill) now
    return { dbs, report: { reused: true, seconds: 0, insertSeconds: {}, triggers: [] } };
  }

  log(`Loading ${spec.orders} orders (seed ${spec.seed}) into ${loaded.join(", ")} at ${url} ...`);
  for (const name of SUBGRAPH_NAMES) await dbs[name].query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
  await closeBenchDatabases(dbs);
  dbs = openBenchDatabases(url);
  await migrateAll(dbs);
  await dbs.orders.query(`SELECT pg_stat_reset()`);

  const started = performance.now();
  const insertMs: Partial<Record<SubgraphName, number>> = {};
  let orders = 0;
  let lastProgress = started;
  for (const chunk of generateDataset(spec)) {
    await Promise.all(
      loaded.map(async (name) => {
        const t0 = performance.now();
        await SUBGRAPHS[name].insertDatasetChunk(dbs[name], chunk);
        insertMs[name] = (insertMs[name] ?? 0) + performance.now() - t0;
      }),
    );
    orders += chunk.orders.orders.length;
    if (performance.now() - lastProgress > 15_000) {
      lastProgress = performance.now();
      log(`  ${orders} orders loaded (${((lastProgress - started) / 1000).toFixed(0)} s)`);
    }
  }
  for (const name of loaded) await recordDatasetLoad(dbs[name], spec);
  const seconds = (performance.now() - started) / 1000;
  log(`  loaded ${orders} orders in ${seconds.toFixed(1)} s; VACUUM ANALYZE ...`);
  // Steady state for both sides of the comparison: planner statistics and visibility maps of every table.
  await dbs.orders.query(`VACUUM (ANALYZE)`);

  // Backends flush their function statistics when they exit.
  await closeBenchDatabases(dbs);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  dbs = openBenchDatabases(url);
  const triggers = await dbs.orders.query<{ name: string; calls: number; seconds: number }>(
    `SELECT schemaname || '.' || funcname AS name, calls::int AS calls, (total_time / 1000)::float8 AS seconds
       FROM pg_stat_user_functions
      WHERE funcname LIKE '%statistics_maintain'
      ORDER BY 1`,
  );
  return {
    dbs,
    report: {
      reused: false,
      seconds,
      insertSeconds: Object.fromEntries(Object.entries(insertMs).map(([name, ms]) => [name, ms / 1000])),
      triggers,
    },
  };
}
