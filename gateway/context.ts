import type { Principal } from "../platform/identity/principal";

/** Per-request state of the gateway. */
export interface GatewayContext {
  requestId: string;
  /** The verified caller; every GraphQL request has one (no token, no request). */
  principal: Principal;
  /** Identity assertions already signed for this request, by subgraph: one signature per subgraph, however many fetches. */
  assertions: Map<string, Promise<string>>;
}
