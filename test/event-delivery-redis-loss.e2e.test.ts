import { isDeepStrictEqual } from "node:util";
import { Redis } from "ioredis";
import { STREAM_TOPOLOGY } from "../domain/topology";
import { fixedClock } from "../platform/clock";
import { logConnectionStateChanges } from "../platform/events/open-bus";
import { RedisStreamBus } from "../platform/events/redis-stream-bus";
import { creweOrdersWithDischargeHearings, dischargesByOrder, publishUnreadByOrders, recordDischarge, waitUntil } from "./support/events";
import { startRedisServer, type RedisServerProcess } from "./support/redis-server-process";
import { startTestStack, type TestStack } from "./support/stack";

const ORDERS = 4;

/**
 * Redis restarting without its data (no persistence, a failover to an empty
 * replica): consumer groups come back without a restart of anything, and
 * what Redis held and no consumer had read yet is published again from the
 * producer's outbox, each applied exactly once. A redis-server of this test's
 * own, on a free port, persisting nothing.
 */
describe("event delivery when Redis loses its data", () => {
  let redis: RedisServerProcess;
  let stack: TestStack;

  beforeAll(async () => {
    redis = await startRedisServer();
    const client = new Redis(redis.url, { maxRetriesPerRequest: null, retryStrategy: () => 50 });
    logConnectionStateChanges(client, "[test] Redis", () => undefined);
    const bus = new RedisStreamBus(client, {
      topology: STREAM_TOPOLOGY,
      keyPrefix: "test:loss",
      blockMs: 200,
      maxBackoffMs: 200,
      log: () => undefined,
    });
    stack = await startTestStack({ chunks: [creweOrdersWithDischargeHearings(ORDERS)], clock: fixedClock("2026-11-23"), bus });
  });
  afterAll(async () => {
    await stack?.stop();
    await redis?.kill();
  });

  it("applies every outcome exactly once after Redis restarts empty, the unread ones included, without restarting anything", async () => {
    await recordDischarge(stack, 1);
    await stack.settle();

    // Outcomes published to Redis and not yet read by orders (its consumer paused) when Redis loses everything.
    await publishUnreadByOrders(stack, 2, 3);
    await redis.restart();

    await stack.events.orders.startConsumers();
    await recordDischarge(stack, 4);
    const all = Object.fromEntries(Array.from({ length: ORDERS }, (_, i) => [`o${i + 1}`, ["DISCHARGED", 1]]));
    await waitUntil(async () => isDeepStrictEqual(await dischargesByOrder(stack), all), "every order is discharged once", 30_000);
    await stack.settle();
    expect(await dischargesByOrder(stack)).toEqual(all);
    // The outbox knows every outcome reached every consuming group.
    await waitUntil(async () => (await stack.events.hearings.relay.unconfirmed()).count === 0, "every outcome is confirmed", 10_000);
  });
});
