import { readSubgraphConfig, readSubgraphsEnv, type SubgraphConfig, type SubgraphsSettings } from "../config";
import type { EventBus } from "../events/bus";
import { openEventBus, type EventBusConfig } from "../events/open-bus";
import { listen } from "../http";
import type { Db } from "../db/db";
import { describeErrorForLog, describeStartFailure } from "../errors/error-log";
import { nameProcessLogger, processLog } from "../log";
import { exitOnStartFailure } from "../start-failure";
import type { FederationTopology } from "../topology";
import type { AnySubgraphDefinition, SubgraphDefinition } from "./subgraph";
import { buildSubgraph } from "./build";
import { startTracing } from "../tracing/tracing";

/** On stop, how long requests in flight get to finish before their connections are cut. */
const IN_FLIGHT_GRACE_MS = 5_000;

export interface RunningSubgraph {
  /** Stops taking requests, lets in-flight ones finish, stops its events, closes its database. */
  stop(): Promise<void>;
}

/**
 * Work on a migrated database before the subgraph takes requests. Production
 * passes none; the embedded stack (dev/) loads its demo data here.
 */
export type PrepareDatabase = (db: Db, definition: SubgraphDefinition<unknown>, config: SubgraphConfig) => Promise<void>;

export interface RunOptions {
  prepareDatabase?: PrepareDatabase;
  /** Its configuration, read already (with the rest of its process's); otherwise read from the environment. */
  config?: SubgraphConfig;
}

/**
 * One subgraph in this process: read config (its default port from the
 * topology), build it (buildSubgraph opens, migrates and prepares its
 * database), listen, and start its event relay and consumers on `bus`.
 */
export async function startSubgraph<TLoaders, Name extends string>(
  definition: SubgraphDefinition<TLoaders, unknown, Name>,
  topology: FederationTopology<Name>,
  bus: EventBus,
  options: RunOptions = {},
): Promise<RunningSubgraph> {
  const config = (options.config as SubgraphConfig<Name> | undefined) ?? readSubgraphConfig(definition.name, topology.defaultPorts);
  const logger = processLog().child({ subgraph: definition.name });
  const log = (message: string) => logger.info(message);
  const server = await buildSubgraph(definition, config, {
    bus,
    log,
    prepareDatabase: options.prepareDatabase
      ? (db) => options.prepareDatabase!(db, definition as SubgraphDefinition<unknown>, config)
      : undefined,
  });
  await server.apollo.start();
  const running = await listen(server.createHttpService(), config.port, config.host);
  server.events.start();
  log(
    `listening on ${running.url} (${config.database.engine}, events over ${bus.kind === "redis" ? "Redis Streams" : "the in-process bus"})`,
  );
  return {
    async stop() {
      log("stopping");
      // Longer than the gateway's subgraph timeout: nothing it still waits for is cut.
      await running.close(IN_FLIGHT_GRACE_MS);
      await server.events.stop();
      await server.apollo.stop();
      await server.close();
    },
  };
}

/**
 * Runs subgraphs in this process until SIGINT/SIGTERM, on one event bus
 * carrying the topology's streams: Redis Streams when configured, otherwise
 * the in-process bus they share. One subgraph per process (docker-compose)
 * needs Redis for its events to reach the others; all of them in one process
 * (npm start) work either way.
 */
export function runSubgraphsMain<Name extends string, Stream extends string>(
  definitions: AnySubgraphDefinition<Name>[],
  topology: FederationTopology<Name, Stream>,
  busConfig?: EventBusConfig,
  options: RunOptions = {},
): void {
  const label = definitions.length === 1 ? definitions[0].name : "subgraphs";
  let settings: SubgraphsSettings<Name>;
  try {
    // Everything the process reads, validated at once, before its logger: one message names every problem.
    settings = readSubgraphsEnv(
      definitions.map((definition) => definition.name),
      topology.defaultPorts,
    );
  } catch (error) {
    exitOnStartFailure(label, error);
  }
  busConfig ??= settings.bus;
  const log = nameProcessLogger(label);
  if (definitions.length === 1 && busConfig.kind === "in-process") {
    log.warn("REDIS_URL is not set: events reach only subgraphs in this process. Run all subgraphs together (npm start) or set REDIS_URL.");
  }
  // Before anything is built: the subgraphs trace only if the provider is on when they are made.
  const tracing = settings.tracing;
  const stopTracing = tracing ? startTracing({ service: label, settings: tracing }) : undefined;
  const bus = openEventBus(busConfig, topology.streams, (message, error) =>
    log.error(error === undefined ? {} : { error: describeErrorForLog(error) }, message),
  );
  const started: RunningSubgraph[] = [];
  let stopping = false;
  // Ctrl-C under npm start reaches this process twice (SIGINT from the terminal, SIGTERM from the launcher).
  const graceMs = settings.shutdownGraceMs;
  const stop = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    // Whatever a dependency is doing (a Redis reconnect loop, a database that does not answer), the
    // process is gone within its grace period; what was not acknowledged or published waits where it is.
    setTimeout(() => {
      log.error(`did not stop within SHUTDOWN_GRACE_MS=${graceMs} ms: exiting now`);
      process.exit(exitCode);
    }, graceMs).unref();
    try {
      for (const subgraph of started) await subgraph.stop();
      await bus.close();
      // What is batched is sent before the process goes.
      await stopTracing?.();
    } catch (error) {
      log.error(`while stopping: ${describeStartFailure(error)}`);
    }
    process.exit(exitCode);
  };
  process.once("SIGINT", () => void stop(0));
  process.once("SIGTERM", () => void stop(0));
  (async () => {
    for (const definition of definitions)
      started.push(await startSubgraph(definition, topology, bus, { ...options, config: settings.subgraphs[definition.name] }));
  })().catch((error: unknown) => {
    log.fatal(`failed to start: ${describeStartFailure(error)}`);
    void stop(1);
  });
}

/** A subgraph's own process (docker-compose runs one per container). */
export function runSubgraphMain<Name extends string, Stream extends string>(
  definition: AnySubgraphDefinition<Name>,
  topology: FederationTopology<Name, Stream>,
): void {
  runSubgraphsMain([definition], topology);
}
