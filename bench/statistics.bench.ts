import "reflect-metadata";
import { isDeepStrictEqual } from "node:util";
import { envInt } from "../platform/env";
import { StatisticsRepository as BreachStatistics, type ForceBreachCounts } from "../subgraphs/breaches/statistics/statistics.repository";
import { StatisticsRepository as OrderStatistics, type OrderCounts } from "../subgraphs/orders/statistics/statistics.repository";
import { StatisticsGrouping } from "../domain/statistics-grouping";
import {
  benchDatabaseUrl,
  closeBenchDatabases,
  ensureBenchDatabase,
  ensureDataset,
  LOADED_SUBGRAPHS,
  type BenchDatabases,
  type LoadReport,
} from "./support/bench-database";
import { startBenchStack } from "./support/bench-stack";

/**
 * Statistics benchmark (not part of npm test):
 *   npm run build && node dist/bench/statistics.bench.js
 * Loads BENCH_ORDERS generated orders (default 1,000,000, seed BENCH_SEED)
 * into a Postgres database of its own (BENCH_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/spo_bench; created if missing; reused
 * when it already holds the same orders/seed), then times, for every grouping
 * and for the last full calendar year of data and five years:
 *   (a) spoStatistics through the gateway over HTTP (reporting-dashboard token);
 *   (b) each subgraph's statistics SQL alone (the pre-aggregated counts);
 *   (c) the baseline: the direct aggregate over the order and breach rows.
 * One request at a time in a loop timed with performance.now(): latency, not
 * throughput. Every cell stops after BENCH_RUNS runs or BENCH_CELL_SECONDS.
 */
const SPEC = { orders: envInt("BENCH_ORDERS", 1_000_000), seed: envInt("BENCH_SEED", 1) };
const RUNS = envInt("BENCH_RUNS", 50);
const BASELINE_RUNS = envInt("BENCH_BASELINE_RUNS", 10);
const WARMUP = envInt("BENCH_WARMUP", 5);
const CELL_SECONDS = envInt("BENCH_CELL_SECONDS", 30);

const GROUPINGS = [StatisticsGrouping.FORCE, StatisticsGrouping.REGION, StatisticsGrouping.NATIONAL];
const STATISTICS_QUERY = `query($from: Date!, $to: Date!, $groupBy: StatisticsGrouping!) {
  spoStatistics(from: $from, to: $to, groupBy: $groupBy) {
    scope label interimOrdersMade fullOrdersMade activeOrders breachesReported breachConvictions
  }
}`;

interface Period {
  name: string;
  from: string;
  to: string;
}

interface Timing {
  p50: number;
  p95: number;
  n: number;
}

const log = (line: string) => console.log(line);

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

/** `warmup` untimed runs, then up to `runs` timed ones, stopping early (with at least one) after CELL_SECONDS. */
async function time(runs: number, warmup: number, work: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await work();
  const samples: number[] = [];
  const deadline = performance.now() + CELL_SECONDS * 1000;
  while (samples.length < runs && (samples.length === 0 || performance.now() < deadline)) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), n: samples.length };
}

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0));
const cell = (t: Timing) => `${ms(t.p50)} / ${ms(t.p95)}`;
const ratio = (baseline: Timing, fast: Timing) => {
  const r = baseline.p50 / fast.p50;
  return `${r < 10 ? r.toFixed(1) : Math.round(r)}x`;
};

/** The last calendar year the data covers entirely, and the five years ending with it. */
async function periodsOf(dbs: BenchDatabases): Promise<Period[]> {
  const [{ last }] = await dbs.orders.query<{ last: string | null }>(`SELECT max(made_on) AS last FROM stalking_protection_order`);
  if (!last) throw new Error("the benchmark database holds no made order");
  const year = last.endsWith("-12-31") ? Number(last.slice(0, 4)) : Number(last.slice(0, 4)) - 1;
  return [
    { name: `year ${year}`, from: `${year}-01-01`, to: `${year}-12-31` },
    { name: `5 years ${year - 4}-${year}`, from: `${year - 4}-01-01`, to: `${year}-12-31` },
  ];
}

const nonZeroOrders = (counts: Map<string, OrderCounts>) =>
  [...counts].filter(([, c]) => c.interimOrdersMade || c.fullOrdersMade || c.activeOrders).sort(([a], [b]) => a.localeCompare(b));
const nonZeroBreaches = (counts: ForceBreachCounts[]) =>
  counts.filter((c) => c.breachesReported || c.breachConvictions).sort((a, b) => a.forceCode.localeCompare(b.forceCode));

async function describeData(dbs: BenchDatabases, load: LoadReport): Promise<string[]> {
  const [{ version }] = await dbs.orders.query<{ version: string }>(`SELECT current_setting('server_version') AS version`);
  const count = async (db: keyof BenchDatabases, table: string) =>
    (await dbs[db].query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  const lines = [
    `Postgres ${version}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; dataset ${SPEC.orders} orders, seed ${SPEC.seed}` +
      ` (${LOADED_SUBGRAPHS.join(" and ")} loaded; people and hearings empty: statistics do not read them).`,
    `Rows: ${await count("orders", "stalking_protection_order")} orders, ${await count("breaches", "breach_offence")} breaches;` +
      ` order_statistics_day ${await count("orders", "order_statistics_day")}, order_statistics_month ${await count("orders", "order_statistics_month")},` +
      ` breach_statistics_day ${await count("breaches", "breach_statistics_day")}, breach_statistics_month ${await count("breaches", "breach_statistics_month")}.`,
  ];
  if (load.reused) {
    lines.push(`Load: reused (dataset_load already held ${SPEC.orders} orders, seed ${SPEC.seed}).`);
  } else {
    const inserts = Object.entries(load.insertSeconds)
      .map(([name, s]) => `${name} ${s.toFixed(1)} s`)
      .join(", ");
    const triggers = load.triggers.map((t) => `${t.name} ${t.seconds.toFixed(1)} s in ${t.calls} calls`).join(", ");
    lines.push(
      `Load: ${load.seconds.toFixed(1)} s wall clock (generation included; chunks of 5,000 orders to both subgraphs concurrently);` +
        ` time in inserts: ${inserts}; of which statistics triggers: ${triggers || "not recorded"}.`,
    );
  }
  return lines;
}

async function main(): Promise<void> {
  const url = benchDatabaseUrl();
  await ensureBenchDatabase(url);
  const { dbs, report } = await ensureDataset(url, SPEC, log);
  const stack = await startBenchStack(dbs);
  try {
    const periods = await periodsOf(dbs);
    const orders = new OrderStatistics(dbs.orders);
    const breaches = new BreachStatistics(dbs.breaches);

    // The figures first: the pre-aggregated counts must be the direct aggregate's, at this scale too.
    for (const { name, from, to } of periods) {
      const same =
        isDeepStrictEqual(
          nonZeroOrders(await orders.countOrdersByForce(from, to)),
          nonZeroOrders(await orders.countOrdersByForceFromOrderRows(from, to)),
        ) &&
        isDeepStrictEqual(
          nonZeroBreaches(await breaches.countBreachesByReportingForce(from, to)),
          nonZeroBreaches(await breaches.countBreachesByReportingForceFromBreachRows(from, to)),
        );
      if (!same) throw new Error(`${name}: the pre-aggregated counts differ from the direct aggregate over the rows`);
    }

    const token = await stack.tokenFor("reporting-dashboard");
    const gatewayRows: string[] = [];
    for (const period of periods) {
      for (const groupBy of GROUPINGS) {
        const timing = await time(RUNS, WARMUP, () => stack.query(token, STATISTICS_QUERY, { from: period.from, to: period.to, groupBy }));
        gatewayRows.push(`| ${groupBy} | ${period.name} (${period.from}..${period.to}) | ${cell(timing)} | ${timing.n} |`);
        log(`  gateway ${groupBy} ${period.name}: ${cell(timing)} ms`);
      }
    }

    const sqlRows: string[] = [];
    for (const { name, from, to } of periods) {
      const ordersFast = await time(RUNS, WARMUP, () => orders.countOrdersByForce(from, to));
      const breachesFast = await time(RUNS, WARMUP, () => breaches.countBreachesByReportingForce(from, to));
      const ordersSlow = await time(BASELINE_RUNS, Math.min(WARMUP, 1), () => orders.countOrdersByForceFromOrderRows(from, to));
      const breachesSlow = await time(BASELINE_RUNS, Math.min(WARMUP, 1), () =>
        breaches.countBreachesByReportingForceFromBreachRows(from, to),
      );
      sqlRows.push(
        `| ${name} (${from}..${to}) | orders | ${cell(ordersFast)} | ${cell(ordersSlow)} | ${ratio(ordersSlow, ordersFast)} |`,
        `| ${name} (${from}..${to}) | breaches | ${cell(breachesFast)} | ${cell(breachesSlow)} | ${ratio(breachesSlow, breachesFast)} |`,
      );
      log(`  SQL ${name}: orders ${cell(ordersFast)} vs ${cell(ordersSlow)}, breaches ${cell(breachesFast)} vs ${cell(breachesSlow)} ms`);
    }

    log("");
    for (const line of await describeData(dbs, report)) log(line);
    log(
      `Method: one request at a time in a loop timed with performance.now() (latency, not throughput; no autocannon);` +
        ` p50 / p95 nearest-rank in ms over n runs after ${WARMUP} warm-up runs (baseline: ${Math.min(WARMUP, 1)}),` +
        ` at most ${RUNS} runs (baseline ${BASELINE_RUNS}) or ${CELL_SECONDS} s per cell. Counts checked equal to the direct aggregate first.`,
    );
    log("");
    log("spoStatistics through the gateway over HTTP (reporting-dashboard token; orders + breaches subgraphs):");
    log("");
    log("| groupBy | period | p50 / p95 ms | n |");
    log("|---|---|---|---|");
    for (const row of gatewayRows) log(row);
    log("");
    log("Each subgraph's aggregate SQL alone (per force; the same statement serves every grouping):");
    log("");
    log("| period | subgraph | pre-aggregated p50 / p95 ms | baseline (direct over rows) p50 / p95 ms | baseline / pre-aggregated (p50) |");
    log("|---|---|---|---|---|");
    for (const row of sqlRows) log(row);
  } finally {
    await stack.stop();
    await closeBenchDatabases(dbs);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
