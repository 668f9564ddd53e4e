import { SUBGRAPH_NAMES, type SubgraphName } from "../domain/topology";
import "reflect-metadata";
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { seedCasesChunk, SEED_CASE_IDS } from "../dev/dataset/seed-cases";
import { migrateAuditStore } from "../platform/audit/store";
import { openPostgres, type Db } from "../platform/db/db";
import { envInt } from "../platform/env";
import { migrate } from "../platform/db/migrate";
import { migrationDirsOf } from "../platform/subgraph/subgraph";
import { SUBGRAPHS } from "../subgraphs/registry";
import { benchDatabaseUrl, ensureBenchDatabase } from "./support/bench-database";
import { startBenchStack, type BenchStack } from "./support/bench-stack";

/**
 * What the audit trail costs (not part of npm test):
 *   npm run bench:audit
 * The same personal-data query (a person's name and orders) through the
 * gateway, BENCH_AUDIT_REQUESTS requests from BENCH_AUDIT_CLIENTS concurrent
 * clients, with the audit trail writing to Postgres ("on") and with a store
 * that accepts and discards every record ("off": the gateway's audit work
 * without the database). Rounds alternate off/on; the median round of each is
 * reported. Everything lives in fresh schemas of the benchmark database
 * (BENCH_DATABASE_URL), dropped at the end.
 */
const REQUESTS = envInt("BENCH_AUDIT_REQUESTS", 2000);
const CLIENTS = envInt("BENCH_AUDIT_CLIENTS", 50);
const ROUNDS = envInt("BENCH_AUDIT_ROUNDS", 3);
const QUERY = `query($id: ID!) { person(id: $id) { name { family } stalkingProtectionOrders { reference status } } }`;

/** A store that takes every statement and keeps nothing: the "audit off" baseline. */
const discardingDb: Db = {
  engine: "postgres",
  query: async () => [],
  execScript: async () => undefined,
  transaction: (work) => work(discardingDb),
  close: async () => undefined,
};

interface Round {
  requestsPerSecond: number;
  p50: number;
  p95: number;
}

async function round(stack: BenchStack, token: string): Promise<Round> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < REQUESTS) {
        next += 1;
        const begun = performance.now();
        await stack.query(token, QUERY, { id: SEED_CASE_IDS.cheshire.respondent });
        latencies.push(performance.now() - begun);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { requestsPerSecond: REQUESTS / seconds, p50: at(0.5), p95: at(0.95) };
}

function median(rounds: Round[]): Round {
  return [...rounds].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[Math.floor(rounds.length / 2)];
}

async function main(): Promise<void> {
  const url = benchDatabaseUrl();
  await ensureBenchDatabase(url);
  const suffix = randomBytes(3).toString("hex");
  const schemas = [...SUBGRAPH_NAMES.map((name) => `audit_bench_${name}_${suffix}`), `audit_bench_trail_${suffix}`];
  const dbs = Object.fromEntries(SUBGRAPH_NAMES.map((name, i) => [name, openPostgres({ url, schema: schemas[i], poolSize: 8 })])) as Record<
    SubgraphName,
    Db
  >;
  const auditDb = openPostgres({ url, schema: schemas[SUBGRAPH_NAMES.length], poolSize: 4 });
  let transactions = 0;
  const countingAuditDb: Db = { ...auditDb, transaction: (work) => ((transactions += 1), auditDb.transaction(work)) };
  const stacks: BenchStack[] = [];
  try {
    for (const name of SUBGRAPH_NAMES) {
      await migrate(dbs[name], migrationDirsOf(SUBGRAPHS[name]));
      await SUBGRAPHS[name].insertDatasetChunk(dbs[name], seedCasesChunk());
    }
    await migrateAuditStore(auditDb);
    const on = await startBenchStack(dbs, countingAuditDb);
    const off = await startBenchStack(dbs, discardingDb);
    stacks.push(on, off);
    const tokens = { on: await on.tokenFor("national-analyst"), off: await off.tokenFor("national-analyst") };
    await round(on, tokens.on);
    await round(off, tokens.off);
    const results: { on: Round[]; off: Round[] } = { on: [], off: [] };
    for (let i = 0; i < ROUNDS; i += 1) {
      results.off.push(await round(off, tokens.off));
      results.on.push(await round(on, tokens.on));
    }
    const [{ count }] = await auditDb.query<{ count: string }>(`SELECT count(*)::text AS count FROM audit_record`);
    const expected = REQUESTS * (ROUNDS + 1);
    if (Number(count) !== expected) throw new Error(`expected ${expected} audit records, found ${count}`);
    const off_ = median(results.off);
    const on_ = median(results.on);
    const row = (name: string, r: Round) => `| ${name} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50.toFixed(1)} / ${r.p95.toFixed(1)} |`;
    console.log(
      `\n${REQUESTS} requests from ${CLIENTS} clients, median of ${ROUNDS} rounds (${expected} records written, all accounted for)\n`,
    );
    console.log("| audit trail | requests/s | latency p50 / p95 ms |\n|---|---|---|");
    console.log(row("off (records discarded)", off_));
    console.log(row("on (Postgres, group commit)", on_));
    console.log(
      `\ncost: ${((1 - on_.requestsPerSecond / off_.requestsPerSecond) * 100).toFixed(1)}% of throughput; ${(expected / transactions).toFixed(1)} records per transaction on average (${transactions} transactions)`,
    );
  } finally {
    for (const stack of stacks) await stack.stop();
    for (const schema of schemas) await auditDb.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    for (const name of SUBGRAPH_NAMES) await dbs[name].close();
    await auditDb.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
