import { STREAMS, type SubgraphName, STREAM_TOPOLOGY } from "../../domain/topology";
import type { DatasetChunk } from "../../subgraphs/dataset-chunk";
import { emptyChunk } from "./database";
import { hearing, order } from "./rows";
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import type { EventBus } from "../../platform/events/bus";
import { RedisStreamBus } from "../../platform/events/redis-stream-bus";
import type { SubgraphEvents } from "../../platform/events/runtime";
import { principalFor } from "./identity";
import { TEST_REDIS_URL } from "./services";
import type { TestStack } from "./stack";

/** A Redis Streams bus on streams of its own (a random key prefix), so test files never read each other's events. */
export function openTestRedisBus(options: { claimIdleMs?: number } = {}): RedisStreamBus {
  return new RedisStreamBus(new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null }), {
    topology: STREAM_TOPOLOGY,
    keyPrefix: `test:${randomBytes(6).toString("hex")}`,
    blockMs: 200,
    claimIdleMs: options.claimIdleMs ?? 30_000,
    log: () => undefined,
  });
}

/** Waits until `check` holds, polling it (a readiness check, not a sleep); fails after `timeoutMs` naming what it waited for. */
export async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Waits until every event has gone all the way: each stream's producer has
 * nothing unpublished and each consumer group has nothing unacknowledged,
 * checked stream by stream in the order events cause each other (an outcome
 * is acknowledged only after the order facts it caused were committed to the
 * orders outbox).
 */
export function waitUntilEventsSettled(events: Record<SubgraphName, SubgraphEvents>, bus: EventBus): Promise<void> {
  return waitUntil(async () => {
    for (const stream of [STREAMS.hearingOutcomes, STREAMS.orderFacts]) {
      if ((await events[stream.producer].relay.unpublishedCount()) > 0) return false;
      for (const group of stream.consumers) if ((await bus.backlog(stream.name, group)) > 0) return false;
    }
    return true;
  }, "every event is published and applied");
}

/** A clock the test moves: replaying a case day by day, then asking about it as of other days. */
export function settableClock(today: string) {
  let current = today;
  return {
    today: () => current,
    now: () => new Date(`${current}T12:00:00Z`),
    set(day: string) {
      current = day;
    },
  };
}

/**
 * `count` full orders in force at Crewe (o1, o2, …; respondents r1, r2, …),
 * each with a discharge hearing (discharge-1, …) listed on a past day of March
 * 2025: outcomes a test records and follows to the orders subgraph.
 */
export function creweOrdersWithDischargeHearings(count: number): DatasetChunk {
  const chunk = emptyChunk();
  for (let n = 1; n <= count; n++) {
    chunk.orders.orders.push(
      order({
        id: `o${n}`,
        kind: "FULL",
        applicantForceCode: "07",
        courtCode: "B07ED",
        respondentId: `r${n}`,
        madeOn: "2024-01-02",
        untilFurtherOrder: true,
      }),
    );
    chunk.hearings.hearings.push(hearing(`discharge-${n}`, `2025-03-0${n}T10:00:00Z`, { orderId: `o${n}`, type: "DISCHARGE" }));
  }
  return chunk;
}

/** Crewe's court listing officer: records the outcomes of the discharge hearings above. */
export const CREWE_LISTING = principalFor("court-listing", { kind: "courts", courts: ["B07ED"] }, "crewe-listing-svc");

/** Records discharge hearing `n` as heard and the order discharged (once: the idempotency key is the hearing's). */
export async function recordDischarge(stack: TestStack, n: number): Promise<void> {
  const { body } = await stack.query(
    `mutation($input: HearingOutcomeInput!) { recordHearingOutcome(input: $input) { status } }`,
    { input: { hearingId: `discharge-${n}`, status: "HEARD", decision: "ORDER_DISCHARGED", idempotencyKey: `discharge-${n}` } },
    CREWE_LISTING,
  );
  expect(body).toEqual({ data: { recordHearingOutcome: { status: "HEARD" } } });
}

/**
 * Outcomes the orders subgraph has not read yet, on the bus: its consumers stopped, the discharges `ns` recorded,
 * and the hearings relay waited for until each is published (what a fault is then to hit).
 */
export async function publishUnreadByOrders(stack: TestStack, ...ns: number[]): Promise<void> {
  await stack.events.orders.stopConsumers();
  for (const n of ns) await recordDischarge(stack, n);
  await waitUntil(async () => (await stack.events.hearings.relay.unpublishedCount()) === 0, "the outcomes are on the bus");
}

/** Per order: its status today and how many DISCHARGED events it has (exactly one once its discharge is applied). */
export async function dischargesByOrder(stack: TestStack): Promise<Record<string, [string, number]>> {
  const { body } = await stack.query(`{ orders(first: 50) { nodes { id status history { type } } } }`);
  return Object.fromEntries(
    body.data!.orders.nodes.map((node: { id: string; status: string; history: { type: string }[] }) => [
      node.id,
      [node.status, node.history.filter((event) => event.type === "DISCHARGED").length],
    ]),
  );
}
