import type { StatisticsScope } from "./statistics-grouping";

/**
 * Medians of pre-aggregated statistics (docs/adr/0001-statistics-pre-aggregation.md): a median does not sum,
 * so what is kept per force is a histogram (how many orders waited each number of days), histograms sum over
 * a scope's forces, and the scope's median is read off its summed histogram. A region's median is therefore
 * the median of all its orders, never an average of its forces' medians.
 */

/** Number of days waited → number of orders. */
export type Histogram = ReadonlyMap<number, number>;

/** Days from application to an order made, per kind of order. */
export interface WaitingHistograms {
  INTERIM: Map<number, number>;
  FULL: Map<number, number>;
}

/** The histograms of a scope: its forces' histograms added up (forces absent count nothing). */
export function sumHistogramsOverScope(scope: StatisticsScope, byForce: ReadonlyMap<string, WaitingHistograms>): WaitingHistograms {
  const total: WaitingHistograms = { INTERIM: new Map(), FULL: new Map() };
  for (const forceCode of scope.forceCodes) {
    const histograms = byForce.get(forceCode);
    if (!histograms) continue;
    for (const kind of ["INTERIM", "FULL"] as const)
      for (const [value, count] of histograms[kind]) total[kind].set(value, (total[kind].get(value) ?? 0) + count);
  }
  return total;
}

/**
 * The median of the values a histogram counts (the middle value, or the mean of the two middle values of an
 * even number, as Postgres's percentile_cont(0.5) gives); null when it counts nothing.
 */
export function medianOfHistogram(histogram: Histogram): number | null {
  const entries = [...histogram].filter(([, count]) => count > 0).sort(([a], [b]) => a - b);
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return null;
  // The values at (0-based) ranks floor((n-1)/2) and ceil((n-1)/2).
  const valueAt = (rank: number) => {
    let seen = 0;
    for (const [value, count] of entries) {
      seen += count;
      if (rank < seen) return value;
    }
    throw new Error("rank beyond the histogram");
  };
  return (valueAt(Math.floor((total - 1) / 2)) + valueAt(Math.ceil((total - 1) / 2))) / 2;
}
