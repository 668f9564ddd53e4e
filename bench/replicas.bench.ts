import { SUBGRAPH_NAMES } from "../domain/topology";
import "reflect-metadata";
import { cpus, loadavg } from "node:os";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { openPostgres } from "../platform/db/db";
import { verifyAuditChain } from "../platform/audit/verify";
import { envInt, envOptional } from "../platform/env";
import { repoPath } from "../platform/repo-root";
import { benchDatabaseUrl, closeBenchDatabases, ensureBenchDatabase, ensureDataset } from "./support/bench-database";
import { benchIdentity } from "./support/bench-identity";
import { benchOperations } from "./support/operations";
import { startChild, type BenchChild, type ProcessProbe } from "./support/process-probe";

/**
 * What a gateway replica adds, and what they share: npm run bench:replicas.
 * One subgraphs process and 1, 2 and 4 gateway processes (BENCH_REPLICAS,
 * comma-separated) on one audit trail in Postgres — the deployment's one
 * serialisation point, the chain's advisory lock. Per replica count, after a
 * warm-up, BENCH_DURATION seconds of BENCH_CONNECTIONS connections split over
 * the gateways (an audited query, BENCH_ONLY picks another): requests per second
 * in all, the gateways' CPU per request (summed from each process's own
 * accounting), p50/p99, and how many audit records the round wrote against the
 * requests answered, with the chain verified at the end.
 *
 * On a 2-core machine the processes share the cores: the throughput column says
 * what this machine does, the CPU per request what a replica costs; on a cluster
 * each replica has its own.
 */
const SPEC = { orders: envInt("BENCH_ORDERS", 20_000), seed: envInt("BENCH_SEED", 1) };
const REPLICAS = (envOptional("BENCH_REPLICAS") ?? "1,2,4").split(",").map(Number);
const CONNECTIONS = envInt("BENCH_CONNECTIONS", 16);
const DURATION = envInt("BENCH_DURATION", 10);
const WARMUP = envInt("BENCH_WARMUP", 3);
const ONLY = envOptional("BENCH_ONLY") ?? "person by PNC ID";
const PERSONA = "national-analyst";
const DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/spo_bench_replicas";
const AUDIT_SCHEMA = "bench_gateway_audit";

const childScript = (name: string) => path.join(__dirname, "support", "children", `${name}.child.js`);
const cpuMs = (a: ProcessProbe, b: ProcessProbe) => (b.cpuMicros - a.cpuMicros) / 1000;

interface ReplicaRow {
  replicas: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  gatewayCpuMsPerRequest: number;
  subgraphCpuMsPerRequest: number;
  answered: number;
  failures: number;
  auditRecords: number;
}

async function auditRecordCount(url: string): Promise<number> {
  const db = openPostgres({ url, schema: AUDIT_SCHEMA, poolSize: 1 });
  try {
    const [{ count }] = await db.query<{ count: string }>(`SELECT count(*) AS count FROM audit_record`);
    return Number(count);
  } finally {
    await db.close();
  }
}

/** Every gateway at once, the connections split between them; CPU from each process's own accounting. */
async function round(gateways: BenchChild[], subgraphs: BenchChild, body: string, token: string, seconds: number) {
  const before = { gateways: await Promise.all(gateways.map((gateway) => gateway.probe())), subgraphs: await subgraphs.probe() };
  const results = await Promise.all(
    gateways.map((gateway) =>
      autocannon({
        url: gateway.urls.gateway,
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body,
        connections: Math.max(1, Math.round(CONNECTIONS / gateways.length)),
        duration: seconds,
      }),
    ),
  );
  const after = { gateways: await Promise.all(gateways.map((gateway) => gateway.probe())), subgraphs: await subgraphs.probe() };
  const answered = results.reduce((sum, result) => sum + result.requests.total, 0);
  const perRequest = (ms: number) => ms / Math.max(1, answered);
  return {
    answered,
    failures: results.reduce((sum, result) => sum + result.non2xx + result.errors + result.timeouts, 0),
    requestsPerSecond: answered / seconds,
    // Latency: the slowest replica's, so a replica starved of the lock shows.
    p50: Math.max(...results.map((result) => result.latency.p50)),
    p99: Math.max(...results.map((result) => result.latency.p99)),
    gatewayCpuMsPerRequest: perRequest(gateways.reduce((sum, _gateway, i) => sum + cpuMs(before.gateways[i], after.gateways[i]), 0)),
    subgraphCpuMsPerRequest: perRequest(cpuMs(before.subgraphs, after.subgraphs)),
  };
}

async function main(): Promise<void> {
  const url = benchDatabaseUrl(DEFAULT_DATABASE);
  await ensureBenchDatabase(url);
  const { dbs } = await ensureDataset(url, SPEC, console.log, SUBGRAPH_NAMES);
  const operation = (await benchOperations(dbs)).find((candidate) => candidate.name.includes(ONLY));
  await closeBenchDatabases(dbs);
  if (!operation) throw new Error(`No benchmark operation matches BENCH_ONLY=${ONLY}`);
  const body = JSON.stringify({ query: operation.query, variables: operation.variables });
  const { token, env } = await benchIdentity(url, PERSONA);

  const children: BenchChild[] = [];
  const rows: ReplicaRow[] = [];
  try {
    const subgraphs = await startChild("subgraphs", childScript("subgraphs"), env);
    children.push(subgraphs);
    const withUrls = { ...env, BENCH_SUBGRAPH_URLS: JSON.stringify(subgraphs.urls) };
    for (const replicas of REPLICAS) {
      const gateways: BenchChild[] = [];
      for (let i = 0; i < replicas; i += 1)
        gateways.push(await startChild(`gateway ${i + 1}/${replicas}`, childScript("gateway"), withUrls));
      try {
        await round(gateways, subgraphs, body, token, WARMUP);
        const recordsBefore = await auditRecordCount(url);
        const measured = await round(gateways, subgraphs, body, token, DURATION);
        const auditRecords = (await auditRecordCount(url)) - recordsBefore;
        rows.push({ replicas, ...measured, auditRecords });
        console.log(
          `${replicas} gateway(s): ${measured.requestsPerSecond.toFixed(0)} req/s, gateways ${measured.gatewayCpuMsPerRequest.toFixed(2)} ms CPU/req,` +
            ` p50 ${measured.p50} ms p99 ${measured.p99} ms, ${measured.answered} answered, ${auditRecords} audit records, ${measured.failures} failed`,
        );
      } finally {
        for (const gateway of gateways.reverse()) await gateway.stop();
      }
    }
  } finally {
    for (const child of children.reverse()) await child.stop();
  }
  const auditDb = openPostgres({ url, schema: AUDIT_SCHEMA, poolSize: 1 });
  const chain = await verifyAuditChain(auditDb);
  await auditDb.close();

  const date = new Date().toISOString();
  const report = [
    `# Gateway replicas, ${date.slice(0, 16).replace("T", " ")} UTC`,
    "",
    `"${operation.name}" as ${PERSONA} (audited), ${SPEC.orders} generated orders; ${CONNECTIONS} connections split over the gateways,` +
      ` ${DURATION} s after a ${WARMUP} s warm-up; one audit trail in Postgres for all of them; Node ${process.version};` +
      ` ${cpus().length} CPUs (${cpus()[0]?.model ?? "unknown"}), shared by every process; load average at the end` +
      ` ${loadavg()[0].toFixed(1)} (above the CPU count, other work shared the machine and the figures are noisier).` +
      " Records can outnumber the requests answered in the round: a request still in flight when it ends is answered and recorded after.",
    "",
    "| gateways | req/s (all) | gateway CPU ms/req | subgraphs CPU ms/req | p50 ms | p99 ms | answered | audit records | failed |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows.map(
      (row) =>
        `| ${row.replicas} | ${row.requestsPerSecond.toFixed(0)} | ${row.gatewayCpuMsPerRequest.toFixed(2)} | ${row.subgraphCpuMsPerRequest.toFixed(2)} |` +
        ` ${row.p50} | ${row.p99} | ${row.answered} | ${row.auditRecords} | ${row.failures} |`,
    ),
    "",
    `Audit chain after the run: ${chain.problem === null ? "unbroken" : `**broken: ${JSON.stringify(chain.problem)}**`} over ${chain.checked} records.`,
    "",
  ].join("\n");
  console.log(`\n${report}`);
  const file = repoPath("bench", "results", `${date.slice(0, 10)}-replicas.md`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, report);
  console.log(`written to ${path.relative(repoPath(), file)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
