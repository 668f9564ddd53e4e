import autocannon from "autocannon";
import type { BenchChild, ProcessProbe } from "./process-probe";

/**
 * Who answers a benchmark request: our gateway, our gateway with its response
 * cache, stock @apollo/gateway, the owning subgraph called directly, or our
 * gateway with logging, metrics scraping and tracing on (observability.bench.ts).
 */
export type PeerName = "ours" | "cached" | "stock" | "direct" | "observed";

export interface Peer {
  name: PeerName;
  url: string;
  /** The process that is the peer's gateway (none when a subgraph is called directly). */
  gateway?: BenchChild;
  /** Headers for the next round. */
  headers(): Promise<Record<string, string>>;
  /**
   * Headers for each single request, made from its body (a direct call to a
   * subgraph needs an identity assertion of its own, bound to the body and
   * accepted once); when absent, the round's headers serve every request.
   */
  headersPerRequest?: (body: string) => Record<string, string>;
}

export interface RoundResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  /** Non-2xx answers, connection errors and timeouts: any is a fault of the run. */
  failures: number;
  gatewayCpuMsPerRequest: number | null;
  subgraphCpuMsPerRequest: number;
  gatewayPeakRssMb: number | null;
  /** The gateway's memory just after the round: resident, V8 heap used / reserved, external (MB). */
  gatewayMemoryMb: { rss: number; heapUsed: number; heapTotal: number; external: number } | null;
  sqlPerRequest: number;
}

export interface LoadSettings {
  connections: number;
  durationSeconds: number;
}

/** POSTs the operation once; the parsed body and the HTTP status. */
export async function postOnce(
  peer: Peer,
  body: string,
): Promise<{ status: number; body: { data?: unknown; errors?: { path?: unknown[] }[] } }> {
  const response = await fetch(peer.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(await peer.headers()), ...peer.headersPerRequest?.(body) },
    body,
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { path?: unknown[] }[] } };
}

/**
 * One timed autocannon run against a peer, with the CPU of the peer's gateway
 * process and of the subgraphs' process taken from their own accounting
 * (process.cpuUsage) just before and just after: per request, it is theirs
 * alone, whatever else the machine does.
 */
export async function loadRound(peer: Peer, body: string, subgraphs: BenchChild, settings: LoadSettings): Promise<RoundResult> {
  const headers = { "content-type": "application/json", ...(await peer.headers()) };
  const before = { gateway: await peer.gateway?.probe(), subgraphs: await subgraphs.probe() };
  const result = await autocannon({
    url: peer.url,
    method: "POST",
    headers,
    body,
    // autocannon rebuilds a request per send only for a `requests` entry with setupRequest.
    ...(peer.headersPerRequest
      ? {
          requests: [
            {
              setupRequest: (request: autocannon.Request) => ({
                ...request,
                headers: { ...headers, ...peer.headersPerRequest!(body) },
              }),
            },
          ],
        }
      : {}),
    connections: settings.connections,
    duration: settings.durationSeconds,
  });
  const after = { gateway: await peer.gateway?.probe(), subgraphs: await subgraphs.probe() };
  const requests = Math.max(1, result.requests.total);
  const cpuMs = (a: ProcessProbe, b: ProcessProbe) => (b.cpuMicros - a.cpuMicros) / 1000;
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
    gatewayCpuMsPerRequest: before.gateway && after.gateway ? cpuMs(before.gateway, after.gateway) / requests : null,
    subgraphCpuMsPerRequest: cpuMs(before.subgraphs, after.subgraphs) / requests,
    gatewayPeakRssMb: after.gateway ? after.gateway.peakRssBytes / 2 ** 20 : null,
    gatewayMemoryMb: after.gateway
      ? {
          rss: after.gateway.rssBytes / 2 ** 20,
          heapUsed: after.gateway.heapUsedBytes / 2 ** 20,
          heapTotal: after.gateway.heapTotalBytes / 2 ** 20,
          external: after.gateway.externalBytes / 2 ** 20,
        }
      : null,
    sqlPerRequest: (after.subgraphs.sqlStatements - before.subgraphs.sqlStatements) / requests,
  };
}

export interface SequentialResult {
  p50: number;
  p95: number;
  /** SQL statements the subgraphs ran per request meanwhile: near 0 when the cache answered. */
  sqlPerRequest: number;
  /** The gateway's own CPU per request: unlike latency, unaffected by waiting for a core on a busy machine. */
  gatewayCpuMsPerRequest: number | null;
}

/** One request at a time: latency without queueing (what a single dashboard sees), p50 / p95 nearest-rank in ms. */
export async function sequentialLatency(peer: Peer, body: string, requests: number, subgraphs: BenchChild): Promise<SequentialResult> {
  const headers = { "content-type": "application/json", ...(await peer.headers()) };
  const before = { gateway: await peer.gateway?.probe(), subgraphs: await subgraphs.probe() };
  const samples: number[] = [];
  for (let i = 0; i < requests; i += 1) {
    const started = performance.now();
    const response = await fetch(peer.url, { method: "POST", headers: { ...headers, ...peer.headersPerRequest?.(body) }, body });
    await response.arrayBuffer();
    samples.push(performance.now() - started);
  }
  const after = { gateway: await peer.gateway?.probe(), subgraphs: await subgraphs.probe() };
  samples.sort((a, b) => a - b);
  const rank = (q: number) => samples[Math.min(samples.length - 1, Math.max(0, Math.ceil(q * samples.length) - 1))];
  return {
    p50: rank(0.5),
    p95: rank(0.95),
    sqlPerRequest: (after.subgraphs.sqlStatements - before.subgraphs.sqlStatements) / requests,
    gatewayCpuMsPerRequest: before.gateway && after.gateway ? (after.gateway.cpuMicros - before.gateway.cpuMicros) / 1000 / requests : null,
  };
}
