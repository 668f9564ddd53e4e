import { SUBGRAPH_NAMES, type SubgraphName } from "../../domain/topology";
import { envPiece, type EnvPiece, type Variable } from "../../platform/env-schema";
import { optionalWholeNumberVar, wholeNumberVar } from "../../platform/env-values";
import { SERVER_KEEP_ALIVE_TIMEOUT_MS } from "../../platform/http";

/** A subgraph call answers in tens of milliseconds at national scale; seconds means it is in trouble. */
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 3_000;
/** Below the subgraphs' server keep-alive timeout, so the gateway drops an idle socket before the server does. */
export const DEFAULT_SUBGRAPH_KEEP_ALIVE_MS = 2_000;
/** A dead subgraph is probed this often, so it is back in use within a few seconds of its return. */
export const DEFAULT_SUBGRAPH_BREAKER_RESET_MS = 2_000;

export interface SubgraphFetchConfig {
  /** Per call (one retry included), unless the subgraph has its own. */
  timeoutMs: number;
  timeoutMsBySubgraph: Partial<Record<SubgraphName, number>>;
  /** Idle pooled connections are closed after this; below the subgraphs' server keep-alive timeout. */
  keepAliveMs: number;
  /** How long an open circuit fails fast before one probe call. */
  breakerResetMs: number;
}

/** The subgraph-call settings with every default: stacks started in-process (tests, benchmarks) use these. */
export const DEFAULT_SUBGRAPH_FETCH_CONFIG: Readonly<SubgraphFetchConfig> = {
  timeoutMs: DEFAULT_SUBGRAPH_TIMEOUT_MS,
  timeoutMsBySubgraph: {},
  keepAliveMs: DEFAULT_SUBGRAPH_KEEP_ALIVE_MS,
  breakerResetMs: DEFAULT_SUBGRAPH_BREAKER_RESET_MS,
};

const timeoutVariable = (name: SubgraphName) => `${name.toUpperCase()}_TIMEOUT_MS`;

const perSubgraph: Record<string, Variable<number | undefined>> = Object.fromEntries(
  SUBGRAPH_NAMES.map((name) => [
    timeoutVariable(name),
    optionalWholeNumberVar({ default: "`SUBGRAPH_TIMEOUT_MS`", meaning: `budget of one call to the ${name} subgraph` }, { min: 1 }),
  ]),
);

/** How the gateway calls subgraphs: timeouts (one per subgraph if given), idle keep-alive, circuit breaker. */
export const subgraphFetchPiece: EnvPiece<SubgraphFetchConfig> = envPiece({
  variables: {
    SUBGRAPH_TIMEOUT_MS: wholeNumberVar(
      DEFAULT_SUBGRAPH_TIMEOUT_MS,
      { meaning: "budget of one subgraph call (connect, send, whole answer; its one retry included)" },
      { min: 1 },
    ),
    ...perSubgraph,
    SUBGRAPH_KEEP_ALIVE_MS: wholeNumberVar(
      DEFAULT_SUBGRAPH_KEEP_ALIVE_MS,
      {
        meaning: `idle pooled connections to subgraphs are closed after this; must be below the subgraphs' ${SERVER_KEEP_ALIVE_TIMEOUT_MS} ms keep-alive`,
      },
      {
        min: 1,
        max: SERVER_KEEP_ALIVE_TIMEOUT_MS - 1,
        why: `SUBGRAPH_KEEP_ALIVE_MS must be below the subgraphs' keep-alive timeout of ${SERVER_KEEP_ALIVE_TIMEOUT_MS} ms, or a closed socket is reused`,
      },
    ),
    SUBGRAPH_BREAKER_RESET_MS: wholeNumberVar(
      DEFAULT_SUBGRAPH_BREAKER_RESET_MS,
      { meaning: "how long an open circuit fails fast before one probe call" },
      { min: 1 },
    ),
  },
  read: (values) => {
    const timeoutMsBySubgraph: Partial<Record<SubgraphName, number>> = {};
    for (const name of SUBGRAPH_NAMES) {
      const timeout = (values as Record<string, unknown>)[timeoutVariable(name)] as number | undefined;
      if (timeout !== undefined) timeoutMsBySubgraph[name] = timeout;
    }
    return {
      timeoutMs: values.SUBGRAPH_TIMEOUT_MS,
      timeoutMsBySubgraph,
      keepAliveMs: values.SUBGRAPH_KEEP_ALIVE_MS,
      breakerResetMs: values.SUBGRAPH_BREAKER_RESET_MS,
    };
  },
});
