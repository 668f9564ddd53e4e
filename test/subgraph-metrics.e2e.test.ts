import { randomUUID } from "node:crypto";
import { STREAMS } from "../domain/topology";
import { fixedClock } from "../platform/clock";
import { SubgraphEvents } from "../platform/events/runtime";
import { createSubgraphMetrics } from "../platform/subgraph/metrics";
import { SUBGRAPHS } from "../subgraphs/registry";
import { openTestDatabase } from "./support/database";
import { describeWithRedis } from "./support/describe-with-redis";
import { openTestRedisBus, waitUntil } from "./support/events";
import { principalFor, testKeys, tokenFor } from "./support/identity";
import { buildSubgraph } from "../platform/subgraph/build";
import { listen } from "../platform/http";
import { seedCasesWithStaffordshireReview } from "./support/seed-case-replay";
import { startTestStack, type TestStack } from "./support/stack";

/**
 * Each subgraph's /metrics (docs/operations.md, "Metrics"): per operation its
 * time and SQL, its outbox, and each consumed stream's group lag and pending,
 * served and protected as the gateway's are. Every value checked here is a
 * count that moves with what the test did, never a time.
 */
const HEARING = "metrics-cannock";
const CANNOCK_LISTING = principalFor("court-listing", { kind: "courts", courts: ["B21DA"] }, "cannock-listing-svc");

/** The value of the series `name` with exactly `labels` (service besides); 0 when absent, undefined when asked to tell absence. */
function value(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = JSON.stringify(Object.entries(labels).sort());
  for (const line of text.split("\n")) {
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = [...(match[2] ?? "").matchAll(/([a-z_]+)="([^"]*)"/g)].map(([, key, label]) => [key, label]);
    if (JSON.stringify(found.sort()) === wanted) return Number(match[3]);
  }
  return undefined;
}

describe("a subgraph's metrics", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ chunks: [seedCasesWithStaffordshireReview(HEARING)], clock: fixedClock("2026-11-23") });
  });
  afterAll(() => stack?.stop());

  const scrape = async (subgraph: keyof TestStack["subgraphUrls"]) => {
    const response = await fetch(stack.subgraphUrls[subgraph].replace(/\/graphql$/, "/metrics"));
    expect(response.status).toBe(200);
    return response.text();
  };
  const hearings = (labels: Record<string, string> = {}) => ({ service: "hearings", ...labels });

  it("counts each operation and the statements it ran, by its root fields", async () => {
    const operation = hearings({ operation: "recordHearingOutcome" });
    const before = await scrape("hearings");
    const recorded = await stack.post(
      {
        query: `mutation Record($input: HearingOutcomeInput!) { recordHearingOutcome(input: $input) { status } }`,
        variables: { input: { hearingId: HEARING, status: "ADJOURNED", idempotencyKey: `metrics-${randomUUID()}` } },
      },
      { authorization: `Bearer ${await tokenFor(CANNOCK_LISTING)}` },
    );
    expect(recorded.body.errors).toBeUndefined();
    const after = await scrape("hearings");
    const count = (text: string, name: string) => value(text, name, operation) ?? 0;
    expect(count(after, "subgraph_operation_duration_seconds_count")).toBe(count(before, "subgraph_operation_duration_seconds_count") + 1);
    expect(count(after, "subgraph_operation_sql_seconds_count")).toBe(count(before, "subgraph_operation_sql_seconds_count") + 1);
    // Exactly the statements the request caused in hearings, as the stack's own counter saw them.
    const statements = stack.statementsOf(recorded.requestId!).hearings;
    expect(statements).toBeGreaterThan(0);
    expect(count(after, "subgraph_sql_statements_total")).toBe(count(before, "subgraph_sql_statements_total") + statements);
  });

  it("tells the outbox's unpublished and unconfirmed events, and nothing of a subgraph that publishes none", async () => {
    await stack.settle();
    expect(value(await scrape("hearings"), "subgraph_outbox_unpublished_events", hearings())).toBe(0);
    await stack.events.hearings.relay.stop();
    try {
      for (const n of [1, 2]) {
        const recorded = await stack.post(
          {
            query: `mutation Record($input: HearingOutcomeInput!) { recordHearingOutcome(input: $input) { status } }`,
            variables: { input: { hearingId: HEARING, status: "ADJOURNED", idempotencyKey: `metrics-outbox-${n}-${randomUUID()}` } },
          },
          { authorization: `Bearer ${await tokenFor(CANNOCK_LISTING)}` },
        );
        expect(recorded.body.errors).toBeUndefined();
      }
      const waiting = await scrape("hearings");
      expect(value(waiting, "subgraph_outbox_unpublished_events", hearings())).toBe(2);
      expect(value(waiting, "subgraph_outbox_unconfirmed_events", hearings())).toBe(2);
      expect(value(waiting, "subgraph_outbox_oldest_unpublished_age_seconds", hearings())).toBeGreaterThanOrEqual(0);
    } finally {
      stack.events.hearings.relay.start();
    }
    await stack.settle();
    const delivered = await scrape("hearings");
    expect(value(delivered, "subgraph_outbox_unpublished_events", hearings())).toBe(0);
    expect(value(delivered, "subgraph_outbox_unconfirmed_events", hearings())).toBe(0);
    expect(value(delivered, "subgraph_outbox_oldest_unpublished_age_seconds", hearings())).toBe(0);
    // People publish nothing: no outbox series at all; each stream it consumes has its group's.
    const people = await scrape("people");
    expect(value(people, "subgraph_outbox_unpublished_events", { service: "people" })).toBeUndefined();
    expect(value(people, "subgraph_event_consumer_lag", { service: "people", stream: STREAMS.orderFacts.name })).toBe(0);
  });
});

describe("a subgraph's /metrics behind METRICS_TOKEN", () => {
  it("answers a scraper with the token, and no one else", async () => {
    const token = `metrics-${randomUUID()}-${randomUUID()}`;
    const { db, dispose } = await openTestDatabase(SUBGRAPHS.people);
    const server = await buildSubgraph(
      SUBGRAPHS.people,
      { metrics: { kind: "token", token } },
      { db, gatewayKeys: (await testKeys()).gatewayPublicKeys },
    );
    await server.apollo.start();
    const running = await listen(server.createHttpService(), 0);
    const metricsUrl = running.url.replace(/\/graphql$/, "/metrics");
    try {
      expect((await fetch(metricsUrl)).status).toBe(401);
      expect((await fetch(metricsUrl, { headers: { authorization: `Bearer ${token.slice(1)}x` } })).status).toBe(401);
      const scraped = await fetch(metricsUrl, { headers: { authorization: `Bearer ${token}` } });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('subgraph_event_consumer_lag{stream="order-facts",service="people"} 0');
    } finally {
      await running.close();
      await server.apollo.stop();
      await dispose();
    }
  });
});

describeWithRedis("a subgraph's consumer-group metrics over Redis Streams", () => {
  it("move with the events waiting for its group: lag before delivery, pending while applied, none once applied", async () => {
    const bus = openTestRedisBus();
    const { db, dispose } = await openTestDatabase(SUBGRAPHS.orders);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const applied: string[] = [];
    const stream = STREAMS.hearingOutcomes.name;
    const events = new SubgraphEvents({
      group: "orders",
      consumer: "metrics-test",
      db,
      bus,
      consumes: {
        [stream]: async (_tx, event) => {
          await gate;
          applied.push(event.id);
        },
      },
    });
    const metrics = createSubgraphMetrics({ subgraph: "orders", events, access: { kind: "open" } });
    const series = async (name: string) => value(await metrics.scrape(), name, { service: "orders", stream });
    try {
      const occurredAt = new Date().toISOString();
      await bus.publish(
        stream,
        ["e-1", "e-2", "e-3"].map((id) => ({ id: `${id}-${randomUUID()}`, type: "Test", occurredAt, payload: {} })),
      );
      expect(await series("subgraph_event_consumer_lag")).toBe(3);
      expect(await series("subgraph_event_consumer_pending")).toBe(0);
      events.startConsumers();
      // Read by the consumer (one batch), held by the gate: delivered, not acknowledged.
      await waitUntil(async () => (await series("subgraph_event_consumer_lag")) === 0, "the group has read them");
      expect(await series("subgraph_event_consumer_pending")).toBe(3);
      release();
      await waitUntil(async () => applied.length === 3 && (await series("subgraph_event_consumer_pending")) === 0, "all applied");
      expect(await series("subgraph_event_consumer_lag")).toBe(0);
    } finally {
      release();
      await events.stop();
      await bus.close();
      await dispose();
    }
  });
});
