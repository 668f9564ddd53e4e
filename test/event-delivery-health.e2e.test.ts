import { Redis } from "ioredis";
import { STREAM_TOPOLOGY, STREAMS } from "../domain/topology";
import { fixedClock } from "../platform/clock";
import { RedisStreamBus, streamKeyOf } from "../platform/events/redis-stream-bus";
import { creweOrdersWithDischargeHearings, recordDischarge, waitUntil } from "./support/events";
import { startRedisServer, type RedisServerProcess } from "./support/redis-server-process";
import { startTestStack, type TestStack } from "./support/stack";

const ORDERS = 6;
/** EVENT_LAG_ALERT of this stack: more events than this waiting for a consumer group is stuck delivery. */
const LAG_ALERT = 2;
const KEY_PREFIX = "test:health";
const OUTCOMES = STREAMS.hearingOutcomes.name;

interface Health {
  status: number;
  body: { status: string; checks: Record<string, string>; dependencies: Record<string, string> };
}

/**
 * Delivery that is stuck shows in the consuming subgraph's readiness body
 * (reported, never making it unready), naming the consumer group and the
 * stream, and in the gateway's report of that subgraph; once the group exists
 * again and its backlog is drained, both say "ready" again, every outcome
 * applied once. The orders subgraph's consumers are stopped to hold a backlog
 * (as a consumer process down would); a redis-server of this test's own.
 */
describe("event delivery stuck, as health reports it", () => {
  let redis: RedisServerProcess;
  let admin: Redis;
  let stack: TestStack;

  beforeAll(async () => {
    redis = await startRedisServer();
    admin = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    const bus = new RedisStreamBus(new Redis(redis.url, { maxRetriesPerRequest: null }), {
      topology: STREAM_TOPOLOGY,
      keyPrefix: KEY_PREFIX,
      blockMs: 200,
      maxBackoffMs: 200,
      log: () => undefined,
    });
    stack = await startTestStack({
      chunks: [creweOrdersWithDischargeHearings(ORDERS)],
      clock: fixedClock("2026-11-23"),
      bus,
      eventsStuck: { lag: LAG_ALERT },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    admin?.disconnect();
    await redis?.kill();
  });

  const onRedis = () => waitUntil(async () => (await stack.events.hearings.relay.unpublishedCount()) === 0, "the outcomes are on Redis");
  const health = async (url: string): Promise<Health> => {
    const response = await fetch(new URL("/health/ready", url));
    return { status: response.status, body: (await response.json()) as Health["body"] };
  };
  const ordersHealth = () => health(stack.subgraphUrls.orders);
  const ordersDelivery = async () => (await ordersHealth()).body.dependencies.events;
  /** Per order o1…o`count`: how many DISCHARGED events it has (exactly one once its outcome is applied). */
  const discharges = async (count: number): Promise<number[]> => {
    const { body } = await stack.query(`{ orders(first: 50) { nodes { id history { type } } } }`);
    const byId = new Map<string, number>(
      body.data!.orders.nodes.map((node: { id: string; history: { type: string }[] }) => [
        node.id,
        node.history.filter((event) => event.type === "DISCHARGED").length,
      ]),
    );
    return Array.from({ length: count }, (_, i) => byId.get(`o${i + 1}`) ?? 0);
  };
  const drainedAndReady = async () => {
    await waitUntil(async () => (await ordersDelivery()) === "ready", "orders reports its delivery ready again");
    await stack.settle();
    expect(await ordersHealth()).toEqual({
      status: 200,
      body: { status: "ready", checks: { database: "ready" }, dependencies: { redis: "ready", events: "ready" } },
    });
    expect((await health(stack.gatewayUrl)).body.dependencies["subgraph orders"]).toBe("ready");
  };

  it("reports a backlog past EVENT_LAG_ALERT, naming group and stream, in the subgraph's and the gateway's health; ready once drained", async () => {
    await stack.settle();
    expect(await ordersDelivery()).toBe("ready");

    await stack.events.orders.stopConsumers();
    for (const n of [1, 2, 3]) await recordDischarge(stack, n);
    await onRedis();
    const stuck = `orders on ${OUTCOMES}: 3 events waiting (alert above ${LAG_ALERT})`;
    // Reported, not fatal: the subgraph stays ready (it serves from its database; the events wait on the bus).
    expect(await ordersHealth()).toEqual({
      status: 200,
      body: { status: "ready", checks: { database: "ready" }, dependencies: { redis: "ready", events: stuck } },
    });
    expect((await health(stack.gatewayUrl)).body.dependencies["subgraph orders"]).toBe(`ready (events: ${stuck})`);
    // The other consumer of the stream is not held up, nor reported.
    expect((await health(stack.subgraphUrls.breaches)).body.dependencies.events).toBe("ready");

    stack.events.orders.startConsumers();
    await drainedAndReady();
    expect(await discharges(3)).toEqual([1, 1, 1]);
  });

  it("reports a consumer group destroyed on Redis, then its backlog once it exists again; ready once drained, nothing applied twice", async () => {
    await stack.events.orders.stopConsumers();
    for (const n of [4, 5, 6]) await recordDischarge(stack, n);
    await onRedis();
    expect(await admin.xgroup("DESTROY", streamKeyOf(KEY_PREFIX, OUTCOMES), "orders")).toBe(1);

    expect(await ordersDelivery()).toBe(`orders on ${OUTCOMES}: consumer group missing (being created again)`);
    // Created again from the start of the stream: everything the stream holds now waits for the group,
    // the outcomes applied before as well as the three never read.
    const entries = await admin.xlen(streamKeyOf(KEY_PREFIX, OUTCOMES));
    expect(entries).toBeGreaterThan(LAG_ALERT);
    await waitUntil(
      async () => (await ordersDelivery()) === `orders on ${OUTCOMES}: ${entries} events waiting (alert above ${LAG_ALERT})`,
      "the group exists again with the stream's entries waiting",
    );

    stack.events.orders.startConsumers();
    await drainedAndReady();
    // Read again from the start, applied once: the inbox knew the ones it had applied.
    expect(await discharges(ORDERS)).toEqual([1, 1, 1, 1, 1, 1]);
  });
});
