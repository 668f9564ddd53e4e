import type { AssertionSigner } from "../../platform/identity/assertion";
import type { GatewayConcern } from "../concern";
import type { SubgraphFetchConfig } from "../config";
import { SubgraphDataSource } from "../datasource";
import { processLog, type Logger } from "../../platform/log";
import { createSubgraphFetchers, DEFAULT_SUBGRAPH_FETCH, type SubgraphCallObservation, type SubgraphFetch } from ".";

export interface SubgraphCalls extends GatewayConcern {
  /** Each subgraph's circuit breaker (state, counts, events), for tests and operators. */
  stats(): Record<string, SubgraphFetch["breaker"]>;
  /** Each subgraph's circuit state (the metrics read it when scraped). */
  breakerStates(): Record<string, "closed" | "half-open" | "open">;
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
  /** The gateway's logger (its subgraph-call lines). */
  log?: Logger;
  /** Told of every call when it ends (the access log, the metrics). */
  observe?: (call: SubgraphCallObservation) => void;
}): SubgraphCalls {
  const log = options.log ?? processLog();
  const calls = createSubgraphFetchers(Object.keys(options.subgraphUrls), {
    ...options.fetch,
    log: (message) => log.error(message),
    observe: options.observe,
    breaker: { ...DEFAULT_SUBGRAPH_FETCH.breaker, resetTimeoutMs: options.fetch.breakerResetMs },
  });
  return {
    name: "subgraph calls",
    dataSource(name) {
      const url = options.subgraphUrls[name];
      if (!url) return undefined;
      return new SubgraphDataSource(url, name, options.signAssertion, calls.fetchers[name].fetcher, log);
    },
    health: { subgraphCallState: (name) => calls.fetchers[name]?.state() },
    stats: () => Object.fromEntries(Object.entries(calls.fetchers).map(([name, fetch]) => [name, fetch.breaker])),
    breakerStates: () =>
      Object.fromEntries(
        Object.entries(calls.fetchers).map(([name, { breaker }]) => [
          name,
          breaker.opened ? "open" : breaker.halfOpen ? "half-open" : "closed",
        ]),
      ),
    close: () => calls.close(),
  };
}
