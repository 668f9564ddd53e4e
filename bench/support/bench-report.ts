import type { PeerName, RoundResult, SequentialResult } from "./load-round";

/** What one operation measured: every peer's rounds, and whether the peers answered alike. */
export interface OperationResult {
  name: string;
  subgraphs: number;
  rounds: Partial<Record<PeerName, RoundResult[]>>;
  /** One request at a time, per peer: p50 / p95 ms. */
  sequential: Partial<Record<PeerName, SequentialResult>>;
  /** "identical", or how the answers differ (and whether that was expected). */
  comparison: string;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The median over rounds of a per-round ratio: each round's peers ran back to back, under the same conditions. */
export function medianRatio(
  a: RoundResult[] | undefined,
  b: RoundResult[] | undefined,
  of: (r: RoundResult) => number | null,
): number | null {
  if (!a || !b) return null;
  const ratios = a.flatMap((round, i) => {
    const x = of(round);
    const y = b[i] ? of(b[i]) : null;
    return x !== null && y !== null && y > 0 ? [x / y] : [];
  });
  return ratios.length > 0 ? median(ratios) : null;
}

const fixed = (value: number | null, digits: number) => (value === null ? "–" : value.toFixed(digits));
const times = (value: number | null) => (value === null ? "–" : `${value.toFixed(2)}×`);
const medianOf = (rounds: RoundResult[], of: (r: RoundResult) => number | null) => {
  const values = rounds.map(of).filter((v): v is number => v !== null);
  return values.length > 0 ? median(values) : null;
};

/** Per operation and peer: medians over rounds. */
export function peerTable(results: OperationResult[]): string[] {
  const lines = [
    "| operation | peer | req/s | p50 ms | p99 ms | gateway CPU ms/req | subgraphs CPU ms/req | gateway peak RSS MB | SQL/req | failed |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const result of results) {
    for (const peer of ["ours", "cached", "stock", "direct"] as const) {
      const rounds = result.rounds[peer];
      if (!rounds) continue;
      lines.push(
        `| ${result.name} (${result.subgraphs} subgraph${result.subgraphs > 1 ? "s" : ""}) | ${peer} | ${fixed(
          medianOf(rounds, (r) => r.requestsPerSecond),
          0,
        )}` +
          ` | ${fixed(
            medianOf(rounds, (r) => r.p50),
            1,
          )} | ${fixed(
            medianOf(rounds, (r) => r.p99),
            1,
          )}` +
          ` | ${fixed(
            medianOf(rounds, (r) => r.gatewayCpuMsPerRequest),
            2,
          )} | ${fixed(
            medianOf(rounds, (r) => r.subgraphCpuMsPerRequest),
            2,
          )}` +
          ` | ${fixed(
            medianOf(rounds, (r) => r.gatewayPeakRssMb),
            0,
          )} | ${fixed(
            medianOf(rounds, (r) => r.sqlPerRequest),
            2,
          )}` +
          ` | ${rounds.reduce((sum, r) => sum + r.failures, 0)} |`,
      );
    }
  }
  return lines;
}

/** Per operation: medians of per-round ratios, and whether the answers matched. */
export function ratioTable(results: OperationResult[]): string[] {
  const lines = [
    "| operation | gateway CPU/req ours ÷ stock | req/s ours ÷ stock | req/s ours ÷ direct | req/s cached ÷ stock | answers |",
    "|---|---|---|---|---|---|",
  ];
  for (const { name, rounds, comparison } of results) {
    lines.push(
      `| ${name} | ${times(medianRatio(rounds.ours, rounds.stock, (r) => r.gatewayCpuMsPerRequest))}` +
        ` | ${times(medianRatio(rounds.ours, rounds.stock, (r) => r.requestsPerSecond))}` +
        ` | ${times(medianRatio(rounds.ours, rounds.direct, (r) => r.requestsPerSecond))}` +
        ` | ${times(medianRatio(rounds.cached, rounds.stock, (r) => r.requestsPerSecond))} | ${comparison} |`,
    );
  }
  return lines;
}

/** Per operation and peer: latency one request at a time. */
export function sequentialTable(results: OperationResult[], requests: number): string[] {
  const lines = [
    `| operation | ${["ours", "cached", "stock"].map((peer) => `${peer} p50 / p95 ms (gateway CPU ms/req, SQL/req)`).join(" | ")} |`,
    "|---|---|---|---|",
  ];
  for (const { name, sequential } of results) {
    const cell = (peer: PeerName) => {
      const result = sequential[peer];
      return result
        ? `${result.p50.toFixed(2)} / ${result.p95.toFixed(2)} (${result.gatewayCpuMsPerRequest?.toFixed(2) ?? "–"}, ${result.sqlPerRequest.toFixed(2)})`
        : "–";
    };
    lines.push(`| ${name} | ${cell("ours")} | ${cell("cached")} | ${cell("stock")} |`);
  }
  lines.push("", `(${requests} requests one at a time per peer, after the load rounds.)`);
  return lines;
}
