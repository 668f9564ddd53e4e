import type { GatewayConcern } from "../concern";
import type { CacheStats } from "../operation/document-work-cache";
import { AuthorizationShapeCache } from "./authorization-shape-cache";
import { authorizingExecutor, type AuthorizationMode } from "./authorizing-executor";
import { AuthorizationPolicy } from "./policy";

export type { AuthorizationMode } from "./authorizing-executor";
export { isAuthorizationRefusal } from "./authorizing-executor";

export interface Authorization extends GatewayConcern {
  /**
   * The supergraph to give @apollo/gateway: without the security directives,
   * which stock @apollo/gateway refuses and the policy enforces before planning.
   */
  executableSupergraphSdl: string;
  /** The supergraph's @authenticated, @requiresScopes and @policy, as read from it. */
  policy: AuthorizationPolicy;
  /** Every operation authorized (filtered, or refused whole) before it is planned. */
  wrapExecutor: NonNullable<GatewayConcern["wrapExecutor"]>;
  /** Hits and misses of the filter's outcome cache per authorization shape (authorization-shape-cache.ts). */
  stats(): CacheStats;
}

/**
 * Field-level authorization (docs/access-model.md, Field scopes), one concern: the policy
 * read once from the supergraph, the supergraph @apollo/gateway loads without
 * the directives, and the executor wrapper that enforces it in `mode`. Its
 * per-shape cache is its own member.
 */
export function createAuthorization(options: { supergraphSdl: string; mode: AuthorizationMode }): Authorization {
  const { policy, executableSupergraphSdl } = AuthorizationPolicy.fromSupergraph(options.supergraphSdl);
  const shapes = new AuthorizationShapeCache();
  return {
    name: "authorization",
    executableSupergraphSdl,
    policy,
    supergraph: () => executableSupergraphSdl,
    wrapExecutor: (execute) => authorizingExecutor(execute, policy, options.mode, shapes),
    stats: () => shapes.stats(),
  };
}
