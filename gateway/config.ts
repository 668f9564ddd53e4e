import { readFileSync } from "node:fs";
import { DEFAULT_SUBGRAPH_PORTS, SUBGRAPH_NAMES, type SubgraphName } from "../domain/topology";
import { dataDir, readShutdownGraceMs } from "../platform/config";
import { devKeyFiles } from "../platform/identity/keys";
import { ConfigError, envBoolean, envInt, envOptional, envString } from "../platform/env";
import { repoPath } from "../platform/repo-root";
import { envRedisUrl } from "../platform/redis/target";
import type { SupergraphReloadConfig } from "./supergraph/reloader";
import { SERVER_KEEP_ALIVE_TIMEOUT_MS } from "../platform/http";
import { DEFAULT_MAX_TOKEN_AGE_SECONDS } from "./auth/authenticate";
import type { AuthorizationMode } from "./authz";
import type { ResponseCacheOptions } from "./cache";
import { readMetricsAccess, type MetricsAccess } from "../platform/metrics";
import { DEFAULT_RATE_BUDGET, parseRateBudget, type RateBudget, type RateLimitConfig } from "./rate-limits";

/** The development identity provider: `npm run token` mints its tokens. */
export const DEV_ISSUER = "spo-dev-idp";
export const DEV_AUDIENCE = "spo-api";

/** A subgraph call answers in tens of milliseconds at national scale; seconds means it is in trouble. */
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 3_000;
/** Below the subgraphs' server keep-alive timeout, so the gateway drops an idle socket before the server does. */
export const DEFAULT_SUBGRAPH_KEEP_ALIVE_MS = 2_000;
/** A dead subgraph is probed this often, so it is back in use within a few seconds of its return. */
export const DEFAULT_SUBGRAPH_BREAKER_RESET_MS = 2_000;
/**
 * A Redis on the same network answers in well under a millisecond; the margin is for the gateway's own event loop,
 * which under saturation (measured: 20 connections on 2 shared cores) delays replies past 50 ms and turned hits into misses.
 */
export const DEFAULT_RESPONSE_CACHE_COMMAND_TIMEOUT_MS = 100;

export interface GatewayConfig {
  host: string;
  port: number;
  supergraphSdl: string;
  /** Where the supergraph is reloaded from (SIGHUP, and the file changing when watched), and the contract it must keep. */
  supergraphReload?: SupergraphReloadConfig;
  /** Where each subgraph is reached; overrides the URLs recorded in the supergraph. */
  subgraphUrls: Record<SubgraphName, string>;
  production: boolean;
  /** filter: unauthorized fields come back null with an error; reject: the whole operation is refused. */
  authorizationMode: AuthorizationMode;
  /** How callers' tokens are verified. */
  tokens: {
    keys: { kind: "url"; url: string } | { kind: "file"; file: string };
    issuer: string;
    audience: string;
    algorithms: string[];
    /** Tokens older than this (by iat), or issued for longer, are refused. */
    maxTokenAgeSeconds: number;
  };
  /** How the gateway calls subgraphs (gateway/subgraph-fetch). */
  subgraphFetch: SubgraphFetchConfig;
  /** On SIGTERM, how long in-flight requests get to finish before the process exits anyway. */
  shutdownGraceMs: number;
  /** The private key (JWK file) the gateway signs its identity assertions with. */
  assertionKeyFile: string;
  /** The response cache for statistics and reference data, and persisted queries (gateway/cache). */
  responseCache: Omit<ResponseCacheOptions, "log">;
  /** Who may scrape /metrics (METRICS_TOKEN; platform/metrics.ts). */
  metrics: MetricsAccess;
  /** Per-caller request budgets (gateway/rate-limits). */
  rateLimits: RateLimitConfig;
  /** The manifest service callers are held to (gateway/trusted-documents); none: not enforced. */
  trustedDocumentsFile: string | undefined;
  /** Browser origins allowed to call the API (gateway/cors); none by default. */
  corsOrigins: string[];
}

export interface SubgraphFetchConfig {
  /** Per call (one retry included), unless the subgraph has its own. */
  timeoutMs: number;
  timeoutMsBySubgraph: Partial<Record<SubgraphName, number>>;
  /** Idle pooled connections are closed after this; below the subgraphs' server keep-alive timeout. */
  keepAliveMs: number;
  /** How long an open circuit fails fast before one probe call. */
  breakerResetMs: number;
}

/** The subgraph-call settings with every default: stacks started in-process (tests, benchmarks) use these. */
export const DEFAULT_SUBGRAPH_FETCH_CONFIG: Readonly<SubgraphFetchConfig> = {
  timeoutMs: DEFAULT_SUBGRAPH_TIMEOUT_MS,
  timeoutMsBySubgraph: {},
  keepAliveMs: DEFAULT_SUBGRAPH_KEEP_ALIVE_MS,
  breakerResetMs: DEFAULT_SUBGRAPH_BREAKER_RESET_MS,
};

export function defaultSubgraphUrl(name: SubgraphName): string {
  return `http://127.0.0.1:${DEFAULT_SUBGRAPH_PORTS[name]}/graphql`;
}

/** Read once at start-up; fails fast naming the variable at fault. */
export function readGatewayConfig(): GatewayConfig {
  const supergraphPath = envString("SUPERGRAPH_PATH", repoPath("schema", "supergraph.graphql"));
  const production = process.env.NODE_ENV === "production";
  const dev = devKeyFiles(dataDir());
  // In production every identity setting must be given: a default here would mean trusting development keys.
  const devOnly = (name: string, fallback: string) => (production ? envString(name) : envString(name, fallback));
  const jwksUrl = envOptional("JWKS_URL");
  if (production && envOptional("JWT_PUBLIC_KEYS_FILE") === undefined && jwksUrl === undefined) {
    throw new ConfigError("Set JWKS_URL (or JWT_PUBLIC_KEYS_FILE): production never trusts the development keys");
  }
  const subgraphUrls = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, envOptional(`${name.toUpperCase()}_URL`) ?? defaultSubgraphUrl(name)]),
  ) as Record<SubgraphName, string>;
  return {
    host: envString("HOST", "127.0.0.1"),
    port: envInt("GATEWAY_PORT", 4000),
    supergraphSdl: readFileSync(supergraphPath, "utf8"),
    supergraphReload: {
      path: supergraphPath,
      watch: envBoolean("SUPERGRAPH_WATCH", true),
      contractSdl: readFileSync(envString("SUPERGRAPH_CONTRACT_PATH", repoPath("schema", "contract.graphql")), "utf8"),
    },
    subgraphUrls,
    production,
    authorizationMode: readAuthorizationMode(),
    tokens: {
      keys: jwksUrl ? { kind: "url", url: jwksUrl } : { kind: "file", file: devOnly("JWT_PUBLIC_KEYS_FILE", dev.devIdpPublicKeys) },
      issuer: devOnly("JWT_ISSUER", DEV_ISSUER),
      audience: devOnly("JWT_AUDIENCE", DEV_AUDIENCE),
      algorithms: envString("JWT_ALGORITHMS", "ES256,RS256")
        .split(",")
        .map((alg) => alg.trim()),
      maxTokenAgeSeconds: envInt("JWT_MAX_TOKEN_AGE_SECONDS", DEFAULT_MAX_TOKEN_AGE_SECONDS),
    },
    subgraphFetch: readSubgraphFetchConfig(),
    shutdownGraceMs: readShutdownGraceMs(),
    assertionKeyFile: devOnly("GATEWAY_SIGNING_KEY_FILE", dev.gatewayPrivateKey),
    responseCache: readResponseCacheConfig(),
    metrics: readMetricsAccess(production),
    rateLimits: readRateLimitConfig(),
    trustedDocumentsFile: envOptional("TRUSTED_DOCUMENTS_FILE"),
    corsOrigins: (envOptional("CORS_ORIGINS") ?? "")
      .split(",")
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ""),
  };
}

/**
 * On by default: on Redis (RESPONSE_CACHE_REDIS_URL, else REDIS_URL) so every
 * replica shares entries and invalidations, else in this process's memory.
 */
function readResponseCacheConfig(): Omit<ResponseCacheOptions, "log"> {
  const enabled = envBoolean("RESPONSE_CACHE", true);
  const redisUrl = envRedisUrl("RESPONSE_CACHE_REDIS_URL") ?? envRedisUrl("REDIS_URL");
  const store: ResponseCacheOptions["store"] = !enabled
    ? { kind: "off" }
    : redisUrl
      ? {
          kind: "redis",
          url: redisUrl,
          keyPrefix: envString("RESPONSE_CACHE_KEY_PREFIX", "spo:cache:"),
          commandTimeoutMs: envInt("RESPONSE_CACHE_COMMAND_TIMEOUT_MS", DEFAULT_RESPONSE_CACHE_COMMAND_TIMEOUT_MS),
          // The subgraphs' streams are on REDIS_URL: when the cache is too, their consumers' progress invalidates statistics.
          eventStreamPrefix: redisUrl === envOptional("REDIS_URL") ? envString("EVENT_STREAM_PREFIX", "spo:events") : undefined,
        }
      : { kind: "memory", maxBytes: envInt("RESPONSE_CACHE_MEMORY_MB", 32) * 1024 * 1024 };
  // Every entry expires: the TTL is the backstop behind invalidation, so it may not be switched off with 0.
  const ttlSeconds = envInt("RESPONSE_CACHE_TTL_SECONDS", 60);
  if (ttlSeconds < 1) throw new ConfigError("RESPONSE_CACHE_TTL_SECONDS must be at least 1");
  return {
    store,
    ttlSeconds,
    persistedQueryTtlSeconds: envInt("PERSISTED_QUERY_TTL_SECONDS", 86_400),
  };
}

/**
 * RATE_LIMIT_DEFAULT ("600/60": requests per seconds, per caller),
 * RATE_LIMITS ("court-listing=1200/60,reporting-dashboard=120/60": per
 * persona), on RATE_LIMIT_REDIS_URL (else REDIS_URL; else this process's memory).
 */
function readRateLimitConfig(): RateLimitConfig {
  const budget = (variable: string, text: string): RateBudget => {
    const parsed = parseRateBudget(text);
    if (!parsed) throw new ConfigError(`${variable} must be <requests>/<seconds> (both at least 1), e.g. 600/60; got "${text}"`);
    return parsed;
  };
  const defaultText = envOptional("RATE_LIMIT_DEFAULT");
  const budgets: Record<string, RateBudget> = {};
  for (const entry of (envOptional("RATE_LIMITS") ?? "").split(",").filter((part) => part.trim() !== "")) {
    const [persona, text] = entry.split("=");
    if (!persona?.trim() || text === undefined)
      throw new ConfigError(`RATE_LIMITS entries must be <persona>=<requests>/<seconds>; got "${entry}"`);
    budgets[persona.trim()] = budget("RATE_LIMITS", text);
  }
  const redisUrl = envRedisUrl("RATE_LIMIT_REDIS_URL") ?? envRedisUrl("REDIS_URL");
  return {
    budgets,
    defaultBudget: defaultText === undefined ? DEFAULT_RATE_BUDGET : budget("RATE_LIMIT_DEFAULT", defaultText),
    store: redisUrl ? { kind: "redis", url: redisUrl, keyPrefix: envString("RATE_LIMIT_KEY_PREFIX", "spo:rate:") } : { kind: "memory" },
  };
}

function readSubgraphFetchConfig(): SubgraphFetchConfig {
  const timeoutMsBySubgraph: Partial<Record<SubgraphName, number>> = {};
  for (const name of SUBGRAPH_NAMES) {
    const variable = `${name.toUpperCase()}_TIMEOUT_MS`;
    if (envOptional(variable) !== undefined) timeoutMsBySubgraph[name] = envInt(variable, 0);
  }
  const keepAliveMs = envInt("SUBGRAPH_KEEP_ALIVE_MS", DEFAULT_SUBGRAPH_KEEP_ALIVE_MS);
  if (keepAliveMs >= SERVER_KEEP_ALIVE_TIMEOUT_MS) {
    throw new ConfigError(
      `SUBGRAPH_KEEP_ALIVE_MS must be below the subgraphs' keep-alive timeout of ${SERVER_KEEP_ALIVE_TIMEOUT_MS} ms; got ${keepAliveMs}`,
    );
  }
  return {
    timeoutMs: envInt("SUBGRAPH_TIMEOUT_MS", DEFAULT_SUBGRAPH_TIMEOUT_MS),
    timeoutMsBySubgraph,
    keepAliveMs,
    breakerResetMs: envInt("SUBGRAPH_BREAKER_RESET_MS", DEFAULT_SUBGRAPH_BREAKER_RESET_MS),
  };
}

function readAuthorizationMode(): AuthorizationMode {
  const mode = envString("AUTHORIZATION_MODE", "filter");
  if (mode !== "filter" && mode !== "reject") throw new ConfigError(`AUTHORIZATION_MODE must be filter or reject; got "${mode}"`);
  return mode;
}
