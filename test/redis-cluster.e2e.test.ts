import { isDeepStrictEqual } from "node:util";
import { randomUUID } from "node:crypto";
import { STREAMS, STREAM_TOPOLOGY } from "../domain/topology";
import { fixedClock } from "../platform/clock";
import { logConnectionStateChanges } from "../platform/events/open-bus";
import { RedisStreamBus } from "../platform/events/redis-stream-bus";
import { openRedis, type RedisClient } from "../platform/redis/client";
import { creweOrdersWithDischargeHearings, dischargesByOrder, publishUnreadByOrders, recordDischarge, waitUntil } from "./support/events";
import { principalFor } from "./support/identity";
import { startRedisCluster, type RedisClusterProcess } from "./support/redis-cluster-process";
import { startTestStack, type TestStack } from "./support/stack";

const ORDERS = 7;
const PREFIX = "test:cluster";
const CACHE_PREFIX = "test:cluster-cache:";
const RATE_PREFIX = "test:cluster-rate:";
const DASHBOARD_BUDGET = 3;
const DASHBOARD = principalFor("reporting-dashboard", { kind: "national" }, "dashboard-svc");
const STATISTICS = `{ spoStatistics(from: "2024-01-01", to: "2026-12-31", groupBy: REGION) { scope activeOrders } }`;

/**
 * Every Redis use on a Redis Cluster of the test's own (three primaries, a replica each): the event bus, the
 * response cache (with the consumers' progress on the streams) and the rate limits, all through a
 * redis+cluster:// URL. Events are applied exactly once when the primary holding a stream's slot fails over,
 * whether its consumers were reading at that moment or had stopped with entries waiting.
 */
describe("Redis Cluster", () => {
  let cluster: RedisClusterProcess;
  let stack: TestStack;
  let bus: RedisStreamBus;
  let admin: RedisClient;

  beforeAll(async () => {
    cluster = await startRedisCluster();
    const client = openRedis(cluster.url, { maxRetriesPerRequest: null, retryStrategy: () => 50 });
    logConnectionStateChanges(client, "[test] Redis Cluster", () => undefined);
    bus = new RedisStreamBus(client, {
      topology: STREAM_TOPOLOGY,
      keyPrefix: PREFIX,
      blockMs: 200,
      maxBackoffMs: 200,
      log: () => undefined,
    });
    admin = openRedis(cluster.url, { maxRetriesPerRequest: 3 });
    admin.on("error", () => undefined);
    stack = await startTestStack({
      chunks: [creweOrdersWithDischargeHearings(ORDERS)],
      clock: fixedClock("2026-11-23"),
      bus,
      responseCache: {
        store: { kind: "redis", url: cluster.url, keyPrefix: CACHE_PREFIX, commandTimeoutMs: 1_000, eventStreamPrefix: PREFIX },
        ttlSeconds: 120,
        persistedQueryTtlSeconds: 120,
        log: () => undefined,
      },
      rateLimits: {
        budgets: { "reporting-dashboard": { points: DASHBOARD_BUDGET, durationSeconds: 60 } },
        // The polling below (every 10 ms) is no runaway script.
        defaultBudget: { points: 1_000_000, durationSeconds: 60 },
        store: { kind: "redis", url: cluster.url, keyPrefix: RATE_PREFIX },
      },
    });
    await waitUntil(async () => stack.responseCache.storeReady(), "the response cache is connected to the cluster");
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
    admin?.disconnect();
    await cluster?.stop();
  });

  const slotOf = async (key: string) => Number(await cluster.cli(cluster.ports[0], "CLUSTER", "KEYSLOT", key));
  const everyOrderDischargedOnce = (upTo: number) =>
    Object.fromEntries(
      Array.from({ length: ORDERS }, (_, i) => [`o${i + 1}`, i < upTo ? ["DISCHARGED", 1] : ["IN_FORCE", 0]] as [string, [string, number]]),
    );
  const waitForDischarges = async (upTo: number) => {
    const expected = everyOrderDischargedOnce(upTo);
    await waitUntil(
      async () => isDeepStrictEqual(await dischargesByOrder(stack), expected),
      `orders 1–${upTo} are discharged once`,
      30_000,
    );
    await stack.settle();
    expect(await dischargesByOrder(stack)).toEqual(expected);
    await waitUntil(async () => (await stack.events.hearings.relay.unconfirmed()).count === 0, "every outcome is confirmed", 15_000);
  };

  it("keeps each stream and its epoch marker on one slot, and the streams on slots of their own", async () => {
    const streams = Object.values(STREAMS).map((stream) => stream.name);
    for (const stream of streams) {
      const key = bus.streamKey(stream);
      expect(await slotOf(`${key}:epoch`)).toBe(await slotOf(key));
    }
    const slots = await Promise.all(streams.map((stream) => slotOf(bus.streamKey(stream))));
    expect(new Set(slots).size).toBe(streams.length);
  });

  it("applies outcomes published on the cluster once each", async () => {
    await recordDischarge(stack, 1);
    await waitForDischarges(1);
  });

  it("applies every outcome exactly once across a failover of the primary holding the stream, read or waiting", async () => {
    const key = bus.streamKey(STREAMS.hearingOutcomes.name);
    const before = await cluster.ownersOf(key);
    // Orders stopped with outcomes waiting for it on the stream; breaches keeps reading through the failover.
    await publishUnreadByOrders(stack, 2, 3);

    await cluster.failover(before.replica);
    expect((await cluster.ownersOf(key)).primary).toBe(before.replica);

    await stack.events.orders.startConsumers();
    await recordDischarge(stack, 4);
    await waitForDischarges(4);
  });

  it("applies every outcome exactly once when the primary holding the stream is killed and its replica promoted, waiting ones included", async () => {
    const key = bus.streamKey(STREAMS.hearingOutcomes.name);
    const before = await cluster.ownersOf(key);
    await publishUnreadByOrders(stack, 5);
    // Replicated before the kill: what a primary acknowledged and had not replicated is lost with it, and comes
    // back only when the relay republishes it (EVENT_REPUBLISH_AFTER_MS), which this test does not wait for.
    const offset = (info: string, field: string) => Number(new RegExp(`${field}:(\\d+)`).exec(info)?.[1] ?? -1);
    const written = offset(await cluster.cli(before.primary, "INFO", "replication"), "master_repl_offset");
    await waitUntil(
      async () => offset(await cluster.cli(before.replica, "INFO", "replication"), "slave_repl_offset") >= written,
      "the replica has everything the primary acknowledged",
    );
    await cluster.kill(before.primary);
    await cluster.waitForPromotion(before.replica);
    await stack.events.orders.startConsumers();
    await recordDischarge(stack, 6);
    await waitForDischarges(6);
    // The subgraphs' health says so too: Redis answers and delivery is not stuck, nothing restarted.
    const response = await fetch(new URL("/health/ready", stack.subgraphUrls.orders));
    expect(((await response.json()) as { dependencies: Record<string, string> }).dependencies).toEqual({ redis: "ready", events: "ready" });
  });

  it("serves a repeated answer from the cache on the cluster, and a changed one once an applied event changes statistics", async () => {
    const first = await stack.query(STATISTICS, undefined, DASHBOARD);
    expect(first.body.errors).toBeUndefined();
    const hitsBefore = stack.responseCache.metrics().hits;
    expect((await stack.query(STATISTICS, undefined, DASHBOARD)).body).toEqual(first.body);
    expect(stack.responseCache.metrics().hits).toBe(hitsBefore + 1);
    expect(stack.responseCache.metrics().storeErrors).toBe(0);

    // The last order discharged: once the outcome is applied, the cached statistics are not served again.
    await recordDischarge(stack, ORDERS);
    await stack.settle();
    const after = await stack.query(STATISTICS, undefined, DASHBOARD);
    expect(after.body.errors).toBeUndefined();
    expect(after.body).not.toEqual(first.body);
    expect(stack.responseCache.metrics().storeErrors).toBe(0);
  });

  it("counts a caller's budget on the cluster and refuses past it", async () => {
    const sub = `dashboard-${randomUUID()}`;
    const caller = principalFor("reporting-dashboard", { kind: "national" }, sub);
    for (let n = 0; n < DASHBOARD_BUDGET; n += 1) expect((await stack.query(`{ forces { code } }`, undefined, caller)).status).toBe(200);
    const refused = await stack.query(`{ forces { code } }`, undefined, caller);
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.map((error) => error.extensions?.code)).toEqual(["RATE_LIMITED"]);
    // Counted on the cluster itself, not by the in-memory insurance limiter.
    expect(await admin.exists(`${RATE_PREFIX}reporting-dashboard:${sub}`)).toBe(1);
  });
});
