import { createHash } from "node:crypto";
import type { GatewayConcern } from "../concern";
import type { ResponseCache } from ".";

/**
 * The response cache as a gateway concern: around the executor (inside the
 * audit trail, outside masking and authorization: see
 * response-caching-executor.ts), its Redis reported in readiness (the gateway
 * serves without it), its counts in stats. The cache itself is made and
 * closed by its owner (the composition root): the embedded stack's subgraphs
 * share it for invalidation.
 */
export function createResponseCacheConcern(options: { cache: ResponseCache; authorizationMode: string }): GatewayConcern {
  const { cache } = options;
  // Part of every key: an answer cached under one supergraph is never served under another.
  let supergraphId = "";
  return {
    name: "response cache",
    supergraphLoaded: (sdl) => {
      supergraphId = createHash("sha256").update(sdl).digest("hex");
    },
    wrapExecutor: (execute) => cache.wrapExecutor(execute, options.authorizationMode, () => supergraphId),
    health:
      cache.storeKind === "redis"
        ? {
            reported: {
              "response cache (Redis)": async () => (cache.storeReady() ? "ready" : "not answering (serving without the cache)"),
            },
          }
        : undefined,
    stats: () => cache.metrics(),
  };
}
