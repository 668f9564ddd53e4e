/** Why a subgraph gave no usable answer: it took too long, the connection failed, or its circuit is open. */
export type UnavailableReason = "TIMEOUT" | "CONNECTION_FAILED" | "BAD_GATEWAY" | "CIRCUIT_OPEN";

/** Thrown by the subgraph fetcher; the gateway turns it into a SUBGRAPH_UNAVAILABLE error at the fetch's path. */
export class SubgraphUnavailableError extends Error {
  constructor(
    readonly serviceName: string,
    readonly reason: UnavailableReason,
    options?: { cause?: unknown },
  ) {
    super(`Subgraph ${serviceName} unavailable (${reason})`, options);
    this.name = "SubgraphUnavailableError";
  }
}
