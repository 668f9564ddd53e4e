import { STREAMS, STREAM_TOPOLOGY } from "../domain/topology";
import { inProcessConsumerName } from "../dev/in-process-stack";
import type { EventBus } from "../platform/events/bus";
import { InProcessBus } from "../platform/events/in-process-bus";
import { idempotentHandler } from "../platform/events/inbox";
import { fixedClock } from "../platform/clock";
import { ordersSubgraph } from "../subgraphs/orders/subgraph";
import {
  CREWE_LISTING,
  creweOrdersWithDischargeHearings,
  dischargesByOrder,
  openTestRedisBus,
  recordDischarge,
  waitUntil,
} from "./support/events";
import { breach, hearing } from "./support/rows";
import { describeWithRedis } from "./support/describe-with-redis";
import { startTestStack, type TestStack } from "./support/stack";

const ORDERS = 6;

/**
 * Six full orders in force at Crewe, each with a discharge hearing listed on
 * a past day, and a breach of the first with its trial: every outcome
 * recorded here must reach orders (and the conviction breaches) exactly once.
 */
function fixture() {
  const chunk = creweOrdersWithDischargeHearings(ORDERS);
  chunk.breaches.breaches.push(breach("b1", "07", "2024-06-01", { orderId: "o1", orderForceCode: "07", offenderId: "r1" }));
  chunk.hearings.hearings.push(hearing("trial-1", "2025-02-03T10:00:00Z", { orderId: "o1", breachId: "b1", type: "BREACH_TRIAL" }));
  return chunk;
}

const allDischarged = Object.fromEntries(Array.from({ length: ORDERS }, (_, i) => [`o${i + 1}`, ["DISCHARGED", 1]]));

function deliveryGuarantees(busName: string, openBus: () => EventBus) {
  describe(`event delivery on the ${busName} bus`, () => {
    let stack: TestStack;

    beforeEach(async () => {
      stack = await startTestStack({ chunks: [fixture()], clock: fixedClock("2026-11-23"), bus: openBus() });
    });
    afterEach(() => stack.stop());

    it("loses nothing while the orders consumer is stopped mid-stream, and applies every decision exactly once after it restarts", async () => {
      await recordDischarge(stack, 1);
      await stack.settle();
      expect((await dischargesByOrder(stack)).o1).toEqual(["DISCHARGED", 1]);

      await stack.events.orders.stopConsumers();
      for (let n = 2; n <= ORDERS; n++) await recordDischarge(stack, n);
      // Recorded and published (or, in-process, held in the outbox for want of a consumer) — but not applied.
      const waiting = await dischargesByOrder(stack);
      for (let n = 2; n <= ORDERS; n++) expect(waiting[`o${n}`]).toEqual(["IN_FORCE", 0]);
      const held =
        stack.bus.kind === "redis"
          ? () => stack.bus.backlog(STREAMS.hearingOutcomes.name, "orders")
          : () => stack.events.hearings.relay.unpublishedCount();
      await waitUntil(async () => (await held()) === ORDERS - 1, `${ORDERS - 1} outcomes wait for the orders consumer`);

      stack.events.orders.startConsumers();
      await stack.settle();
      expect(await dischargesByOrder(stack)).toEqual(allDischarged);
      const processed = await stack.databases.orders.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM processed_event WHERE consumer_group = 'orders'`,
      );
      expect(processed[0].n).toBe(ORDERS);
    });

    it("applies each event once when the relay publishes it again (a crash between publishing and marking it published)", async () => {
      for (let n = 1; n <= 3; n++) await recordDischarge(stack, n);
      await stack.settle();
      const hearingsDb = stack.databases.hearings.db;
      const republished = await hearingsDb.query(`UPDATE event_outbox SET published_at = NULL RETURNING event_id`);
      expect(republished).toHaveLength(3);
      stack.events.hearings.relay.wake();
      await stack.settle();
      const rejected = await stack.databases.orders.db.query(`SELECT * FROM rejected_event`);
      expect(rejected).toEqual([]);
      expect(await dischargesByOrder(stack)).toMatchObject({ o1: ["DISCHARGED", 1], o2: ["DISCHARGED", 1], o3: ["DISCHARGED", 1] });
    });

    it("applies a conviction at a breach trial to the breach offence, once", async () => {
      const { body } = await stack.query(
        `mutation { recordHearingOutcome(input: { hearingId: "trial-1", status: HEARD, decision: CONVICTED, idempotencyKey: "trial-1" }) { decision } }`,
        undefined,
        CREWE_LISTING,
      );
      expect(body.errors).toBeUndefined();
      await stack.settle();
      const breaches = await stack.databases.breaches.db.query(`SELECT id, status, decided_on FROM breach_offence`);
      expect(breaches).toEqual([{ id: "b1", status: "CONVICTED", decided_on: "2025-02-03" }]);
      // The order is untouched by a decision about its breach.
      expect((await dischargesByOrder(stack)).o1).toEqual(["IN_FORCE", 0]);
    });
  });
}

deliveryGuarantees("in-process", () => new InProcessBus(STREAM_TOPOLOGY));

describeWithRedis("Redis Streams", () => {
  deliveryGuarantees("Redis Streams", () => openTestRedisBus());

  describe("a consumer that crashes after committing an event's effect and before acknowledging it", () => {
    const CLAIM_IDLE_MS = 300;
    let stack: TestStack;

    beforeEach(async () => {
      stack = await startTestStack({
        chunks: [fixture()],
        clock: fixedClock("2026-11-23"),
        bus: openTestRedisBus({ claimIdleMs: CLAIM_IDLE_MS }),
      });
    });
    afterEach(() => stack.stop());

    /** Stops the orders consumer and starts, in its group, one that commits each effect and dies before acknowledging it. */
    async function crashingConsumer(name: string) {
      await stack.events.orders.stopConsumers();
      const ordersDb = stack.databases.orders.db;
      const applyOnce = idempotentHandler({
        db: ordersDb,
        group: "orders",
        apply: ordersSubgraph.consumes![STREAMS.hearingOutcomes.name]!,
      });
      let crashes = 0;
      const dying = stack.bus.subscribe({
        stream: STREAMS.hearingOutcomes.name,
        group: "orders",
        consumer: name,
        handler: async (event, stream) => {
          await applyOnce(event, stream);
          crashes += 1;
          throw new Error("simulated crash before XACK");
        },
      });
      for (let n = 1; n <= 3; n++) await recordDischarge(stack, n);
      // It committed the first effect and died before acknowledging it; it never got further (order is kept).
      await waitUntil(async () => crashes >= 1, "the dying consumer committed an effect and crashed");
      await dying.stop();
      expect(await ordersDb.query(`SELECT event_id FROM processed_event`)).toHaveLength(1);
      expect((await dischargesByOrder(stack)).o1).toEqual(["DISCHARGED", 1]);
      await waitUntil(
        async () => (await stack.bus.backlog(STREAMS.hearingOutcomes.name, "orders")) === 3,
        "all three outcomes wait, unacknowledged, for the orders group",
      );
    }

    it("gets it back on restart and does not apply it twice", async () => {
      await crashingConsumer(inProcessConsumerName("orders"));
      // The restarted process (same consumer name) is given back what it never acknowledged.
      stack.events.orders.startConsumers();
      await stack.settle();
      expect(await dischargesByOrder(stack)).toMatchObject({
        o1: ["DISCHARGED", 1],
        o2: ["DISCHARGED", 1],
        o3: ["DISCHARGED", 1],
        o4: ["IN_FORCE", 0],
      });
      expect(await stack.bus.backlog(STREAMS.hearingOutcomes.name, "orders")).toBe(0);
    });

    it("has another consumer of the group take over what the dead one held, once it has been idle long enough", async () => {
      await crashingConsumer("orders@dead-pod");
      // A different process of the orders group: the entries are not its own, so only XAUTOCLAIM can give them to it.
      stack.events.orders.startConsumers();
      await stack.settle();
      expect(await dischargesByOrder(stack)).toMatchObject({
        o1: ["DISCHARGED", 1],
        o2: ["DISCHARGED", 1],
        o3: ["DISCHARGED", 1],
        o4: ["IN_FORCE", 0],
      });
      const rejected = await stack.databases.orders.db.query(`SELECT * FROM rejected_event`);
      expect(rejected).toEqual([]);
    });
  });
});
