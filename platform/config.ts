import os from "node:os";
import path from "node:path";
import type { EventBusConfig } from "./events/open-bus";
import { devKeyFiles } from "./identity/keys";
import { ConfigError, envInt, envOptional, envString } from "./env";
import { repoPath } from "./repo-root";
import { envRedisUrl } from "./redis/target";
import { DEFAULT_DB_TIMEOUTS, type DbTimeouts } from "./db/db";

export type DatabaseConfig =
  | {
      engine: "postgres";
      url: string;
      schema: string;
      /** The variable the URL came from, named when the database does not answer. */
      urlVariable?: string;
      timeouts?: DbTimeouts;
    }
  | { engine: "pglite"; dataDir: string };

/** Bounds on every Postgres pool, so a silent database fails start-up and requests within seconds. */
export function readDbTimeouts(): DbTimeouts {
  return {
    connectMs: envInt("DB_CONNECT_TIMEOUT_MS", DEFAULT_DB_TIMEOUTS.connectMs),
    statementMs: envInt("DB_STATEMENT_TIMEOUT_MS", DEFAULT_DB_TIMEOUTS.statementMs),
  };
}

/** A subgraph's configuration; generic over the application's subgraph names, which the platform does not know. */
export interface SubgraphConfig<Name extends string = string> {
  name: Name;
  host: string;
  port: number;
  database: DatabaseConfig;
  /** Where the gateway's public keys come from, to verify its identity assertions. */
  gatewayKeys: { kind: "url"; url: string } | { kind: "file"; file: string };
  events: EventsConfig;
}

export interface EventsConfig {
  bus: EventBusConfig;
  /** This process's name in its consumer groups: stable across restarts, so a restart resumes what it had not acknowledged. */
  consumer: string;
  /** Published events unconfirmed by their consumers this long are published again (ms). */
  republishAfterMs: number;
  /** Confirmed events are deleted from the outbox after this long (ms). */
  retentionMs: number;
  /** Health reports delivery stuck past these: a consumed stream's backlog, an outbox event unconfirmed this long (ms). */
  stuck: { lag: number; unconfirmedMs: number };
}

/** How the outbox keeps and republishes events, and when delivery counts as stuck (platform/events, docs/operations.md). */
export function readEventsConfig(name: string): EventsConfig {
  return {
    bus: readEventBusConfig(),
    consumer: envString("EVENT_CONSUMER_NAME", `${name}@${os.hostname()}`),
    republishAfterMs: envInt("EVENT_REPUBLISH_AFTER_MS", 5 * 60_000),
    retentionMs: envInt("EVENT_OUTBOX_RETENTION_HOURS", 7 * 24) * 3_600_000,
    stuck: { lag: envInt("EVENT_LAG_ALERT", 1_000), unconfirmedMs: envInt("EVENT_UNCONFIRMED_ALERT_MS", 60_000) },
  };
}

/** How long a stopping service has before it exits whatever its dependencies are doing (keep it below the orchestrator's grace). */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

/** SHUTDOWN_GRACE_MS: the gateway's and every subgraph process's bound on stopping (docs/operations.md). */
export function readShutdownGraceMs(): number {
  return envInt("SHUTDOWN_GRACE_MS", DEFAULT_SHUTDOWN_GRACE_MS);
}

/** Where embedded-mode data lives (git-ignored). */
export function dataDir(): string {
  return path.resolve(envString("DATA_DIR", repoPath(".data")));
}

/**
 * Each subgraph owns its own database: with DATABASE_URL, a Postgres schema
 * named after the subgraph (or a whole database via <NAME>_DATABASE_URL);
 * without, a PGlite folder under DATA_DIR. It listens on <NAME>_PORT, else on
 * its port of `defaultPorts` (the application's topology).
 */
export function readSubgraphConfig<Name extends string>(name: Name, defaultPorts: Readonly<Record<Name, number>>): SubgraphConfig<Name> {
  const upper = name.toUpperCase();
  const urlVariable = envOptional(`${upper}_DATABASE_URL`) ? `${upper}_DATABASE_URL` : "DATABASE_URL";
  const url = envOptional(urlVariable);
  const database: DatabaseConfig = url
    ? { engine: "postgres", url, urlVariable, timeouts: readDbTimeouts(), schema: envString(`${upper}_DATABASE_SCHEMA`, name) }
    : { engine: "pglite", dataDir: path.join(dataDir(), name) };
  return {
    name,
    host: envString("HOST", "127.0.0.1"),
    port: envInt(`${upper}_PORT`, defaultPorts[name]),
    database,
    gatewayKeys: readGatewayKeysSource(),
    events: readEventsConfig(name),
  };
}

/**
 * Subgraphs exchange events over Redis Streams when REDIS_URL is set; without
 * it, over an in-process bus, which reaches only subgraphs in the same process
 * (npm start runs them all in one). Production requires Redis.
 */
export function readEventBusConfig(): EventBusConfig {
  const url = envRedisUrl("REDIS_URL");
  if (!url && process.env.NODE_ENV === "production") {
    throw new ConfigError("Set REDIS_URL: in production the subgraphs exchange events over Redis Streams");
  }
  return url ? { kind: "redis", url, keyPrefix: envString("EVENT_STREAM_PREFIX", "spo:events") } : { kind: "in-process" };
}

function readGatewayKeysSource(): SubgraphConfig["gatewayKeys"] {
  const url = envOptional("GATEWAY_JWKS_URL");
  if (url) return { kind: "url", url };
  const file = envOptional("GATEWAY_JWKS_FILE");
  if (file) return { kind: "file", file };
  if (process.env.NODE_ENV === "production") {
    throw new ConfigError("Set GATEWAY_JWKS_URL or GATEWAY_JWKS_FILE: production never trusts the development keys");
  }
  return { kind: "file", file: devKeyFiles(dataDir()).gatewayPublicKeys };
}
