import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { Db } from "../db/db";
import type { SubgraphEvents } from "../events/runtime";
import { boundedLabel, metricsRoute, type MetricsAccess } from "../metrics";
import { rootFieldsOf } from "../operation-name";
import { countRequestStatement, currentRequestSql } from "../request-scope";

/** Distinct operation labels (root-field sets) kept; past them "(other)". */
const MAX_OPERATION_LABELS = 100;

export interface SubgraphMetrics {
  /** Served at /metrics behind the access (platform/metrics.ts), as the gateway's. */
  route: ReturnType<typeof metricsRoute>;
  /** Times each operation and the SQL it ran. */
  plugin: ApolloServerPlugin<BaseContext>;
  /** The text a scrape gets (tests read it through /metrics or here). */
  scrape(): Promise<string>;
}

/**
 * A Db whose statements count, with their time, against the request running
 * them (the request scope): what the metrics say of an operation's SQL.
 * Background work (relay, consumers, probes) runs outside a request and is not
 * counted against any.
 */
export function timedDb(db: Db): Db {
  const timed = async <T>(run: () => Promise<T>): Promise<T> => {
    const startedAt = process.hrtime.bigint();
    try {
      return await run();
    } finally {
      countRequestStatement(Number(process.hrtime.bigint() - startedAt) / 1e9);
    }
  };
  return {
    engine: db.engine,
    query: (text, params) => timed(() => db.query(text, params)),
    execScript: (sql) => db.execScript(sql),
    transaction: (work) => db.transaction((tx) => work(timedDb(tx))),
    close: () => db.close(),
  };
}

/**
 * A subgraph's Prometheus metrics (prom-client, a registry of its own, every
 * series labelled with the subgraph): per operation (its root fields, bounded)
 * how long it took and how much SQL it ran; its outbox (unpublished and
 * unconfirmed events and the oldest of each, a producer's) and each consumed
 * stream's group lag and pending, read when scraped; and the process's own.
 */
export function createSubgraphMetrics(options: { subgraph: string; events: SubgraphEvents; access: MetricsAccess }): SubgraphMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: options.subgraph });
  collectDefaultMetrics({ register: registry });
  const operationLabel = boundedLabel(MAX_OPERATION_LABELS);
  const duration = new Histogram({
    name: "subgraph_operation_duration_seconds",
    help: "Operations this subgraph served, by their root fields: from the operation resolved to its answer (resolvers included).",
    labelNames: ["operation"],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const sqlSeconds = new Histogram({
    name: "subgraph_operation_sql_seconds",
    help: "SQL time of one operation (its statements' time added up), by its root fields.",
    labelNames: ["operation"],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [registry],
  });
  const statements = new Counter({
    name: "subgraph_sql_statements_total",
    help: "SQL statements operations ran, by the operation's root fields (events and background work not included).",
    labelNames: ["operation"],
    registers: [registry],
  });

  // Read once per scrape, shared by the gauges below.
  let reading: Promise<Awaited<ReturnType<SubgraphEvents["deliveryState"]>> | null> | undefined;
  const delivery = () => {
    reading ??= options.events
      .deliveryState()
      .catch(() => null)
      .finally(() => setImmediate(() => (reading = undefined)));
    return reading;
  };
  const outboxGauge = (
    name: string,
    help: string,
    read: (state: NonNullable<Awaited<ReturnType<typeof delivery>>>) => number | undefined,
  ) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.reset();
        const state = await delivery();
        const value = state ? read(state) : undefined;
        if (value !== undefined) this.set(value);
      },
    });
  // Only a producer has an outbox: a subgraph that publishes nothing has no such series (not a 0 that reads as healthy).
  if (options.events.produces) {
    outboxGauge(
      "subgraph_outbox_unpublished_events",
      "Events committed to the outbox and not yet on the bus.",
      (s) => s.outbox?.unpublished.count,
    );
    outboxGauge(
      "subgraph_outbox_oldest_unpublished_age_seconds",
      "How long the oldest unpublished event of the outbox has waited (0 when none).",
      (s) => (s.outbox ? s.outbox.unpublished.oldestAgeMs / 1000 : undefined),
    );
    outboxGauge(
      "subgraph_outbox_unconfirmed_events",
      "Events of the outbox not yet applied by every consuming group (published or not).",
      (s) => s.outbox?.unconfirmed.count,
    );
    outboxGauge(
      "subgraph_outbox_oldest_unconfirmed_age_seconds",
      "How long the oldest event not yet applied by every consumer has waited (0 when none).",
      (s) => (s.outbox ? s.outbox.unconfirmed.oldestAgeMs / 1000 : undefined),
    );
  }
  const groupGauge = (name: string, help: string, read: (progress: { lag: number; pending: number }) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ["stream"],
      registers: [registry],
      async collect() {
        this.reset();
        for (const { stream, progress } of (await delivery())?.consumed ?? []) if (progress) this.set({ stream }, read(progress));
      },
    });
  groupGauge(
    "subgraph_event_consumer_lag",
    "Events of a consumed stream never yet delivered to this subgraph's group (XINFO GROUPS lag).",
    (p) => p.lag,
  );
  groupGauge(
    "subgraph_event_consumer_pending",
    "Events of a consumed stream delivered to this subgraph's group and not yet acknowledged (applied).",
    (p) => p.pending,
  );

  const plugin: ApolloServerPlugin<BaseContext> = {
    async requestDidStart() {
      let operation: string | undefined;
      let startedAt = 0n;
      return {
        async didResolveOperation(requestContext) {
          operation = operationLabel(rootFieldsOf(requestContext.operation));
          startedAt = process.hrtime.bigint();
        },
        async willSendResponse() {
          if (operation === undefined) return;
          duration.observe({ operation }, Number(process.hrtime.bigint() - startedAt) / 1e9);
          const sql = currentRequestSql();
          if (!sql) return;
          sqlSeconds.observe({ operation }, sql.seconds);
          statements.inc({ operation }, sql.statements);
        },
      };
    },
  };
  return { route: metricsRoute(registry, options.access), plugin, scrape: () => registry.metrics() };
}
