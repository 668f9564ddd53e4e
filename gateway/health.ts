/** True when every subgraph's readiness probe answers 200 within the timeout. */
export async function allSubgraphsReady(graphqlUrls: readonly string[], timeoutMs = 2000): Promise<boolean> {
  const probes = graphqlUrls.map(async (url) => {
    const response = await fetch(new URL("/health/ready", url), { signal: AbortSignal.timeout(timeoutMs) });
    return response.ok;
  });
  const results = await Promise.allSettled(probes);
  return results.every((result) => result.status === "fulfilled" && result.value);
}
