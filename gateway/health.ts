import type { ReadinessChecks } from "../platform/http";

/** One subgraph's readiness as the gateway sees it: "ready", or what is wrong. */
async function probeSubgraph(graphqlUrl: string, timeoutMs: number): Promise<string> {
  try {
    const response = await fetch(new URL("/health/ready", graphqlUrl), { signal: AbortSignal.timeout(timeoutMs) });
    if (response.ok) return "ready";
    const body = (await response.json().catch(() => ({}))) as { checks?: Record<string, string> };
    const failing = Object.entries(body.checks ?? {}).filter(([, state]) => state !== "ready");
    return failing.length > 0 ? `not ready (${failing.map(([name, state]) => `${name}: ${state}`).join(", ")})` : "not ready";
  } catch {
    return "unreachable";
  }
}

/**
 * The gateway's readiness, by name: the supergraph (loaded or not) and each
 * subgraph (its own readiness probe, which checks its database), so an
 * operator sees which one is down rather than a bare 503.
 */
export async function gatewayReadiness(options: {
  supergraphLoaded: boolean;
  subgraphUrls: Readonly<Record<string, string>>;
  timeoutMs?: number;
}): Promise<ReadinessChecks> {
  const names = Object.keys(options.subgraphUrls);
  const states = await Promise.all(names.map((name) => probeSubgraph(options.subgraphUrls[name], options.timeoutMs ?? 2000)));
  return {
    supergraph: options.supergraphLoaded ? "ready" : "not loaded",
    ...Object.fromEntries(names.map((name, index) => [`subgraph ${name}`, states[index]])),
  };
}
