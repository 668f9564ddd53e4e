import { SUBGRAPH_NAMES } from "../domain/topology";
import "reflect-metadata";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { cpus } from "node:os";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { devTokenClaims } from "../dev/dev-token";
import { envInt, envOptional } from "../platform/env";
import { repoPath } from "../platform/repo-root";
import { benchDatabaseUrl, closeBenchDatabases, ensureBenchDatabase, ensureDataset } from "./support/bench-database";
import { median } from "./support/bench-report";
import { loadRound, postOnce, type LoadSettings, type Peer, type RoundResult } from "./support/load-round";
import { benchOperations } from "./support/operations";
import { startChild, type BenchChild } from "./support/process-probe";

/**
 * What logs, metrics and traces cost the gateway (not part of npm test):
 *   npm run bench:observability
 * Two gateway processes built alike over one subgraphs process and one data
 * set (BENCH_ORDERS generated orders, default 2,000): "quiet" logs nothing
 * (LOG_LEVEL=silent) and traces nothing; "observed" writes its access log and
 * every other line (LOG_LEVEL=info, JSON, to a stdout that discards it), has
 * its /metrics scraped every BENCH_SCRAPE_MS (default 1,000: a keen
 * Prometheus) and traces every request to a local OTLP collector stub, an
 * HTTP server in this process that accepts and discards. Metrics are counted
 * in both (they cannot be turned off). Peers alternate in each of BENCH_ROUNDS
 * rounds of BENCH_DURATION seconds; the result is the median of the per-round
 * ratios of the gateway's own CPU per request (process.cpuUsage), written to
 * bench/results/<date>-observability.md.
 */
const SPEC = { orders: envInt("BENCH_ORDERS", 2_000), seed: envInt("BENCH_SEED", 1) };
const SETTINGS: LoadSettings = { connections: envInt("BENCH_CONNECTIONS", 20), durationSeconds: envInt("BENCH_DURATION", 10) };
const ROUNDS = envInt("BENCH_ROUNDS", 5);
const SCRAPE_MS = envInt("BENCH_SCRAPE_MS", 1_000);
const ONLY = envOptional("BENCH_ONLY");
/** The operations measured: the widest (four subgraphs, so four client spans and a subgraph span each) and a one-subgraph page. */
const OPERATIONS = ["person by PNC ID", "orders(first: 50) scalars"];
const PERSONA = "national-analyst";
const DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/spo_bench_gateway";
const log = (line: string) => console.log(line);
const childScript = (name: string) => path.join(__dirname, "support", "children", `${name}.child.js`);

/** An OTLP/HTTP collector that takes every export and keeps nothing but counts. */
async function startCollectorStub(): Promise<{
  url: string;
  exports: () => number;
  spans: () => number;
  bytes: () => number;
  close(): Promise<void>;
}> {
  let exports = 0;
  let spans = 0;
  let bytes = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks);
      bytes += body.length;
      // OTLP/HTTP JSON: one "spanId" per span ("parentSpanId" does not match).
      spans += body.toString("utf8").split('"spanId"').length - 1;
      exports += 1;
      response.writeHead(200, { "content-type": "application/json" });
      response.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exports: () => exports,
    spans: () => spans,
    bytes: () => bytes,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Scrapes `url` every SCRAPE_MS while `work` runs. */
async function whileScraped<T>(url: string, work: () => Promise<T>): Promise<T> {
  const timer = setInterval(
    () =>
      void fetch(url).then(
        (response) => response.arrayBuffer(),
        () => undefined,
      ),
    SCRAPE_MS,
  );
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

async function main(): Promise<void> {
  const url = benchDatabaseUrl(DEFAULT_DATABASE);
  await ensureBenchDatabase(url);
  const { dbs } = await ensureDataset(url, SPEC, log, SUBGRAPH_NAMES);
  const operations = (await benchOperations(dbs)).filter(
    (operation) => OPERATIONS.some((name) => operation.name.startsWith(name)) && (!ONLY || operation.name.includes(ONLY)),
  );
  await closeBenchDatabases(dbs);

  const idp = await generateKeyPair("ES256", { extractable: true });
  const assertionKeys = await generateKeyPair("ES256", { extractable: true });
  const claims = devTokenClaims({ persona: PERSONA, purpose: "observability benchmark", ttl: "1h", sub: `bench-${PERSONA}` });
  const token = await new SignJWT(claims).setProtectedHeader({ alg: "ES256", typ: "JWT", kid: "bench-idp" }).sign(idp.privateKey);
  const env = {
    BENCH_DATABASE_URL: url,
    BENCH_IDP_PUBLIC_JWK: JSON.stringify({ ...(await exportJWK(idp.publicKey)), kid: "bench-idp", alg: "ES256" }),
    BENCH_GATEWAY_PUBLIC_JWK: JSON.stringify({ ...(await exportJWK(assertionKeys.publicKey)), kid: "bench-gateway", alg: "ES256" }),
    BENCH_GATEWAY_PRIVATE_JWK: JSON.stringify(await exportJWK(assertionKeys.privateKey)),
    NODE_ENV: "production",
  };

  const collector = await startCollectorStub();
  const children: BenchChild[] = [];
  try {
    const subgraphs = await startChild("subgraphs", childScript("subgraphs"), { ...env, LOG_LEVEL: "silent" });
    children.push(subgraphs);
    const withUrls = { ...env, BENCH_SUBGRAPH_URLS: JSON.stringify(subgraphs.urls) };
    const quiet = await startChild("quiet gateway", childScript("gateway"), { ...withUrls, LOG_LEVEL: "silent" });
    const observed = await startChild(
      "observed gateway",
      childScript("gateway"),
      { ...withUrls, LOG_LEVEL: "info", LOG_FORMAT: "json", BENCH_METRICS: "open", OTEL_EXPORTER_OTLP_ENDPOINT: collector.url },
      [],
      "ignore",
    );
    children.push(quiet, observed);
    const bearer = { authorization: `Bearer ${token}` };
    const peers: Peer[] = [
      { name: "ours", url: quiet.urls.gateway, gateway: quiet, headers: async () => bearer },
      { name: "observed", url: observed.urls.gateway, gateway: observed, headers: async () => bearer },
    ];
    const metricsUrl = observed.urls.gateway.replace(/\/graphql$/, "/metrics");

    const rows: string[] = [];
    for (const operation of operations) {
      const body = JSON.stringify({ query: operation.query, variables: operation.variables });
      for (const peer of peers) {
        const { status, body: answer } = await postOnce(peer, body);
        if (status !== 200 || answer.errors)
          throw new Error(`${operation.name}: ${peer.name} answered ${status} ${JSON.stringify(answer).slice(0, 300)}`);
      }
      // Warm-up: each peer once, short.
      for (const peer of peers) await loadRound(peer, body, subgraphs, { ...SETTINGS, durationSeconds: 3 });
      const rounds: { quiet: RoundResult; observed: RoundResult }[] = [];
      const exportsBefore = collector.exports();
      const spansBefore = collector.spans();
      for (let i = 0; i < ROUNDS; i += 1) {
        const quietRound = await loadRound(peers[0], body, subgraphs, SETTINGS);
        const observedRound = await whileScraped(metricsUrl, () => loadRound(peers[1], body, subgraphs, SETTINGS));
        rounds.push({ quiet: quietRound, observed: observedRound });
        log(
          `${operation.name}, round ${i + 1}: quiet ${quietRound.gatewayCpuMsPerRequest?.toFixed(2)} ms/req, observed ${observedRound.gatewayCpuMsPerRequest?.toFixed(2)} ms/req`,
        );
      }
      const failures = rounds.reduce((sum, round) => sum + round.quiet.failures + round.observed.failures, 0);
      const cpu = (round: RoundResult) => round.gatewayCpuMsPerRequest ?? NaN;
      const ratio = median(rounds.map((round) => cpu(round.observed) / cpu(round.quiet)));
      const observedRequests = rounds.reduce((sum, round) => sum + round.observed.requests, 0);
      // What the batch processor let through: past its queue (OTEL_BSP_MAX_QUEUE_SIZE, 2048) spans are dropped, not waited for.
      const spansPerRequest = (collector.spans() - spansBefore) / observedRequests;
      const throughput = median(rounds.map((round) => round.observed.requestsPerSecond / round.quiet.requestsPerSecond));
      rows.push(
        `| ${operation.name} (${operation.subgraphs} subgraph${operation.subgraphs === 1 ? "" : "s"}) | ` +
          `${median(rounds.map((round) => cpu(round.quiet))).toFixed(2)} | ${median(rounds.map((round) => cpu(round.observed))).toFixed(2)} | ` +
          `**${ratio.toFixed(2)}×** | ${throughput.toFixed(2)}× | ${collector.exports() - exportsBefore} | ${spansPerRequest.toFixed(1)} | ${failures} |`,
      );
    }

    const date = new Date().toISOString();
    const report = [
      `# Observability benchmark, ${date.slice(0, 16).replace("T", " ")} UTC`,
      "",
      `${SPEC.orders} generated orders (seed ${SPEC.seed}); Node ${process.version}; ${cpus().length} CPUs (${cpus()[0]?.model ?? "unknown"}).` +
        ` Persona ${PERSONA}. ${SETTINGS.connections} connections, ${SETTINGS.durationSeconds} s per round after a 3 s warm-up, ${ROUNDS} rounds,` +
        ` peers alternating. "quiet": LOG_LEVEL=silent, no tracing. "observed": LOG_LEVEL=info (JSON, discarded), /metrics scraped every` +
        ` ${SCRAPE_MS} ms, every request traced to a local OTLP collector stub (batched export). The gateway's own CPU (process.cpuUsage);` +
        ` ratios are medians of per-round ratios. The subgraphs trace nothing in either.`,
      "",
      "| operation | quiet gateway CPU ms/req | observed gateway CPU ms/req | CPU observed ÷ quiet | req/s observed ÷ quiet | OTLP exports | spans exported per request | failed |",
      "|---|---|---|---|---|---|---|---|",
      ...rows,
      "",
      `${collector.bytes()} bytes of spans received by the stub in all.`,
      "",
    ].join("\n");
    console.log(`\n${report}`);
    const resultsDir = repoPath("bench", "results");
    mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `${date.slice(0, 10)}-observability.md`);
    writeFileSync(file, report);
    log(`written to ${path.relative(repoPath(), file)}`);
  } finally {
    for (const child of children.reverse()) await child.stop();
    await collector.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
