import { isDeepStrictEqual } from "node:util";
import { STREAMS, STREAM_TOPOLOGY } from "../domain/topology";
import { fixedClock } from "../platform/clock";
import { logConnectionStateChanges } from "../platform/events/open-bus";
import { RedisStreamBus } from "../platform/events/redis-stream-bus";
import { openRedis } from "../platform/redis/client";
import { creweOrdersWithDischargeHearings, dischargesByOrder, publishUnreadByOrders, recordDischarge, waitUntil } from "./support/events";
import { startRedisSentinel, type RedisSentinelProcess } from "./support/redis-sentinel-process";
import { startTestStack, type TestStack } from "./support/stack";

const ORDERS = 4;

/**
 * The event bus on a Sentinel-watched primary (redis+sentinel://): outcomes are applied exactly once when
 * the Sentinel fails the primary over to its replica, those waiting on the stream for a stopped consumer
 * included, and the bus follows the Sentinel to the new primary without a restart.
 */
describe("event delivery through Redis Sentinel", () => {
  let sentinel: RedisSentinelProcess;
  let stack: TestStack;

  beforeAll(async () => {
    sentinel = await startRedisSentinel();
    const client = openRedis(sentinel.url, { maxRetriesPerRequest: null, retryStrategy: () => 50 });
    logConnectionStateChanges(client, "[test] Redis Sentinel", () => undefined);
    const bus = new RedisStreamBus(client, {
      topology: STREAM_TOPOLOGY,
      keyPrefix: "test:sentinel",
      blockMs: 200,
      maxBackoffMs: 200,
      log: () => undefined,
    });
    stack = await startTestStack({ chunks: [creweOrdersWithDischargeHearings(ORDERS)], clock: fixedClock("2026-11-23"), bus });
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
    await sentinel?.stop();
  });

  it("applies every outcome exactly once across a Sentinel failover, and follows the new primary", async () => {
    await recordDischarge(stack, 1);
    await stack.settle();

    await publishUnreadByOrders(stack, 2, 3);
    await sentinel.failover();
    expect(await sentinel.currentPrimary()).toBe(sentinel.replica);

    await stack.events.orders.startConsumers();
    await recordDischarge(stack, 4);
    const all = Object.fromEntries(Array.from({ length: ORDERS }, (_, i) => [`o${i + 1}`, ["DISCHARGED", 1]]));
    await waitUntil(async () => isDeepStrictEqual(await dischargesByOrder(stack), all), "every order is discharged once", 30_000);
    await stack.settle();
    expect(await dischargesByOrder(stack)).toEqual(all);
    await waitUntil(async () => (await stack.events.hearings.relay.unconfirmed()).count === 0, "every outcome is confirmed", 15_000);
    // What the bus now reads is on the promoted replica.
    expect(Number(await stack.bus.backlog(STREAMS.hearingOutcomes.name, "orders"))).toBe(0);
  });
});
