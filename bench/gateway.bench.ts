import { SUBGRAPH_NAMES } from "../domain/topology";
import "reflect-metadata";
import { cpus } from "node:os";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { envInt, envOptional } from "../platform/env";
import { signIdentityAssertionSync } from "../platform/identity/assertion";
import { repoPath } from "../platform/repo-root";
import { benchIdentity } from "./support/bench-identity";
import { benchDatabaseUrl, closeBenchDatabases, ensureBenchDatabase, ensureDataset } from "./support/bench-database";
import { peerTable, ratioTable, sequentialTable, type OperationResult } from "./support/bench-report";
import { loadRound, postOnce, sequentialLatency, type LoadSettings, type Peer } from "./support/load-round";
import { benchOperations, type BenchOperation } from "./support/operations";
import { startChild, type BenchChild } from "./support/process-probe";

/**
 * Our gateway beside stock @apollo/gateway (and the owning subgraph called
 * directly), in one run over the same subgraph process and data:
 *   npm run bench
 * Loads BENCH_ORDERS generated orders (default 100,000, seed BENCH_SEED) into
 * all four schemas of its own Postgres database (BENCH_DATABASE_URL, default
 * .../spo_bench_gateway; created if missing, reused while it holds the same
 * orders/seed). Starts the subgraphs, our gateway (audit trail on) and stock
 * each in a child process, so each one's CPU is its own. Per operation: every
 * peer's answer is compared, each peer is warmed up, then BENCH_ROUNDS rounds
 * of BENCH_DURATION seconds with BENCH_CONNECTIONS connections, peers in
 * alternating order. Medians over rounds, and medians of per-round ratios.
 * Our gateway runs twice: as is ("ours") and with its response cache on Redis
 * ("cached"; BENCH_CACHE_REDIS_URL, default redis://127.0.0.1:6379, or "memory";
 * only statistics and estate data are cached, everything else passes by).
 * After the rounds, BENCH_SEQUENTIAL requests (default 200) one at a time per
 * gateway give latency without queueing.
 * BENCH_ONLY=<text> runs the operations whose name contains it;
 * BENCH_GATEWAY_FLAGS="--flag …" starts our gateway with those Node/V8 flags;
 * BENCH_PROBE_GC=1 (with --expose-gc among them) collects garbage before each
 * memory reading, so heap used is what is live (diagnosis only: it costs CPU).
 * BENCH_CPU_PROF=1 writes --cpu-prof profiles of our gateway and of the subgraphs'
 * process to bench/results/profiles (summarise with bench/support/profile-summary.js).
 */
const SPEC = { orders: envInt("BENCH_ORDERS", 100_000), seed: envInt("BENCH_SEED", 1) };
const SETTINGS: LoadSettings = { connections: envInt("BENCH_CONNECTIONS", 20), durationSeconds: envInt("BENCH_DURATION", 10) };
const WARMUP_SECONDS = envInt("BENCH_WARMUP", 3);
const ROUNDS = envInt("BENCH_ROUNDS", 5);
const ONLY = envOptional("BENCH_ONLY");
const SEQUENTIAL = envInt("BENCH_SEQUENTIAL", 200);
const CACHE = envOptional("BENCH_CACHE_REDIS_URL") ?? "redis://127.0.0.1:6379";
const PERSONA = "national-analyst";
const DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/spo_bench_gateway";

const log = (line: string) => console.log(line);
const childScript = (name: string) => path.join(__dirname, "support", "children", `${name}.child.js`);

/** data and the paths of errors: what a client acts on (messages are each gateway's own wording). */
function answerOf(body: { data?: unknown; errors?: { path?: unknown[] }[] }): unknown {
  return { data: body.data ?? null, errorPaths: (body.errors ?? []).map((error) => JSON.stringify(error.path ?? null)).sort() };
}

async function compareAnswers(operation: BenchOperation, peers: Peer[], body: string): Promise<string> {
  const answers = new Map<string, unknown>();
  for (const peer of peers) {
    const { status, body: answer } = await postOnce(peer, body);
    if (status !== 200 || answer.data === undefined)
      throw new Error(`${peer.name} answered ${operation.name} with HTTP ${status}: ${JSON.stringify(answer).slice(0, 300)}`);
    answers.set(peer.name, answerOf(answer));
  }
  const ours = answers.get("ours");
  const differing = [...answers].filter(([name, answer]) => name !== "ours" && !isDeepStrictEqual(answer, ours)).map(([name]) => name);
  if (differing.length === 0) return "identical";
  if (operation.expectedDifference) return `differ from ${differing.join(", ")}, as expected: ${operation.expectedDifference}`;
  // Generated data only: what differed, so an unexpected difference can be told from a timeout under load.
  for (const [name, answer] of answers) log(`  ${name}: ${JSON.stringify(answer).slice(0, 600)}`);
  return `**DIFFER** from ${differing.join(", ")}`;
}

async function measure(operation: BenchOperation, peers: Peer[], subgraphs: BenchChild): Promise<OperationResult> {
  const body = JSON.stringify({ query: operation.query, variables: operation.variables });
  const comparison = await compareAnswers(operation, peers, body);
  log(`\n${operation.name}: answers ${comparison}`);
  for (const peer of peers) await loadRound(peer, body, subgraphs, { ...SETTINGS, durationSeconds: WARMUP_SECONDS });
  const result: OperationResult = { name: operation.name, subgraphs: operation.subgraphs, rounds: {}, sequential: {}, comparison };
  for (let round = 0; round < ROUNDS; round += 1) {
    // Alternating order: neither peer always runs first (or after the other's garbage).
    const order = round % 2 === 0 ? peers : [...peers].reverse();
    for (const peer of order) {
      const measured = await loadRound(peer, body, subgraphs, SETTINGS);
      (result.rounds[peer.name] ??= []).push(measured);
      log(
        `  round ${round + 1} ${peer.name.padEnd(6)} ${measured.requestsPerSecond.toFixed(0).padStart(5)} req/s` +
          `  p50 ${measured.p50.toFixed(1)} ms  gateway ${measured.gatewayCpuMsPerRequest?.toFixed(2) ?? "–"} ms/req` +
          `  subgraphs ${measured.subgraphCpuMsPerRequest.toFixed(2)} ms/req  SQL ${measured.sqlPerRequest.toFixed(2)}/req` +
          (measured.gatewayMemoryMb
            ? `  gateway MB rss ${measured.gatewayMemoryMb.rss.toFixed(0)} (peak ${measured.gatewayPeakRssMb?.toFixed(0)})` +
              ` heap ${measured.gatewayMemoryMb.heapUsed.toFixed(0)}/${measured.gatewayMemoryMb.heapTotal.toFixed(0)} ext ${measured.gatewayMemoryMb.external.toFixed(0)}`
            : "") +
          (measured.failures > 0 ? `  FAILED ${measured.failures}` : ""),
      );
    }
  }
  for (const peer of peers)
    if (peer.name !== "direct") result.sequential[peer.name] = await sequentialLatency(peer, body, SEQUENTIAL, subgraphs);
  return result;
}

async function main(): Promise<void> {
  const url = benchDatabaseUrl(DEFAULT_DATABASE);
  await ensureBenchDatabase(url);
  const { dbs } = await ensureDataset(url, SPEC, log, SUBGRAPH_NAMES);
  const operations = (await benchOperations(dbs)).filter((operation) => !ONLY || operation.name.includes(ONLY));
  const [{ version }] = await dbs.orders.query<{ version: string }>(`SELECT current_setting('server_version') AS version`);
  await closeBenchDatabases(dbs);

  const { token, principal, assertionKey, env } = await benchIdentity(url, PERSONA);

  const children: BenchChild[] = [];
  try {
    const profileDir = repoPath("bench", "results", "profiles");
    const profile = process.env.BENCH_CPU_PROF === "1" ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
    const subgraphs = await startChild("subgraphs", childScript("subgraphs"), env, profile);
    children.push(subgraphs);
    const withUrls = { ...env, BENCH_SUBGRAPH_URLS: JSON.stringify(subgraphs.urls) };
    // BENCH_GATEWAY_FLAGS: Node/V8 flags for our gateway only (e.g. heap sizing), to measure what they trade.
    const gatewayFlags = (process.env.BENCH_GATEWAY_FLAGS ?? "").split(" ").filter(Boolean);
    const ours = await startChild("our gateway", childScript("gateway"), withUrls, [...profile, ...gatewayFlags]);
    const cached = await startChild("our gateway, cached", childScript("gateway"), { ...withUrls, BENCH_RESPONSE_CACHE: CACHE }, [
      ...profile,
      ...gatewayFlags,
    ]);
    const stock = await startChild("stock gateway", childScript("stock-gateway"), withUrls);
    children.push(ours, cached, stock);
    const bearer = { authorization: `Bearer ${token}` };
    const gatewayPeers: Peer[] = [
      { name: "ours", url: ours.urls.gateway, gateway: ours, headers: async () => bearer },
      { name: "cached", url: cached.urls.gateway, gateway: cached, headers: async () => bearer },
      { name: "stock", url: stock.urls.gateway, gateway: stock, headers: async () => bearer },
    ];
    const directPeer = (name: keyof typeof subgraphs.urls): Peer => ({
      name: "direct",
      url: subgraphs.urls[name],
      headers: async () => ({}),
      // Each request its own assertion, bound to its body: a subgraph accepts an assertion once.
      headersPerRequest: (body) => ({
        authorization: `Bearer ${signIdentityAssertionSync({ principal, audience: name, requestId: `bench-direct-${Date.now()}`, body, key: assertionKey, keyId: "bench-gateway" })}`,
      }),
    });

    const results: OperationResult[] = [];
    for (const operation of operations) {
      results.push(await measure(operation, operation.direct ? [...gatewayPeers, directPeer(operation.direct)] : gatewayPeers, subgraphs));
    }

    const date = new Date().toISOString();
    const report = [
      `# Gateway benchmark, ${date.slice(0, 16).replace("T", " ")} UTC`,
      "",
      `${SPEC.orders} generated orders (seed ${SPEC.seed}) in all four subgraphs; Postgres ${version}; Node ${process.version};` +
        ` ${cpus().length} CPUs (${cpus()[0]?.model ?? "unknown"}). Persona ${PERSONA} (audited: justification in the token).` +
        ` ${SETTINGS.connections} connections, ${SETTINGS.durationSeconds} s per round after a ${WARMUP_SECONDS} s warm-up, ${ROUNDS} rounds, peers alternating;` +
        " medians over rounds, ratios are medians of per-round ratios. CPU is each process's own (process.cpuUsage): our gateway, stock," +
        " and the one process that serves all four subgraphs. Our gateway writes its audit trail to Postgres (group commit)." +
        ` "cached" is our gateway with its response cache (${CACHE.startsWith("redis") ? "on Redis" : CACHE}).`,
      "",
      ...ratioTable(results),
      "",
      ...peerTable(results),
      "",
      ...sequentialTable(results, SEQUENTIAL),
      "",
    ].join("\n");
    console.log(`\n${report}`);
    const resultsDir = repoPath("bench", "results");
    mkdirSync(resultsDir, { recursive: true });
    // A run of some operations only gets a file of its own: it must not replace the day's full run.
    const suffix = ONLY ? `-${ONLY.replace(/[^A-Za-z0-9]+/g, "-").toLowerCase()}` : "";
    const file = path.join(resultsDir, `${date.slice(0, 10)}${suffix}.md`);
    writeFileSync(file, report);
    log(`written to ${path.relative(repoPath(), file)}`);
  } finally {
    for (const child of children.reverse()) await child.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
