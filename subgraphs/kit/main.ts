import { createRemoteJWKSet } from "jose";
import { generateDataset } from "../dataset/generate";
import { loadPublicKeySet } from "./dev-keys";
import { systemClock } from "./clock";
import { readSubgraphConfig } from "./config";
import { loadDataset, loadedDataset } from "./dataset-load";
import { listen } from "./http";
import { migrate } from "./migrate";
import { openDatabase } from "./open-db";
import { createSubgraphServer, migrationDirsOf, type SubgraphDefinition } from "./subgraph";

/** The demo dataset's PRNG seed: every embedded start loads the same data. */
export const DEMO_SEED = 1;

/**
 * A subgraph process: read config, open and migrate its database, load the
 * demo data into an empty embedded database, listen, and stop cleanly on
 * SIGINT/SIGTERM (in-flight requests finish, the database is closed).
 */
export async function runSubgraph<TLoaders>(definition: SubgraphDefinition<TLoaders>): Promise<void> {
  const config = readSubgraphConfig(definition.name);
  const log = (message: string) => console.log(`[${definition.name}] ${message}`);
  const db = openDatabase(config.database);
  const applied = await migrate(db, migrationDirsOf(definition));
  if (applied.length > 0) log(`applied migrations ${applied.join(", ")}`);

  if (config.seedDemoData && !(await loadedDataset(db))) {
    const spec = { orders: config.demoOrders, seed: DEMO_SEED };
    log(`loading demo data (${spec.orders} orders, seed ${spec.seed}); first start only`);
    await loadDataset(db, definition, spec, generateDataset(spec));
  }

  const gatewayKeys =
    config.gatewayKeys.kind === "url" ? createRemoteJWKSet(new URL(config.gatewayKeys.url)) : loadPublicKeySet(config.gatewayKeys.file);
  const server = await createSubgraphServer(definition, { db, clock: systemClock, gatewayKeys });
  await server.apollo.start();
  const running = await listen(server.createHttpService(), config.port, config.host);
  log(`listening on ${running.url} (${config.database.engine})`);

  let stopping = false;
  // Ctrl-C under npm start reaches this process twice (SIGINT from the terminal, SIGTERM from the launcher).
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log("stopping");
    await running.close();
    await server.apollo.stop();
    await db.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

export function runSubgraphMain<TLoaders>(definition: SubgraphDefinition<TLoaders>): void {
  runSubgraph(definition).catch((error: unknown) => {
    console.error(`[${definition.name}] failed to start:`, error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
