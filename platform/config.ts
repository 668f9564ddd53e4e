import os from "node:os";
import path from "node:path";
import type { EventBusConfig } from "./events/open-bus";
import { devKeyFiles } from "./identity/keys";
import { envPiece, envSchema, readEnv, readPiece, type EnvPiece } from "./env-schema";
import { optionalTextVar, portVar, redisUrlVar, textVar, urlVar, wholeNumberVar } from "./env-values";
import { repoPath } from "./repo-root";
import { DEFAULT_DB_TIMEOUTS, type DbTimeouts } from "./db/db";
import { logPiece, type LogSettings } from "./log";
import { metricsPiece, type MetricsAccess } from "./metrics";
import { tracingPiece, type TracingSettings } from "./tracing/tracing";

export type DatabaseConfig =
  | {
      engine: "postgres";
      url: string;
      schema: string;
      /** The variable the URL came from, named when the database does not answer. */
      urlVariable?: string;
      /** What the database holds ("the orders subgraph", "the audit trail"), named when it does not answer. */
      store?: string;
      timeouts?: DbTimeouts;
    }
  | { engine: "pglite"; dataDir: string };

export const DATA_DIR = optionalTextVar({ default: "`.data`", meaning: "where embedded PGlite databases and the development keys live" });

/** Where embedded-mode data lives (git-ignored). */
export const dataDirPiece: EnvPiece<string> = envPiece({
  variables: { DATA_DIR },
  read: (values) => path.resolve(values.DATA_DIR ?? repoPath(".data")),
});

/** Where embedded-mode data lives (git-ignored). */
export function dataDir(): string {
  return readPiece(dataDirPiece);
}

export const HOST = textVar("127.0.0.1", { meaning: "interface to listen on (`0.0.0.0` in containers)" });

/** Every Postgres connection: DATABASE_URL's own declaration, shared by each store that falls back to it. */
export const DATABASE_URL = urlVar(["postgres", "postgresql"], {
  default: "unset → embedded PGlite",
  meaning: "Postgres connection; each subgraph uses the schema named after it, the audit trail the schema `audit`",
});

const dbTimeoutVariables = {
  DB_CONNECT_TIMEOUT_MS: wholeNumberVar(DEFAULT_DB_TIMEOUTS.connectMs, { meaning: "bound on opening a Postgres connection" }, { min: 1 }),
  DB_STATEMENT_TIMEOUT_MS: wholeNumberVar(DEFAULT_DB_TIMEOUTS.statementMs, { meaning: "bound on one Postgres statement" }, { min: 1 }),
};

/** Bounds on every Postgres pool, so a silent database fails start-up and requests within seconds. */
export const dbTimeoutsPiece: EnvPiece<DbTimeouts> = envPiece({
  variables: dbTimeoutVariables,
  read: (values) => ({ connectMs: values.DB_CONNECT_TIMEOUT_MS, statementMs: values.DB_STATEMENT_TIMEOUT_MS }),
});

/**
 * A store's database: Postgres from `urlVariable` (else DATABASE_URL) in
 * `schemaVariable`'s schema, or embedded PGlite under DATA_DIR/`folder`.
 */
export function databasePiece(options: {
  /** What the database holds, as messages name it. */
  store: string;
  urlVariable: string;
  urlMeaning: string;
  schemaVariable: string;
  schemaDefault: string;
  folder: string;
}): EnvPiece<DatabaseConfig> {
  return envPiece({
    variables: {
      [options.urlVariable]: urlVar(["postgres", "postgresql"], { default: "`DATABASE_URL`", meaning: options.urlMeaning }),
      DATABASE_URL,
      [options.schemaVariable]: textVar(options.schemaDefault, { meaning: `Postgres schema of ${options.store}` }),
      DATA_DIR,
      ...dbTimeoutVariables,
    },
    read: (known, context): DatabaseConfig => {
      const values = known as Record<string, unknown> & typeof known;
      const own = values[options.urlVariable] as string | undefined;
      const url = own ?? (values.DATABASE_URL as string | undefined);
      if (url === undefined) return { engine: "pglite", dataDir: path.join(dataDirPiece.read(values, context), options.folder) };
      return {
        engine: "postgres",
        url,
        urlVariable: own === undefined ? "DATABASE_URL" : options.urlVariable,
        store: options.store,
        timeouts: dbTimeoutsPiece.read(values, context),
        schema: values[options.schemaVariable] as string,
      };
    },
  });
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
  /** Who may scrape its /metrics (METRICS_TOKEN, as the gateway's; platform/metrics.ts). */
  metrics: MetricsAccess;
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

export const REDIS_URL = redisUrlVar({
  default: "unset → in-process event bus",
  meaning:
    "Redis for the subgraphs' event streams (and, unless told otherwise, the gateway's cache and rate limits): `redis://`, `rediss://`, `redis+sentinel://` or `redis+cluster://` ([Redis](../operations.md#redis))",
});
export const EVENT_STREAM_PREFIX = textVar("spo:events", {
  meaning: "prefix of the event stream keys (`{spo:events:<stream>}`, the whole key a Cluster hash tag)",
});

/**
 * Subgraphs exchange events over Redis Streams when REDIS_URL is set; without
 * it, over an in-process bus, which reaches only subgraphs in the same process
 * (npm start runs them all in one). Production requires Redis.
 */
export const eventBusPiece: EnvPiece<EventBusConfig> = envPiece({
  variables: { REDIS_URL, EVENT_STREAM_PREFIX },
  production: [{ anyOf: ["REDIS_URL"], why: "the subgraphs exchange events over Redis Streams" }],
  read: (values): EventBusConfig =>
    values.REDIS_URL ? { kind: "redis", url: values.REDIS_URL, keyPrefix: values.EVENT_STREAM_PREFIX } : { kind: "in-process" },
});

const eventVariables = {
  EVENT_CONSUMER_NAME: optionalTextVar({
    default: "`<subgraph>@<hostname>`",
    meaning: "this process in its consumer groups; keep it stable across restarts so a restart resumes what it had not acknowledged",
  }),
  EVENT_REPUBLISH_AFTER_MS: wholeNumberVar(5 * 60_000, { meaning: "republish events unconfirmed this long (ADR 0002)" }, { min: 1 }),
  EVENT_OUTBOX_RETENTION_HOURS: wholeNumberVar(7 * 24, { meaning: "keep confirmed events in the outbox this long" }),
  EVENT_LAG_ALERT: wholeNumberVar(1_000, { meaning: "a consumed stream's backlog past this reports event delivery stuck" }, { min: 1 }),
  EVENT_UNCONFIRMED_ALERT_MS: wholeNumberVar(
    60_000,
    { meaning: "an outbox event unconfirmed this long reports delivery stuck" },
    { min: 1 },
  ),
};

/** How the outbox keeps and republishes events, and when delivery counts as stuck (platform/events, docs/operations.md). */
export function eventsPiece(name: string): EnvPiece<EventsConfig> {
  return envPiece({
    variables: { ...eventBusPiece.variables, ...eventVariables },
    production: eventBusPiece.production,
    read: (values, context) => ({
      bus: eventBusPiece.read(values, context),
      consumer: values.EVENT_CONSUMER_NAME ?? `${name}@${os.hostname()}`,
      republishAfterMs: values.EVENT_REPUBLISH_AFTER_MS,
      retentionMs: values.EVENT_OUTBOX_RETENTION_HOURS * 3_600_000,
      stuck: { lag: values.EVENT_LAG_ALERT, unconfirmedMs: values.EVENT_UNCONFIRMED_ALERT_MS },
    }),
  });
}

/** How long a stopping service has before it exits whatever its dependencies are doing (keep it below the orchestrator's grace). */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

/** SHUTDOWN_GRACE_MS: the gateway's and every subgraph process's bound on stopping (docs/operations.md). */
export const shutdownPiece: EnvPiece<number> = envPiece({
  variables: {
    SHUTDOWN_GRACE_MS: wholeNumberVar(DEFAULT_SHUTDOWN_GRACE_MS, {
      meaning: "on SIGTERM, how long in-flight requests get (gateway); a subgraph exits within it whatever its dependencies do",
    }),
  },
  read: (values) => values.SHUTDOWN_GRACE_MS,
});

export function readShutdownGraceMs(): number {
  return readPiece(shutdownPiece);
}

/** Where a subgraph finds the gateway's public keys; production never falls back to the development ones. */
const gatewayKeysPiece: EnvPiece<SubgraphConfig["gatewayKeys"]> = envPiece({
  variables: {
    GATEWAY_JWKS_URL: urlVar(["http", "https"], {
      default: "unset",
      meaning: "the gateway's public keys (JWKS), to verify its identity assertions",
    }),
    GATEWAY_JWKS_FILE: optionalTextVar({ default: "`DATA_DIR/keys/gateway.jwks.json`", meaning: "the same as a local file" }),
    DATA_DIR,
  },
  production: [{ anyOf: ["GATEWAY_JWKS_URL", "GATEWAY_JWKS_FILE"], why: "production never trusts the development keys" }],
  read: (values, context) => {
    if (values.GATEWAY_JWKS_URL) return { kind: "url", url: values.GATEWAY_JWKS_URL };
    if (values.GATEWAY_JWKS_FILE) return { kind: "file", file: values.GATEWAY_JWKS_FILE };
    return { kind: "file", file: devKeyFiles(dataDirPiece.read(values, context)).gatewayPublicKeys };
  },
});

/**
 * Each subgraph owns its own database: with DATABASE_URL, a Postgres schema
 * named after the subgraph (or a whole database via <NAME>_DATABASE_URL);
 * without, a PGlite folder under DATA_DIR. It listens on <NAME>_PORT, else on
 * its default port (the application's topology).
 */
export function subgraphDatabasePiece(name: string): EnvPiece<DatabaseConfig> {
  const upper = name.toUpperCase();
  return databasePiece({
    store: `the ${name} subgraph's database`,
    urlVariable: `${upper}_DATABASE_URL`,
    urlMeaning: `a separate database for the ${name} subgraph`,
    schemaVariable: `${upper}_DATABASE_SCHEMA`,
    schemaDefault: name,
    folder: name,
  });
}

export function subgraphPiece<Name extends string>(name: Name, defaultPort: number): EnvPiece<SubgraphConfig<Name>> {
  const portVariable = `${name.toUpperCase()}_PORT`;
  const parts = {
    database: subgraphDatabasePiece(name),
    gatewayKeys: gatewayKeysPiece,
    events: eventsPiece(name),
    metrics: metricsPiece,
  };
  return envPiece({
    variables: {
      HOST,
      [portVariable]: portVar(defaultPort, { meaning: `port of the ${name} subgraph` }),
      ...parts.database.variables,
      ...parts.gatewayKeys.variables,
      ...parts.events.variables,
      ...parts.metrics.variables,
    },
    production: [...parts.gatewayKeys.production, ...parts.events.production],
    read: (values, context) => ({
      name,
      host: values.HOST as string,
      port: values[portVariable] as number,
      database: parts.database.read(values, context),
      gatewayKeys: parts.gatewayKeys.read(values, context),
      events: parts.events.read(values, context),
      metrics: parts.metrics.read(values, context),
    }),
  });
}

export function readSubgraphConfig<Name extends string>(name: Name, defaultPorts: Readonly<Record<Name, number>>): SubgraphConfig<Name> {
  return readEnv(envSchema(`${name} subgraph`, { subgraph: subgraphPiece(name, defaultPorts[name]) })).subgraph;
}

export interface SubgraphsSettings<Name extends string> {
  log: LogSettings;
  shutdownGraceMs: number;
  bus: EventBusConfig;
  tracing: TracingSettings | undefined;
  subgraphs: Record<Name, SubgraphConfig<Name>>;
}

/** Everything a process running `names` (one subgraph, or all of them under npm start) reads. */
export function subgraphsEnvSchema<Name extends string>(names: readonly Name[], defaultPorts: Readonly<Record<Name, number>>) {
  const subgraphs: Record<string, EnvPiece> = Object.fromEntries(names.map((name) => [name, subgraphPiece(name, defaultPorts[name])]));
  const label = names.length === 1 ? `${names[0]} subgraph` : "subgraphs";
  return envSchema(label, { log: logPiece, shutdownGraceMs: shutdownPiece, bus: eventBusPiece, tracing: tracingPiece, ...subgraphs });
}

/** Read once at the process's start, validated as a whole: every problem in one ConfigError. */
export function readSubgraphsEnv<Name extends string>(
  names: readonly Name[],
  defaultPorts: Readonly<Record<Name, number>>,
  env: NodeJS.ProcessEnv = process.env,
): SubgraphsSettings<Name> {
  const settings = readEnv(subgraphsEnvSchema(names, defaultPorts), env) as Record<string, unknown>;
  return {
    log: settings.log as LogSettings,
    shutdownGraceMs: settings.shutdownGraceMs as number,
    bus: settings.bus as EventBusConfig,
    tracing: settings.tracing as TracingSettings | undefined,
    subgraphs: Object.fromEntries(names.map((name) => [name, settings[name]])) as Record<Name, SubgraphConfig<Name>>,
  };
}
