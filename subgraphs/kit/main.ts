import { createRemoteJWKSet } from "jose";
import { generateDataset } from "../dataset/generate";
import { loadPublicKeySet } from "./dev-keys";
import { systemClock } from "./clock";
import { readEventBusConfig, readSubgraphConfig } from "./config";
import { loadDataset, loadedDataset } from "./dataset-load";
import type { EventBus } from "./events/bus";
import { openEventBus, type EventBusConfig } from "./events/open-bus";
import { listen } from "./http";
import { migrate } from "./migrate";
import { openDatabase } from "./open-db";
import { createSubgraphServer, migrationDirsOf, type SubgraphDefinition } from "./subgraph";

/** On stop, how long requests in flight get to finish before their connections are cut. */
const IN_FLIGHT_GRACE_MS = 5_000;

/** The demo dataset's PRNG seed: every embedded start loads the same data. */
export const DEMO_SEED = 1;

export interface RunningSubgraph {
  /** Stops taking requests, lets in-flight ones finish, stops its events, closes its database. */
  stop(): Promise<void>;
}

/**
 * One subgraph in this process: read config, open and migrate its database,
 * load the demo data into an empty embedded database, listen, and start its
 * event relay and consumers on `bus`.
 */
export async function startSubgraph<TLoaders>(definition: SubgraphDefinition<TLoaders>, bus: EventBus): Promise<RunningSubgraph> {
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
  const server = await createSubgraphServer(definition, { db, clock: systemClock, gatewayKeys, bus, eventConsumer: config.events.consumer });
  await server.apollo.start();
  const running = await listen(server.createHttpService(), config.port, config.host);
  server.events.start();
  log(`listening on ${running.url} (${config.database.engine}, events over ${bus.kind === "redis" ? "Redis Streams" : "the in-process bus"})`);
  return {
    async stop() {
      log("stopping");
      // Longer than the gateway's subgraph timeout: nothing it still waits for is cut.
      await running.close(IN_FLIGHT_GRACE_MS);
      await server.events.stop();
      await server.apollo.stop();
      await db.close();
    },
  };
}

/**
 * Runs subgraphs in this process until SIGINT/SIGTERM, on one event bus: Redis
 * Streams when configured, otherwise the in-process bus they share. One
 * subgraph per process (docker-compose) needs Redis for its events to reach
 * the others; all four in one process (npm start) work either way.
 */
export function runSubgraphsMain(definitions: SubgraphDefinition<any>[], busConfig: EventBusConfig = readEventBusConfig()): void {
  const label = definitions.length === 1 ? definitions[0].name : "subgraphs";
  if (definitions.length === 1 && busConfig.kind === "in-process") {
    console.warn(
      `[${label}] REDIS_URL is not set: events reach only subgraphs in this process. Run all subgraphs together (npm start) or set REDIS_URL.`,
    );
  }
  const bus = openEventBus(busConfig, (message, error) => console.error(`[${label}] ${message}`, error ?? ""));
  const started: RunningSubgraph[] = [];
  let stopping = false;
  // Ctrl-C under npm start reaches this process twice (SIGINT from the terminal, SIGTERM from the launcher).
  const stop = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    for (const subgraph of started) await subgraph.stop();
    await bus.close();
    process.exit(exitCode);
  };
  process.once("SIGINT", () => void stop(0));
  process.once("SIGTERM", () => void stop(0));
  (async () => {
    for (const definition of definitions) started.push(await startSubgraph(definition, bus));
  })().catch((error: unknown) => {
    console.error(`[${label}] failed to start:`, error instanceof Error ? error.message : error);
    void stop(1);
  });
}

/** A subgraph's own process (docker-compose runs one per container). */
export function runSubgraphMain<TLoaders>(definition: SubgraphDefinition<TLoaders>): void {
  runSubgraphsMain([definition]);
}
