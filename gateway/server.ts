import { randomUUID } from "node:crypto";
import type http from "node:http";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { ApolloGateway } from "@apollo/gateway";
import type { GatewayInterface } from "@apollo/server-gateway-interface";
import type { SubgraphName } from "../platform/config";
import { describeErrorForLog } from "../platform/errors/error-log";
import { createHttpService, type Readiness } from "../platform/http";
import type { Principal } from "../platform/identity/principal";
import { nameRequestScope, setRequestAccess } from "../platform/request-scope";
import type { GatewayConfig } from "./config";
import type { GatewayContext } from "./context";
import { createAuthorization } from "./authz";
import type { CacheStats } from "./operation/document-work-cache";
import type { AssertionSigner } from "../platform/identity/assertion";
import { SubgraphDataSource } from "./datasource";
import type { AuditTrail } from "./audit";
import type { ResponseCache } from "./cache";
import { createErrorMasking, withValueCompletionMasked } from "./errors";
import { gatewayReadiness } from "./health";
import { createOperationLimits } from "./limits";
import { withInputScalars } from "./operation/input-scalars";
import { accessKeyOf, createPersistedQueries } from "./persisted-queries";
import { createSubgraphFetchers, DEFAULT_SUBGRAPH_FETCH, type SubgraphFetch } from "./subgraph-fetch";
import { storableTextPlugin } from "./operation/storable-text";
import { refuseTestOnlySwitchInProduction } from "../platform/test-only";

/** The response header that names the request: the id the subgraphs saw in their identity assertions. */
export const REQUEST_ID_HEADER = "x-request-id";

/**
 * Answers every authenticated request with its id, so a caller can quote it
 * and an operator (or a test) can find what it caused in every subgraph and
 * its record in the audit trail.
 */
const requestIdHeader: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        response.http.headers.set(REQUEST_ID_HEADER, contextValue.requestId);
      },
    };
  },
};

export interface Gateway {
  apollo: ApolloServer<GatewayContext>;
  /** An HTTP service around the gateway; call after apollo.start(). */
  createHttpService(): http.Server;
  /** What it needs to serve (supergraph, audit store, key set) and each subgraph and Redis, reported: "ready" or what is wrong. */
  ready(): Promise<Readiness>;
  /** Hits and misses of the authorization filter's cache per authorization shape (counts, for tests and operators). */
  authorizationShapes(): CacheStats;
  /** Each subgraph's circuit breaker (state, counts, events), for tests and operators. */
  subgraphBreakers(): Record<string, SubgraphFetch["breaker"]>;
}

/**
 * The gateway: a static supergraph (schema/supergraph.graphql, composed and
 * checked in by `npm run compose`), never IntrospectAndCompose, so what is
 * served is exactly what was reviewed.
 */
export interface GatewayDependencies {
  /** Verifies the caller's token; throws UnauthenticatedError (HTTP 401) when there is no valid one. */
  authenticate: (request: http.IncomingMessage) => Promise<Principal>;
  signAssertion: AssertionSigner;
  /** Records every consultation of personal data before its response leaves (createAuditTrail). */
  auditTrail: AuditTrail;
  /** Statistics and reference data answered from a cache, and persisted queries (createResponseCache); none if absent. */
  responseCache?: ResponseCache;
  /** Checks readiness requires besides the supergraph: "ready" or what is wrong (the audit store, the key set). */
  requiredChecks?: Readonly<Record<string, () => Promise<string>>>;
  /**
   * Test only, refused in production (platform/test-only.ts): no authorization filter in front of the
   * planner, so that a test sees the subgraphs' own guards alone.
   */
  withoutAuthorizationFilter?: true;
}

/** Runs `stop` when Apollo Server stops (after in-flight operations). */
function onServerStop(stop: () => Promise<void>): ApolloServerPlugin {
  return { serverWillStart: async () => ({ serverWillStop: stop }) };
}

/**
 * The gateway as a list of concerns, each made by the one factory of its
 * folder: authorization (filter or reject) in front of the planner; subgraph
 * calls with timeouts and circuit breakers; operation limits while parsing
 * and validating; internals masked in results and errors; the audit trail.
 * Then the static supergraph behind them, with real Date/DateTime parsing,
 * and Apollo Server with batching off and CSRF prevention on (its defaults, stated).
 */
export function createGateway(
  config: Pick<GatewayConfig, "supergraphSdl" | "subgraphUrls" | "production" | "authorizationMode" | "subgraphFetch">,
  dependencies: GatewayDependencies,
): Gateway {
  if (dependencies.withoutAuthorizationFilter) {
    if (config.production) throw new Error("The gateway's authorization filter cannot be switched off in production");
    refuseTestOnlySwitchInProduction("A gateway without its authorization filter");
  }
  // Never an error's message: it can quote the personal data a request carried.
  const log = (error: unknown) => console.error(`[gateway] ${describeErrorForLog(error)}`);
  // The concerns, one line each; a new one is a folder with a factory and a line here.
  const authorization = createAuthorization({ supergraphSdl: config.supergraphSdl, mode: config.authorizationMode });
  const subgraphCalls = createSubgraphFetchers(Object.keys(config.subgraphUrls), {
    ...config.subgraphFetch,
    log: (message) => console.error(message),
    breaker: { ...DEFAULT_SUBGRAPH_FETCH.breaker, resetTimeoutMs: config.subgraphFetch.breakerResetMs },
  });
  const limits = createOperationLimits();
  const formatError = createErrorMasking(log);
  const { auditTrail } = dependencies;

  let supergraphLoaded = false;
  const supergraph = new ApolloGateway({
    supergraphSdl: authorization.executableSupergraphSdl,
    buildService: ({ name }) => {
      const local = auditTrail.localSubgraphs[name];
      if (local) return local;
      const url = config.subgraphUrls[name as SubgraphName];
      if (!url) throw new Error(`The supergraph names subgraph "${name}", which the gateway has no URL for`);
      return new SubgraphDataSource(url, name, dependencies.signAssertion, subgraphCalls.fetchers[name].fetcher);
    },
  });
  supergraph.onSchemaLoadOrUpdate(() => {
    supergraphLoaded = true;
  });
  // Around the planner, innermost first. Outermost the audit trail, so it records what actually
  // leaves: after authorization and masking; inside it the response cache, so the trail decides about
  // every request, cache hits included.
  const wrappers: ((inner: GatewayInterface) => GatewayInterface)[] = [
    withInputScalars,
    dependencies.withoutAuthorizationFilter ? (inner) => inner : authorization.wrapGateway,
    (inner) => withValueCompletionMasked(inner, log),
    (inner) => (dependencies.responseCache ? dependencies.responseCache.wrapGateway(inner, config.authorizationMode) : inner),
    auditTrail.wrapGateway,
  ];

  const apollo = new ApolloServer<GatewayContext>({
    gateway: wrappers.reduce<GatewayInterface>((inner, wrap) => wrap(inner), supergraph),
    // Partitioned by the caller's access, so a hash found is no news of what another caller sent.
    persistedQueries: createPersistedQueries(dependencies.responseCache?.persistedQueries),
    formatError,
    includeStacktraceInErrorResponses: false,
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    introspection: !config.production,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // Our process owns signal handling and stops everything in order (events, HTTP, database);
    // Apollo's own handler would re-raise the signal and kill the process half-way.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      requestIdHeader,
      // Text no database can store is refused before anything runs, for every operation.
      storableTextPlugin,
      ...limits.plugins,
      ...auditTrail.plugins,
      onServerStop(() => subgraphCalls.close()),
    ],
  });

  const { responseCache } = dependencies;
  const ready = () =>
    gatewayReadiness({
      supergraphLoaded,
      subgraphUrls: config.subgraphUrls,
      subgraphCallState: (name) => subgraphCalls.fetchers[name]?.state() ?? "ready",
      required: dependencies.requiredChecks,
      reported:
        responseCache?.storeKind === "redis"
          ? { "response cache (Redis)": async () => (responseCache.storeReady() ? "ready" : "not answering (serving without the cache)") }
          : {},
    });
  return {
    apollo,
    ready,
    authorizationShapes: () => authorization.shapeStats(),
    subgraphBreakers: () => Object.fromEntries(Object.entries(subgraphCalls.fetchers).map(([name, calls]) => [name, calls.breaker])),
    createHttpService: () =>
      createHttpService({
        apollo,
        context: async (request) => {
          const principal = await dependencies.authenticate(request);
          const requestId = randomUUID();
          nameRequestScope(requestId);
          setRequestAccess(accessKeyOf(principal));
          return { requestId, principal };
        },
        ready,
      }),
  };
}
