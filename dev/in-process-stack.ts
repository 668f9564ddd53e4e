import { readFileSync } from "node:fs";
import type http from "node:http";
import type { JWTVerifyGetKey, KeyLike } from "jose";
import { SUBGRAPH_NAMES, type SubgraphName } from "../domain/topology";
import type { Clock } from "../platform/clock";
import type { Logger } from "../platform/log";
import type { RateLimitConfig } from "../gateway/rate-limits";
import type { Db } from "../platform/db/db";
import type { EventBus } from "../platform/events/bus";
import { DEFAULT_DELIVERY_STUCK, type DeliveryStuckThresholds } from "../platform/events/runtime";
import { listen, type RunningHttpService } from "../platform/http";
import { repoPath } from "../platform/repo-root";
import type { SubgraphServer } from "../platform/subgraph/subgraph";
import { buildSubgraph } from "../platform/subgraph/build";
import { SUBGRAPHS } from "../subgraphs/registry";
import { createAuthenticator } from "../gateway/auth/authenticate";
import type { AuthorizationMode } from "../gateway/authz";
import type { AuditContentConfig } from "../platform/audit/content-config";
import { createResponseCache, type ResponseCache, type ResponseCacheOptions } from "../gateway/cache";
import { createAssertionSigner } from "../platform/identity/assertion";
import { buildGateway, type BuiltGateway } from "../gateway/build";
import type { DashboardOidc, DevSignIn } from "../gateway/dashboard";
import { DEFAULT_DASHBOARD_DIR } from "../gateway/dashboard/config";
import type { CacheStats } from "../gateway/operation/document-work-cache";
import { DEFAULT_SUBGRAPH_FETCH_CONFIG, type SubgraphFetchConfig } from "../gateway/config";

export interface InProcessStackOptions {
  /** Each subgraph's database, migrated and loaded; the caller owns (and closes) them. */
  databases: Record<SubgraphName, Db>;
  clock: Clock;
  /** The event bus between the subgraphs; the caller owns (and closes) it. */
  bus: EventBus;
  /** How the gateway verifies callers' tokens. */
  tokens: { keys: JWTVerifyGetKey; issuer: string; audience: string };
  /** The key pair of the gateway's identity assertions. */
  assertions: { privateKey: KeyLike; publicKeys: JWTVerifyGetKey };
  /** A subgraph that verifies assertions with other keys than the gateway's (a misconfiguration, for tests). */
  gatewayKeysOf?: Partial<Record<SubgraphName, JWTVerifyGetKey>>;
  authorizationMode?: AuthorizationMode;
  /** The gateway's audit store, migrated; the caller owns (and closes) it. */
  auditDb: Db;
  /** Where the audit trail reports write failures (stderr by default). */
  auditLog?: (message: string) => void;
  /** AUDIT_WRITE_TIMEOUT_MS (5000 unless a test needs a record to miss its deadline sooner). */
  auditWriteTimeoutMs?: number;
  /** What audit records keep and how (hash key, size bound, shortest justification); the defaults otherwise. */
  auditContent?: AuditContentConfig;
  /** How the gateway calls subgraphs; the production defaults unless a test needs, e.g., a shorter timeout. */
  subgraphFetch?: Partial<SubgraphFetchConfig>;
  /**
   * Given where each subgraph listens, where the gateway should reach each
   * instead, if anywhere else (a chaos test's proxy in front of one).
   */
  routeSubgraphs?: (subgraphUrls: Record<SubgraphName, string>) => Promise<Partial<Record<SubgraphName, string>>>;
  /** Sees each subgraph's HTTP service before it listens (a test's spy on what the gateway asks). */
  beforeListen?: (name: SubgraphName, service: http.Server) => void;
  /**
   * The gateway's response cache; none unless given. Its statistics entries are invalidated by the events
   * the subgraphs of this stack consume (they share this process).
   */
  responseCache?: ResponseCacheOptions;
  /** When each subgraph's health calls its event delivery stuck (EVENT_LAG_ALERT, EVENT_UNCONFIRMED_ALERT_MS); the defaults otherwise. */
  eventsStuck?: Partial<DeliveryStuckThresholds>;
  /**
   * Test only (refused in production): take one of the two layers of access control away, so a test
   * sees the other alone: the gateway's authorization filter, or every subgraph's own scope guard.
   */
  withoutLayer?: "gateway-filter" | "subgraph-guard";
  /** The gateway's logger (a test's, which reads the lines back); this process's otherwise (silent under jest). */
  gatewayLog?: Logger;
  /** The gateway's per-caller budgets; a budget no test reaches unless given. */
  rateLimits?: RateLimitConfig;
  /** The manifest service callers are held to (TRUSTED_DOCUMENTS_FILE); not enforced unless given. */
  trustedDocumentsFile?: string;
  /** Browser origins the gateway serves (CORS_ORIGINS); none unless given. */
  corsOrigins?: string[];
  /** The reporting dashboard: its built folder (dist/dashboard/ unless given) and its development sign-in, if any. */
  dashboard?: { dir?: string; devSignIn?: DevSignIn; oidc?: DashboardOidc };
  /** The development IDE at /graphiql, from its built folder. */
  ide?: { dir: string };
  /**
   * The supergraph file the gateway serves and reloads (SUPERGRAPH_PATH, held to schema/contract.graphql),
   * watched when `watch` is set; the checked-in supergraph, never reloaded, unless given.
   */
  supergraphFile?: { path: string; watch: boolean };
}

export interface InProcessStack {
  gatewayUrl: string;
  /** Where each subgraph's own service listens. */
  subgraphUrls: Record<SubgraphName, string>;
  subgraphs: Record<SubgraphName, SubgraphServer<unknown>>;
  /** The gateway's authorization-shape cache counts (gateway/authz/authorization-shape-cache.ts). */
  authorizationShapes(): CacheStats;
  /** The gateway's response cache (a pass-through when none was asked for). */
  responseCache: ResponseCache;
  /** The gateway's circuit breaker of each subgraph. */
  subgraphBreakers: BuiltGateway["subgraphBreakers"];
  /** Reads the supergraph file again (what SIGHUP does). */
  reloadSupergraph: BuiltGateway["reloadSupergraph"];
  /** Stops the gateway, the subgraphs' services and their events; databases and bus stay with their owner. */
  stop(): Promise<void>;
}

/** Each subgraph's consumer name in an in-process stack. */
export function inProcessConsumerName(name: SubgraphName): string {
  return `${name}-in-process`;
}

/**
 * The whole stack in this process, over real HTTP on ephemeral ports of
 * 127.0.0.1: the four subgraphs (events running) on the given databases and
 * the gateway serving the checked-in supergraph. The end-to-end tests and the
 * benchmarks start the stack this way.
 */
export async function startInProcessStack(options: InProcessStackOptions): Promise<InProcessStack> {
  const subgraphs = {} as Record<SubgraphName, SubgraphServer<unknown>>;
  const services: RunningHttpService[] = [];
  const subgraphUrls = {} as Record<SubgraphName, string>;
  const responseCache = createResponseCache(
    options.responseCache ?? { store: { kind: "off" }, ttlSeconds: 1, persistedQueryTtlSeconds: 1 },
  );
  const bus = responseCache.invalidatingOnEvents(options.bus);
  for (const name of SUBGRAPH_NAMES) {
    const server: SubgraphServer<unknown> = await buildSubgraph(
      SUBGRAPHS[name],
      {
        events: {
          consumer: inProcessConsumerName(name),
          ...(options.eventsStuck ? { stuck: { ...DEFAULT_DELIVERY_STUCK, ...options.eventsStuck } } : {}),
        },
      },
      {
        db: options.databases[name],
        clock: options.clock,
        gatewayKeys: options.gatewayKeysOf?.[name] ?? options.assertions.publicKeys,
        bus,
        ...(options.withoutLayer === "subgraph-guard" ? { withoutAccessGuard: true as const } : {}),
      },
    );
    await server.apollo.start();
    const httpService = server.createHttpService();
    options.beforeListen?.(name, httpService);
    const running = await listen(httpService, 0);
    services.push(running);
    subgraphs[name] = server;
    subgraphUrls[name] = running.url;
  }
  for (const name of SUBGRAPH_NAMES) subgraphs[name].events.start();

  const gateway = await buildGateway(
    {
      supergraphSdl: readFileSync(options.supergraphFile?.path ?? repoPath("schema", "supergraph.graphql"), "utf8"),
      supergraphReload: options.supergraphFile && {
        ...options.supergraphFile,
        contractSdl: readFileSync(repoPath("schema", "contract.graphql"), "utf8"),
      },
      subgraphUrls: { ...subgraphUrls, ...(await options.routeSubgraphs?.({ ...subgraphUrls })) },
      production: false,
      rateLimits: options.rateLimits,
      trustedDocumentsFile: options.trustedDocumentsFile,
      corsOrigins: options.corsOrigins,
      dashboard: options.dashboard && { dir: options.dashboard.dir ?? DEFAULT_DASHBOARD_DIR, oidc: options.dashboard.oidc },
      authorizationMode: options.authorizationMode ?? "filter",
      subgraphFetch: {
        ...DEFAULT_SUBGRAPH_FETCH_CONFIG,
        ...options.subgraphFetch,
      },
    },
    {
      authenticate: createAuthenticator({
        ...options.tokens,
        algorithms: ["ES256"],
        log: options.gatewayLog?.child({ component: "authentication" }),
      }),
      log: options.gatewayLog,
      signAssertion: createAssertionSigner(options.assertions.privateKey),
      auditDb: options.auditDb,
      audit: { log: options.auditLog, writeTimeoutMs: options.auditWriteTimeoutMs, content: options.auditContent },
      responseCache,
      devSignIn: options.dashboard?.devSignIn,
      ide: options.ide,
      ...(options.withoutLayer === "gateway-filter" ? { withoutAuthorizationFilter: true as const } : {}),
    },
  );
  await gateway.apollo.start();
  const gatewayService = await listen(gateway.createHttpService(), 0);

  return {
    gatewayUrl: gatewayService.url,
    subgraphUrls,
    subgraphs,
    authorizationShapes: () => gateway.authorizationShapes(),
    subgraphBreakers: () => gateway.subgraphBreakers(),
    reloadSupergraph: () => gateway.reloadSupergraph(),
    responseCache,
    async stop() {
      await gatewayService.close();
      await gateway.apollo.stop();
      for (const service of services) await service.close();
      for (const name of SUBGRAPH_NAMES) {
        await subgraphs[name].events.stop();
        await subgraphs[name].apollo.stop();
      }
      responseCache.close();
    },
  };
}
