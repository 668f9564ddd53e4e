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
  readonly executableSupergraphSdl: string;
  /** The served supergraph's @authenticated, @requiresScopes and @policy, as read from it. */
  readonly policy: AuthorizationPolicy;
  /** Every operation authorized (filtered, or refused whole) before it is planned. */
  wrapExecutor: NonNullable<GatewayConcern["wrapExecutor"]>;
  /** Hits and misses of the filter's outcome cache per authorization shape (authorization-shape-cache.ts). */
  stats(): CacheStats;
}

/**
 * Field-level authorization (docs/access-model.md, Field scopes), one concern: the policy
 * read from the supergraph, the supergraph @apollo/gateway loads without
 * the directives, and the executor wrapper that enforces it in `mode`. Its
 * per-shape cache is its own member (keyed by schema, so a reload starts it afresh).
 *
 * A reloaded supergraph brings its own policy: read when the supergraph is
 * prepared (a malformed directive refuses the reload), served from the moment
 * @apollo/gateway serves that supergraph, never before, so a field is never
 * planned under a policy that does not know it.
 */
export function createAuthorization(options: { supergraphSdl: string; mode: AuthorizationMode }): Authorization {
  let served = AuthorizationPolicy.fromSupergraph(options.supergraphSdl);
  let prepared: typeof served | undefined;
  const shapes = new AuthorizationShapeCache();
  return {
    name: "authorization",
    get executableSupergraphSdl() {
      return served.executableSupergraphSdl;
    },
    get policy() {
      return served.policy;
    },
    supergraph: (sdl) => {
      prepared = AuthorizationPolicy.fromSupergraph(sdl);
      return prepared.executableSupergraphSdl;
    },
    supergraphLoaded: () => {
      if (prepared) served = prepared;
      prepared = undefined;
    },
    wrapExecutor: (execute) => authorizingExecutor(execute, () => served.policy, options.mode, shapes),
    stats: () => shapes.stats(),
  };
}
