import { RemoteGraphQLDataSource } from "@apollo/gateway";
import type { GatewayContext } from "./context";

/**
 * How the gateway calls a subgraph. The URL comes from gateway config, not the
 * supergraph file, so one checked-in supergraph serves every deployment.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {}

export function createSubgraphDataSource(url: string): SubgraphDataSource {
  return new SubgraphDataSource({ url });
}
