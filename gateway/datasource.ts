import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayGraphQLResponse } from "@apollo/server-gateway-interface";
import { SUBGRAPH_UNAVAILABLE } from "./errors";
import { SubgraphUnavailableError } from "./subgraph-fetch";
import { ASSERTION_HEADER, signIdentityAssertion } from "../subgraphs/kit/identity-assertion";
import type { Principal } from "../subgraphs/kit/principal";
import type { GatewayContext } from "./context";

/** Signs the gateway's identity assertions (see kit/identity-assertion.ts). */
export type AssertionSigner = (principal: Principal, audience: string, requestId: string) => Promise<string>;

export function createAssertionSigner(key: Parameters<typeof signIdentityAssertion>[0]["key"], keyId?: string): AssertionSigner {
  return (principal, audience, requestId) => signIdentityAssertion({ principal, audience, requestId, key, keyId });
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
      // An empty error path places the error at the fetch's own place in the response (nothing for a root fetch).
      return {
        errors: [
          {
            message: "A service this request needs is unavailable",
            path: [],
            extensions: { code: SUBGRAPH_UNAVAILABLE, serviceName: error.serviceName },
          },
        ],
      };
    }
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    if (!context?.principal) throw new Error(`No principal for a request to subgraph ${this.subgraphName}`);
    let assertion = context.assertions.get(this.subgraphName);
    if (!assertion) {
      assertion = this.signAssertion(context.principal, this.subgraphName, context.requestId);
      context.assertions.set(this.subgraphName, assertion);
    }
    request.http?.headers.set(ASSERTION_HEADER, `Bearer ${await assertion}`);
  }
}
