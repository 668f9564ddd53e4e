import { randomUUID } from "node:crypto";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { ApolloGateway } from "@apollo/gateway";
import type http from "node:http";
import type { SubgraphName } from "../subgraphs/kit/config";
import { createHttpService } from "../subgraphs/kit/http";
import type { GatewayConfig } from "./config";
import type { GatewayContext } from "./context";
import { AuthorizingGateway } from "./authz/authorizing-gateway";
import { AuthorizationPolicy } from "./authz/policy";
import { SubgraphDataSource, type AssertionSigner } from "./datasource";
import type { Principal } from "../subgraphs/kit/principal";
import { allSubgraphsReady } from "./health";
import { createErrorMasking } from "./errors";
import { withInputScalars } from "./operation/input-scalars";
import { createOperationLimits } from "./limits";

export interface Gateway {
  apollo: ApolloServer<GatewayContext>;
  /** An HTTP service around the gateway; call after apollo.start(). */
  createHttpService(): http.Server;
  ready(): Promise<boolean>;
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
}

export function createGateway(
  config: Pick<GatewayConfig, "supergraphSdl" | "subgraphUrls" | "production" | "authorizationMode">,
  dependencies: GatewayDependencies,
): Gateway {
  let loaded = false;
  const { policy, executableSupergraphSdl } = AuthorizationPolicy.fromSupergraph(config.supergraphSdl);
  const gateway = new ApolloGateway({
    supergraphSdl: executableSupergraphSdl,
    buildService: ({ name }) => {
      const url = config.subgraphUrls[name as SubgraphName];
      if (!url) throw new Error(`The supergraph names subgraph "${name}", which the gateway has no URL for`);
      return new SubgraphDataSource(url, name, dependencies.signAssertion);
    },
  });
  gateway.onSchemaLoadOrUpdate(() => {
    loaded = true;
  });
  const limits = createOperationLimits();
  const apollo = new ApolloServer<GatewayContext>({
    gateway: new AuthorizingGateway(withInputScalars(gateway), policy, config.authorizationMode),
    introspection: !config.production,
    formatError: createErrorMasking((error) => console.error("[gateway]", error)),
    includeStacktraceInErrorResponses: false,
    // Our process owns signal handling and stops everything in order (events, HTTP, database);
    // Apollo's own handler would re-raise the signal and kill the process half-way.
    stopOnTerminationSignals: false,
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    plugins: [ApolloServerPluginInlineTraceDisabled(), ...limits.plugins],
  });
  const ready = async () => loaded && allSubgraphsReady(Object.values(config.subgraphUrls));
  return {
    apollo,
    ready,
    createHttpService: () =>
      createHttpService({
        apollo,
        context: async (request) => ({
          requestId: randomUUID(),
          principal: await dependencies.authenticate(request),
          assertions: new Map(),
        }),
        ready,
      }),
  };
}
