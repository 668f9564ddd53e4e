import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayGraphQLResponse } from "@apollo/server-gateway-interface";
import { Kind, parse, type DocumentNode } from "graphql";
import { SubgraphUnavailableError, subgraphUnavailableError } from "../platform/errors/errors";
import { ASSERTION_HEADER, type AssertionSigner } from "../platform/identity/assertion";
import { gatewayContextOf, type GatewayContext } from "./context";

/**
 * Where a failed fetch's data would have gone, relative to the fetch's place
 * in the response: each root field for a root fetch, the fetch's own place
 * (the empty path) for an entity fetch.
 */
function errorPathsOfFetch(options: GraphQLDataSourceProcessOptions<GatewayContext>): (string | number)[][] {
  const query = options.request.query;
  const document: DocumentNode | undefined = ("document" in options ? options.document : undefined) ?? (query ? parse(query) : undefined);
  const operation = document?.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const keys =
    operation?.kind === Kind.OPERATION_DEFINITION
      ? operation.selectionSet.selections.flatMap((selection) =>
          selection.kind === Kind.FIELD ? [selection.alias?.value ?? selection.name.value] : [],
        )
      : [];
  return keys.length === 0 || keys.includes("_entities") ? [[]] : keys.map((key) => [key]);
}

/**
 * How the gateway calls a subgraph. The URL comes from gateway config, not the
 * supergraph file, so one checked-in supergraph serves every deployment. Each
 * request carries a fresh assertion addressed to this subgraph; the caller's
 * own token never leaves the gateway. A subgraph that does not answer (see
 * subgraph-fetch) gives one SUBGRAPH_UNAVAILABLE error where its data would
 * have gone; the rest of the plan carries on with the other subgraphs' data.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly subgraphName: string,
    private readonly signAssertion: AssertionSigner,
    fetcher?: RemoteGraphQLDataSource["fetcher"],
  ) {
    super(fetcher ? { url, fetcher } : { url });
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      if (!(error instanceof SubgraphUnavailableError)) throw error;
      console.error(`[gateway] ${error.message}`);
      return { errors: errorPathsOfFetch(options).map((path) => subgraphUnavailableError(error.serviceName, path)) };
    }
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const { principal, requestId, assertions } = gatewayContextOf(context);
    let assertion = assertions.get(this.subgraphName);
    if (!assertion) {
      assertion = this.signAssertion(principal, this.subgraphName, requestId);
      assertions.set(this.subgraphName, assertion);
    }
    request.http?.headers.set(ASSERTION_HEADER, `Bearer ${await assertion}`);
  }
}
