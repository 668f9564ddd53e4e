import type http from "node:http";
import { createRemoteJWKSet } from "jose";
import { readAuditStoreConfig } from "../platform/audit/config";
import { readAuditContentConfig } from "../platform/audit/content-config";
import { ensureAuditStoreMigrated } from "../platform/audit/store";
import type { Db } from "../platform/db/db";
import { openDatabase } from "../platform/db/open-db";
import { describeErrorForLog } from "../platform/errors/error-log";
import { processLog, type Logger } from "../platform/log";
import { createAssertionSigner, type AssertionSigner } from "../platform/identity/assertion";
import { loadPrivateKey, loadPublicKeySet } from "../platform/identity/keys";
import type { Principal } from "../platform/identity/principal";
import { createAccessLog } from "./access-log";
import { createAuditGraph, createAuditTrail, type AuditTrailOptions } from "./audit";
import { createAuthentication } from "./auth";
import { createAuthenticator } from "./auth/authenticate";
import { keySetHealth } from "./auth/key-set-health";
import { createAuthorization } from "./authz";
import { createResponseCache, type ResponseCache } from "./cache";
import { createResponseCacheConcern } from "./cache/concern";
import type { Check, GatewayConcern } from "./concern";
import { refuseTestOnlySwitchInProduction } from "../platform/test-only";
import { orderedConcerns, type GatewayConcerns } from "./concerns";
import type { GatewayConfig } from "./config";
import { DEFAULT_DASHBOARD_DIR } from "./dashboard/config";
import { createMasking } from "./errors";
import { createOperationLimits } from "./limits";
import type { CacheStats } from "./operation/document-work-cache";
import { createGatewayMetrics } from "./metrics";
import { createRateLimits } from "./rate-limits";
import { UNLIMITED_RATE_LIMITS } from "./rate-limits/unlimited";
import { createTrustedDocuments, readTrustedDocuments, SHIPPED_TRUSTED_DOCUMENTS_FILE } from "./trusted-documents";
import { createDashboard, type DevSignIn } from "./dashboard";
import { createIde } from "./ide";
import { createCors } from "./cors";
import { createInputScalars } from "./operation/input-scalars";
import { createStorableTextCheck } from "./operation/storable-text";
import { createPersistedQueries } from "./persisted-queries";
import { createRequestId } from "./request-id";
import { createTracing } from "./tracing";
import { createGateway, type Gateway } from "./server";
import type { SubgraphFetch } from "./subgraph-fetch";
import { createSubgraphCalls } from "./subgraph-fetch/concern";

/** What buildGateway reads: the gateway's config, the parts an override replaces optional. */
export type GatewayBuildConfig = Pick<
  GatewayConfig,
  "supergraphSdl" | "subgraphUrls" | "production" | "authorizationMode" | "subgraphFetch"
> &
  Partial<Pick<GatewayConfig, "supergraphReload">> &
  Partial<
    Pick<
      GatewayConfig,
      | "tokens"
      | "assertionKeyFile"
      | "responseCache"
      | "metrics"
      | "tracing"
      | "rateLimits"
      | "trustedDocumentsFile"
      | "corsOrigins"
      | "audit"
      | "dashboard"
    >
  >;

/** What a composition root may give instead of what the config describes, by name. */
export interface GatewayOverrides {
  /** The logger every concern logs through (a test's, which reads the lines back); else this process's (platform/log.ts). */
  log?: Logger;
  /** Verifies the caller's token instead of config.tokens (a test's keys, or every caller one principal). */
  authenticate?: (request: http.IncomingMessage) => Promise<Principal>;
  /** Signs identity assertions instead of the key in config.assertionKeyFile. */
  signAssertion?: AssertionSigner;
  /** The audit store, migrated, owned by the caller; else the one AUDIT_DATABASE_* describes, opened, migrated and closed here. */
  auditDb?: Db;
  /** How the audit trail writes and what it keeps; else the AUDIT_* settings (the defaults when auditDb is given). */
  audit?: Omit<AuditTrailOptions, "db">;
  /** The response cache, owned by the caller (an embedded stack's subgraphs invalidate it); else made from config.responseCache. */
  responseCache?: ResponseCache;
  /**
   * Test only, refused in production (platform/test-only.ts): no authorization filter in front of the
   * planner, so that a test sees the subgraphs' own guards alone.
   */
  withoutAuthorizationFilter?: true;
  /** Development only, refused in production: the dashboard's "sign in as…" endpoint (dev/dashboard-sign-in.ts gives it). */
  devSignIn?: DevSignIn;
  /** Development only, refused in production: GraphiQL at /graphiql, from its built folder (dev/gateway.main.ts gives it). */
  ide?: { dir: string };
}

export interface BuiltGateway extends Gateway {
  /** The authorization filter's cache counts per authorization shape. */
  authorizationShapes(): CacheStats;
  /** Each subgraph's circuit breaker (state, counts, events). */
  subgraphBreakers(): Record<string, SubgraphFetch["breaker"]>;
  /** The response cache (given, or made here). */
  responseCache: ResponseCache;
  /** Closes what was opened here (response cache, audit store); call after apollo.stop(). */
  close(): Promise<void>;
}

const passThrough: NonNullable<GatewayConcern["wrapExecutor"]> = (execute) => execute;

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`The gateway needs ${what}, from its config or an override`);
  return value;
}

/**
 * The gateway's one composition root: every concern made from config data
 * (or the override of the same name) and composed in the order of
 * gateway/concerns.ts. gateway/main.ts, the embedded stack, the benchmarks
 * and the tests all build the gateway here, so none can drift from another.
 */
export async function buildGateway(config: GatewayBuildConfig, overrides: GatewayOverrides = {}): Promise<BuiltGateway> {
  if (overrides.withoutAuthorizationFilter) {
    if (config.production) throw new Error("The gateway's authorization filter cannot be switched off in production");
    refuseTestOnlySwitchInProduction("A gateway without its authorization filter");
  }
  if (overrides.devSignIn && config.production) throw new Error("The dashboard's development sign-in cannot be served in production");
  if (overrides.ide && config.production) throw new Error("The development IDE cannot be served in production");
  const log = overrides.log ?? processLog();
  const logOf = (component: string) => log.child({ component });
  // Never an error's message: it can quote the personal data a request carried.
  const maskingLog = logOf("masking");
  const logMasked = (error: unknown) => maskingLog.error(describeErrorForLog(error));
  const opened: (() => Promise<void> | void)[] = [];

  let authenticate = overrides.authenticate;
  let keySet: Check | undefined;
  if (!authenticate) {
    const tokens = required(config.tokens, "token settings");
    const keys = tokens.keys.kind === "url" ? createRemoteJWKSet(new URL(tokens.keys.url)) : loadPublicKeySet(tokens.keys.file);
    authenticate = createAuthenticator({ ...tokens, keys, log: logOf("authentication") });
    const keySetLog = logOf("key set");
    if (tokens.keys.kind === "url") keySet = keySetHealth(tokens.keys.url, { log: (message) => keySetLog.error(message) });
  }
  let signAssertion = overrides.signAssertion;
  if (!signAssertion) {
    const assertionKey = await loadPrivateKey(required(config.assertionKeyFile, "an assertion key file"));
    signAssertion = createAssertionSigner(assertionKey.key, assertionKey.kid);
  }
  let auditDb = overrides.auditDb;
  let audit = overrides.audit ?? {};
  if (!auditDb) {
    const auditConfig = config.audit?.store ?? readAuditStoreConfig();
    const db = openDatabase(auditConfig.database);
    auditDb = db;
    opened.push(() => db.close());
    await ensureAuditStoreMigrated(db);
    audit = {
      maxBatch: auditConfig.maxBatch,
      writeTimeoutMs: auditConfig.writeTimeoutMs,
      content: config.audit?.content ?? readAuditContentConfig(),
      ...audit,
    };
  }
  let responseCache = overrides.responseCache;
  if (!responseCache) {
    const cacheLog = logOf("response cache");
    const cache = createResponseCache({
      ...required(config.responseCache, "response cache settings"),
      log: (message) => cacheLog.warn(message),
    });
    responseCache = cache;
    opened.push(() => cache.close());
  }

  const enforced = createAuthorization({ supergraphSdl: config.supergraphSdl, mode: config.authorizationMode });
  // Without the filter the policy still strips the directives stock @apollo/gateway refuses; nothing is enforced.
  const authorization = overrides.withoutAuthorizationFilter ? { ...enforced, wrapExecutor: passThrough } : enforced;
  const cache = responseCache;
  const metrics = createGatewayMetrics({
    sources: { breakerStates: () => subgraphCalls.breakerStates(), responseCache: () => cache.metrics() },
    access: config.metrics ?? { kind: config.production ? "off" : "open" },
  });
  const accessLog = createAccessLog({ log: logOf("access"), onRequestEnd: metrics.requestEnded });
  const subgraphCalls = createSubgraphCalls({
    subgraphUrls: config.subgraphUrls,
    fetch: config.subgraphFetch,
    signAssertion,
    log: logOf("subgraph calls"),
    observe: (call) => {
      accessLog.subgraphCall(call);
      metrics.subgraphCall(call);
    },
  });
  const auditLog = logOf("audit");
  const trustedDocuments = readTrustedDocuments(config.trustedDocumentsFile ?? SHIPPED_TRUSTED_DOCUMENTS_FILE);
  const concerns: GatewayConcerns = {
    authentication: createAuthentication({ authenticate, keySet }),
    requestId: createRequestId(),
    tracing: createTracing(config.tracing),
    accessLog,
    metrics,
    ide: createIde(overrides.ide),
    dashboard: createDashboard({
      dir: config.dashboard?.dir ?? DEFAULT_DASHBOARD_DIR,
      devSignIn: overrides.devSignIn,
      oidc: config.dashboard?.oidc,
    }),
    cors: createCors(config.corsOrigins ?? []),
    rateLimits: createRateLimits({
      ...(config.rateLimits ?? UNLIMITED_RATE_LIMITS),
      log: logOf("rate limits"),
      onRefused: metrics.rateLimited,
    }),
    trustedDocuments: config.trustedDocumentsFile
      ? createTrustedDocuments(trustedDocuments)
      : { name: "trusted documents (no manifest: not enforced)" },
    persistedQueries: createPersistedQueries(responseCache.persistedQueries, trustedDocuments),
    storableText: createStorableTextCheck(),
    limits: createOperationLimits(),
    inputScalars: createInputScalars(),
    auditTrail: createAuditTrail({
      db: auditDb,
      log: (message) => auditLog.error(message),
      onCommit: metrics.auditCommit,
      ...audit,
    }),
    responseCache: createResponseCacheConcern({ cache: responseCache, authorizationMode: config.authorizationMode }),
    masking: createMasking(logMasked),
    authorization,
    auditGraph: createAuditGraph({ db: auditDb, content: audit.content }),
    subgraphCalls,
  };
  const gateway = createGateway(config, orderedConcerns(concerns), logOf("supergraph"));
  return {
    ...gateway,
    authorizationShapes: () => authorization.stats(),
    subgraphBreakers: () => subgraphCalls.stats(),
    responseCache,
    async close() {
      for (const close of opened.reverse()) await close();
    },
  };
}
