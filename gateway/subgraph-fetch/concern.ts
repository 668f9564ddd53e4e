import type { AssertionSigner } from "../../platform/identity/assertion";
import type { GatewayConcern } from "../concern";
import type { SubgraphFetchConfig } from "../config";
import { SubgraphDataSource } from "../datasource";
import { createSubgraphFetchers, DEFAULT_SUBGRAPH_FETCH, type SubgraphFetch } from ".";

export interface SubgraphCalls extends GatewayConcern {
  /** Each subgraph's circuit breaker (state, counts, events), for tests and operators. */
  stats(): Record<string, SubgraphFetch["breaker"]>;
}

/**
 * The gateway's calls to its subgraphs as a gateway concern: each subgraph of
 * the supergraph reached at its configured URL (never the one recorded in the
 * supergraph), every attempt carrying a signed identity assertion
 * (datasource.ts), with timeouts, one retry and a circuit breaker (index.ts);
 * what the calls found reported per subgraph in readiness; the connection
 * pools closed when the gateway stops.
 */
export function createSubgraphCalls(options: {
  subgraphUrls: Readonly<Record<string, string>>;
  fetch: SubgraphFetchConfig;
  signAssertion: AssertionSigner;
  log?: (message: string) => void;
}): SubgraphCalls {
  const calls = createSubgraphFetchers(Object.keys(options.subgraphUrls), {
    ...options.fetch,
    log: options.log ?? ((message) => console.error(message)),
    breaker: { ...DEFAULT_SUBGRAPH_FETCH.breaker, resetTimeoutMs: options.fetch.breakerResetMs },
  });
  return {
    name: "subgraph calls",
    dataSource(name) {
      const url = options.subgraphUrls[name];
      if (!url) return undefined;
      return new SubgraphDataSource(url, name, options.signAssertion, calls.fetchers[name].fetcher);
    },
    health: { subgraphCallState: (name) => calls.fetchers[name]?.state() },
    stats: () => Object.fromEntries(Object.entries(calls.fetchers).map(([name, fetch]) => [name, fetch.breaker])),
    close: () => calls.close(),
  };
}
