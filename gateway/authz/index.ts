import type { GatewayInterface } from "@apollo/server-gateway-interface";
import type { CacheStats } from "../operation/document-work-cache";
import { AuthorizationShapeCache } from "./authorization-shape-cache";
import { AuthorizingGateway, type AuthorizationMode } from "./authorizing-gateway";
import { AuthorizationPolicy } from "./policy";

export type { AuthorizationMode } from "./authorizing-gateway";
export { isAuthorizationRefusal } from "./authorizing-gateway";

export interface Authorization {
  /**
   * The supergraph to give @apollo/gateway: without the security directives,
   * which stock @apollo/gateway refuses and the policy enforces before planning.
   */
  executableSupergraphSdl: string;
  /** The supergraph's @authenticated, @requiresScopes and @policy, as read from it. */
  policy: AuthorizationPolicy;
  /** Wraps the gateway so every operation is authorized (filtered, or refused whole) before it is planned. */
  wrapGateway(inner: GatewayInterface): GatewayInterface;
  /** Hits and misses of the filter's outcome cache per authorization shape (authorization-shape-cache.ts). */
  shapeStats(): CacheStats;
}

/**
 * Field-level authorization (docs/access-model.md, Field scopes): the policy read once from
 * the supergraph, and the wrapper that enforces it in `mode`.
 */
export function createAuthorization(options: { supergraphSdl: string; mode: AuthorizationMode }): Authorization {
  const { policy, executableSupergraphSdl } = AuthorizationPolicy.fromSupergraph(options.supergraphSdl);
  const shapes = new AuthorizationShapeCache();
  return {
    executableSupergraphSdl,
    policy,
    wrapGateway: (inner) => new AuthorizingGateway(inner, policy, options.mode, shapes),
    shapeStats: () => shapes.stats(),
  };
}
