import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { RequestSummary, SubgraphCallObservation } from "../access-log";
import type { GatewayConcern } from "../concern";
import { boundedLabel, metricsRoute, type MetricsAccess } from "../../platform/metrics";

/** What the metrics read when scraped rather than count as they happen (the owners keep the counts). */
export interface MetricsSources {
  /** Each subgraph's circuit breaker state. */
  breakerStates(): Record<string, "closed" | "half-open" | "open">;
  /** The response cache's counts since start. */
  responseCache(): { hits: number; misses: number; storeErrors: number };
}

export interface GatewayMetrics extends GatewayConcern {
  /** A request's summary, as the access log wrote it. */
  requestEnded(summary: RequestSummary): void;
  subgraphCall(call: SubgraphCallObservation): void;
  /** One group commit of the audit trail: how many records, how long. */
  auditCommit(batchSize: number, durationMs: number): void;
  /** A request refused for its caller's rate limit. */
  rateLimited(persona: string): void;
  /** The text a scrape gets (tests read it through /metrics or here). */
  scrape(): Promise<string>;
}

/**
 * Operation names are the clients' choice (bounded in length by the access
 * log's summary): past this many distinct ones, the rest are counted as
 * "(other)", so a client cannot grow the series without bound.
 */
const MAX_OPERATION_LABELS = 200;

/** ok: a complete answer; partial: data with errors; refused: 4xx; failed: 5xx; aborted: the client left first. */
export function outcomeOf(summary: Pick<RequestSummary, "status" | "errorCodes" | "aborted">): string {
  if (summary.aborted) return "aborted";
  if (summary.status >= 500) return "failed";
  if (summary.status >= 400) return "refused";
  return summary.errorCodes.length > 0 ? "partial" : "ok";
}

const BREAKER_STATE_VALUE = { closed: 0, "half-open": 1, open: 2 } as const;

/**
 * Prometheus metrics as a gateway concern (prom-client, one registry of its
 * own per gateway, so several gateways in one test process do not mix):
 * requests per operation and outcome, errors per code, subgraph call latency,
 * breaker state, audit commit latency and batch size, response-cache hits and
 * misses, rate-limit refusals, and the process's own (CPU, memory, event loop
 * lag). Served at /metrics behind `access` (platform/metrics.ts).
 */
export function createGatewayMetrics(options: { sources: MetricsSources; access: MetricsAccess }): GatewayMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: "gateway" });
  collectDefaultMetrics({ register: registry });
  const boundedOperation = boundedLabel(MAX_OPERATION_LABELS);
  const operationLabel = (name: string | null): string => (name === null ? "(anonymous)" : boundedOperation(name));
  const requests = new Counter({
    name: "gateway_requests_total",
    help: "GraphQL requests by operation name and outcome (ok, partial, refused, failed, aborted).",
    labelNames: ["operation", "outcome"],
    registers: [registry],
  });
  const errors = new Counter({
    name: "gateway_errors_total",
    help: "Errors the gateway answered, by error code (each code counted once per request).",
    labelNames: ["code"],
    registers: [registry],
  });
  const requestDuration = new Histogram({
    name: "gateway_request_duration_seconds",
    help: "Time from a request's arrival to the end of its answer.",
    labelNames: ["outcome"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const subgraphCalls = new Histogram({
    name: "gateway_subgraph_call_duration_seconds",
    help: "Calls to each subgraph (one retry included) by outcome: ok, or why it failed (TIMEOUT, CIRCUIT_OPEN, ...).",
    labelNames: ["subgraph", "outcome"],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 3],
    registers: [registry],
  });
  new Gauge({
    name: "gateway_subgraph_breaker_state",
    help: "Each subgraph's circuit breaker: 0 closed, 1 half-open (probing), 2 open (failing fast).",
    labelNames: ["subgraph"],
    registers: [registry],
    collect() {
      for (const [subgraph, state] of Object.entries(options.sources.breakerStates())) this.set({ subgraph }, BREAKER_STATE_VALUE[state]);
    },
  });
  const auditCommitDuration = new Histogram({
    name: "gateway_audit_commit_duration_seconds",
    help: "Group commits of the audit trail (every response waits for the one holding its record).",
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [registry],
  });
  const auditBatchSize = new Histogram({
    name: "gateway_audit_commit_batch_size",
    help: "Audit records per group commit.",
    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500],
    registers: [registry],
  });
  const cacheCounter = (name: string, help: string, read: (counts: ReturnType<MetricsSources["responseCache"]>) => number) =>
    new Counter({
      name,
      help,
      registers: [registry],
      // The cache keeps its own counts (its tests read them); the metric mirrors them when scraped.
      collect() {
        this.reset();
        this.inc(read(options.sources.responseCache()));
      },
    });
  cacheCounter("gateway_response_cache_hits_total", "Cacheable requests answered from the response cache.", (counts) => counts.hits);
  cacheCounter("gateway_response_cache_misses_total", "Cacheable requests that went to the subgraphs.", (counts) => counts.misses);
  cacheCounter(
    "gateway_response_cache_store_errors_total",
    "Response cache commands that failed or timed out (answered as misses).",
    (c) => c.storeErrors,
  );
  const rateLimited = new Counter({
    name: "gateway_rate_limited_total",
    help: "Requests refused with 429 for their caller's rate limit, by persona.",
    labelNames: ["persona"],
    registers: [registry],
  });

  return {
    name: "metrics",
    routes: { "/metrics": metricsRoute(registry, options.access) },
    requestEnded(summary) {
      const outcome = outcomeOf(summary);
      requests.inc({ operation: operationLabel(summary.operationName), outcome });
      for (const code of summary.errorCodes) errors.inc({ code });
      requestDuration.observe({ outcome }, summary.durationMs / 1000);
    },
    subgraphCall(call) {
      subgraphCalls.observe({ subgraph: call.subgraph, outcome: call.outcome }, call.durationMs / 1000);
    },
    auditCommit(batchSize, durationMs) {
      auditBatchSize.observe(batchSize);
      auditCommitDuration.observe(durationMs / 1000);
    },
    rateLimited(persona) {
      rateLimited.inc({ persona });
    },
    scrape: () => registry.metrics(),
  };
}
