import { SUBGRAPH_NAMES, type SubgraphName } from "../../domain/topology";
import "reflect-metadata";
import { rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { subgraphDatabasePiece, type DatabaseConfig } from "../../platform/config";
import { envSchema, readEnv, type EnvPiece } from "../../platform/env-schema";
import type { Db } from "../../platform/db/db";
import { recordDatasetLoad } from "./dataset-load";
import { migrate } from "../../platform/db/migrate";
import { migrationDirsOf } from "../../platform/subgraph/subgraph";
import { openDatabase } from "../../platform/db/open-db";
import { SUBGRAPHS } from "../../subgraphs/registry";
import { generateDataset } from "./generate";
import { logPiece, nameProcessLogger } from "../../platform/log";

const log = nameProcessLogger("seed");

/**
 * npm run seed -- --orders N --seed S
 * Replaces every subgraph's data with a generated dataset: into Postgres when
 * DATABASE_URL is set, otherwise into the embedded databases under DATA_DIR
 * (stop `npm start` first: an embedded database has one user at a time).
 * Chunks go to the four databases concurrently; the bookkeeping row is
 * written last, so an interrupted load is visible as not loaded.
 */
function readOptions(): { orders: number; seed: number } {
  const { values } = parseArgs({ options: { orders: { type: "string", default: "6000" }, seed: { type: "string", default: "1" } } });
  const orders = Number(values.orders);
  const seed = Number(values.seed);
  if (!Number.isInteger(orders) || orders < 0) throw new Error(`--orders must be a whole number; got "${values.orders}"`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number; got "${values.seed}"`);
  return { orders, seed };
}

async function openEmpty(name: SubgraphName, config: DatabaseConfig): Promise<Db> {
  if (config.engine === "pglite") rmSync(config.dataDir, { recursive: true, force: true });
  let db = openDatabase(config);
  if (config.engine === "postgres") {
    await db.query(`DROP SCHEMA IF EXISTS ${config.schema} CASCADE`);
    await db.close();
    db = openDatabase(config);
  }
  await migrate(db, migrationDirsOf(SUBGRAPHS[name]));
  return db;
}

/** The four databases, validated together before any is touched. */
const SEED_CLI_ENV = envSchema("seed CLI", {
  log: logPiece,
  ...(Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, subgraphDatabasePiece(name)])) as Record<
    SubgraphName,
    EnvPiece<DatabaseConfig>
  >),
});

async function main(): Promise<void> {
  const databases = readEnv(SEED_CLI_ENV);
  const spec = readOptions();
  const started = Date.now();
  const dbs = new Map<SubgraphName, Db>();
  for (const name of SUBGRAPH_NAMES) dbs.set(name, await openEmpty(name, databases[name]));
  let loaded = 0;
  for (const chunk of generateDataset(spec)) {
    await Promise.all(SUBGRAPH_NAMES.map((name) => SUBGRAPHS[name].insertDatasetChunk(dbs.get(name)!, chunk)));
    loaded += chunk.orders.orders.length;
    process.stdout.write(`\r${loaded} orders loaded (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  for (const db of dbs.values()) {
    await recordDatasetLoad(db, spec);
    await db.query("ANALYZE");
    await db.close();
  }
  process.stdout.write("\n");
  log.info(`Loaded ${loaded} orders (seed ${spec.seed}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  log.fatal(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
