import { randomUUID } from "node:crypto";
import type http from "node:http";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { ApolloGateway } from "@apollo/gateway";
import type { GatewayInterface } from "@apollo/server-gateway-interface";
import type { SubgraphName } from "../subgraphs/kit/config";
import { describeErrorForLog } from "../subgraphs/kit/error-log";
import { createHttpService, type ReadinessChecks } from "../subgraphs/kit/http";
import type { Principal } from "../subgraphs/kit/principal";
import { nameRequestScope } from "../subgraphs/kit/request-scope";
import type { GatewayConfig } from "./config";
import type { GatewayContext } from "./context";
import { AuthorizingGateway } from "./authz/authorizing-gateway";
import { AuthorizationPolicy } from "./authz/policy";
import { SubgraphDataSource, type AssertionSigner } from "./datasource";
import type { AuditTrail } from "./audit";
import type { ResponseCache } from "./cache";
import { createErrorMasking, withValueCompletionMasked } from "./errors";
import { gatewayReadiness } from "./health";
import { createOperationLimits } from "./limits";
import { withInputScalars } from "./operation/input-scalars";
import { createSubgraphFetchers, DEFAULT_SUBGRAPH_FETCH } from "./subgraph-fetch";

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
  /** The supergraph and each subgraph by name: "ready" or what is wrong. */
  ready(): Promise<ReadinessChecks>;
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
}

/** Runs `stop` when Apollo Server stops (after in-flight operations). */
function onServerStop(stop: () => Promise<void>): ApolloServerPlugin {
  return { serverWillStart: async () => ({ serverWillStop: stop }) };
}

/**
 * One concern per line: the static supergraph behind subgraph calls with
 * timeouts and circuit breakers; real Date/DateTime parsing; authorization
 * (filter or reject) in front of the planner; internals masked in results and
 * errors; operation limits while parsing and validating; batching off, CSRF
 * prevention on (Apollo Server's defaults, stated).
 */
export function createGateway(
  config: Pick<GatewayConfig, "supergraphSdl" | "subgraphUrls" | "production" | "authorizationMode" | "subgraphFetch">,
  dependencies: GatewayDependencies,
): Gateway {
  let supergraphLoaded = false;
  const { policy, executableSupergraphSdl } = AuthorizationPolicy.fromSupergraph(config.supergraphSdl);
  const subgraphCalls = createSubgraphFetchers(Object.keys(config.subgraphUrls), {
    ...config.subgraphFetch,
    breaker: { ...DEFAULT_SUBGRAPH_FETCH.breaker, resetTimeoutMs: config.subgraphFetch.breakerResetMs },
  });
  const supergraph = new ApolloGateway({
    supergraphSdl: executableSupergraphSdl,
    buildService: ({ name }) => {
      const local = dependencies.auditTrail.localSubgraphs[name];
      if (local) return local;
      const url = config.subgraphUrls[name as SubgraphName];
      if (!url) throw new Error(`The supergraph names subgraph "${name}", which the gateway has no URL for`);
      return new SubgraphDataSource(url, name, dependencies.signAssertion, subgraphCalls.fetchers[name].fetcher);
    },
  });
  supergraph.onSchemaLoadOrUpdate(() => {
    supergraphLoaded = true;
  });
  const limits = createOperationLimits();
  const withResponseCache = (inner: GatewayInterface) =>
    dependencies.responseCache ? dependencies.responseCache.wrapGateway(inner, config.authorizationMode) : inner;

  // Never an error's message: it can quote the personal data a request carried.
  const log = (error: unknown) => console.error(`[gateway] ${describeErrorForLog(error)}`);
  const apollo = new ApolloServer<GatewayContext>({
    // Outermost the audit trail, so it records what actually leaves: after authorization and masking.
    // Inside it the response cache, so the trail decides about every request, cache hits included.
    gateway: dependencies.auditTrail.wrapGateway(
      withResponseCache(
        withValueCompletionMasked(new AuthorizingGateway(withInputScalars(supergraph), policy, config.authorizationMode), log),
      ),
    ),
    persistedQueries: dependencies.responseCache?.persistedQueries,
    formatError: createErrorMasking(log),
    includeStacktraceInErrorResponses: false,
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    introspection: !config.production,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // Our process owns signal handling and stops everything in order (events, HTTP, database);
    // Apollo's own handler would re-raise the signal and kill the process half-way.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginInlineTraceDisabled(), requestIdHeader, ...limits.plugins, onServerStop(() => subgraphCalls.close())],
  });

  const ready = () => gatewayReadiness({ supergraphLoaded, subgraphUrls: config.subgraphUrls });
  return {
    apollo,
    ready,
    createHttpService: () =>
      createHttpService({
        apollo,
        context: async (request) => {
          const principal = await dependencies.authenticate(request);
          const requestId = randomUUID();
          nameRequestScope(requestId);
          return { requestId, principal, assertions: new Map() };
        },
        ready,
      }),
  };
}
