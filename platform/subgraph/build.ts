import { createRemoteJWKSet, type JWTVerifyGetKey } from "jose";
import { systemClock, type Clock } from "../clock";
import type { EventsConfig, SubgraphConfig } from "../config";
import type { Db } from "../db/db";
import { migrate } from "../db/migrate";
import { openDatabase } from "../db/open-db";
import type { EventBus } from "../events/bus";
import { loadPublicKeySet } from "../identity/keys";
import { createSubgraphServer, migrationDirsOf, type SubgraphDefinition, type SubgraphDependencies, type SubgraphServer } from "./subgraph";

/** What buildSubgraph reads: a subgraph's config, the parts an override replaces optional. */
export type SubgraphBuildConfig = Partial<Pick<SubgraphConfig, "database" | "gatewayKeys" | "metrics">> & {
  events?: Partial<Pick<EventsConfig, "consumer" | "republishAfterMs" | "retentionMs" | "stuck">>;
};

/** What a composition root may give instead of what the config describes, by name. */
export interface SubgraphOverrides extends Partial<Pick<SubgraphDependencies, "assertionClock" | "logError" | "withoutAccessGuard">> {
  /** The subgraph's database, migrated, owned by the caller; else config.database, opened, migrated and closed by close(). */
  db?: Db;
  clock?: Clock;
  /** The gateway's public keys instead of config.gatewayKeys. */
  gatewayKeys?: JWTVerifyGetKey;
  bus?: EventBus;
  /** Work on a database opened here, once migrated, before the subgraph takes requests (the embedded stack's demo data). */
  prepareDatabase?: (db: Db) => Promise<void>;
  /** Where what happened while building is said (migrations applied). */
  log?: (message: string) => void;
}

export interface BuiltSubgraph<TLoaders> extends SubgraphServer<TLoaders> {
  db: Db;
  /** Closes what was opened here (the database); call after apollo.stop(). */
  close(): Promise<void>;
}

/**
 * A subgraph's one composition root: its server made from config data (or
 * the override of the same name). The subgraph process (run.ts), the
 * embedded stack, the benchmarks and the tests all build a subgraph here.
 */
export async function buildSubgraph<TLoaders>(
  definition: SubgraphDefinition<TLoaders>,
  config: SubgraphBuildConfig,
  overrides: SubgraphOverrides = {},
): Promise<BuiltSubgraph<TLoaders>> {
  let db = overrides.db;
  let close: () => Promise<void> = async () => undefined;
  if (!db) {
    if (!config.database) throw new Error(`The ${definition.name} subgraph needs a database, from its config or an override`);
    const opened = openDatabase(config.database);
    db = opened;
    close = async () => opened.close();
    const applied = await migrate(opened, migrationDirsOf(definition));
    if (applied.length > 0) overrides.log?.(`applied migrations ${applied.join(", ")}`);
    await overrides.prepareDatabase?.(opened);
  }
  let gatewayKeys = overrides.gatewayKeys;
  if (!gatewayKeys) {
    const keys = config.gatewayKeys;
    if (!keys) throw new Error(`The ${definition.name} subgraph needs the gateway's keys, from its config or an override`);
    gatewayKeys = keys.kind === "url" ? createRemoteJWKSet(new URL(keys.url)) : loadPublicKeySet(keys.file);
  }
  const { events } = config;
  const server = await createSubgraphServer(definition, {
    db,
    clock: overrides.clock ?? systemClock,
    gatewayKeys,
    bus: overrides.bus,
    eventConsumer: events?.consumer,
    eventDelivery: {
      relay:
        events?.republishAfterMs !== undefined && events.retentionMs !== undefined
          ? { republishAfterMs: events.republishAfterMs, retentionMs: events.retentionMs }
          : undefined,
      stuck: events?.stuck,
    },
    assertionClock: overrides.assertionClock,
    logError: overrides.logError,
    withoutAccessGuard: overrides.withoutAccessGuard,
    metricsAccess: config.metrics,
  });
  return { ...server, db, close };
}
