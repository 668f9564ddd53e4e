import { createHash, randomBytes } from "node:crypto";
import net from "node:net";
import { Redis } from "ioredis";
import { STREAMS } from "../domain/topology";
import { fixedClock } from "../platform/clock";
import { seedCasesChunk, SEED_CASE_IDS } from "../dev/dataset/seed-cases";
import type { ResponseCacheOptions } from "../gateway/cache";
import { accessKeyOf } from "../gateway/persisted-queries";
import { EventStreamProgress } from "../gateway/cache/event-stream-progress";
import type { RedisStreamBus } from "../platform/events/redis-stream-bus";
import { describeWithRedis } from "./support/describe-with-redis";
import { openTestRedisBus, waitUntil } from "./support/events";
import { principalFor, tokenFor } from "./support/identity";
import { startProxyProcess, type ProxyProcess } from "./support/proxy-process";
import { TEST_REDIS_URL } from "./support/services";
import { startTestStack, type TestStack } from "./support/stack";

/**
 * The response cache on Redis: what it keeps there (answers with a TTL,
 * persisted queries as their text only), and that Redis failing — not
 * answering at all, gone, never there — costs a request nothing but the
 * cache: the answer is the one the subgraphs give, never an error or a hang.
 * And how statistics entries are invalidated when the subgraphs apply events
 * in other processes: by the consumer groups' progress on the streams.
 */
const TODAY = "2026-11-23";
const TTL_SECONDS = 120;
const DASHBOARD = principalFor("reporting-dashboard", { kind: "national" }, "dashboard-svc");
const ANALYST = principalFor("national-analyst", { kind: "national" }, "analyst-1");
const STATISTICS = `{ spoStatistics(from: "2026-01-01", to: "2026-12-31", groupBy: REGION) { scope activeOrders breachesReported } }`;

/** A timeout well above what a busy test machine's event loop adds, so only the frozen proxy makes commands fail. */
function redisCache(url: string, keyPrefix: string): ResponseCacheOptions {
  return {
    store: { kind: "redis", url, keyPrefix, commandTimeoutMs: 1_000 },
    ttlSeconds: TTL_SECONDS,
    persistedQueryTtlSeconds: TTL_SECONDS,
    log: () => undefined,
  };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describeWithRedis("response cache on Redis", () => {
  const keyPrefix = `test:cache:${randomBytes(6).toString("hex")}:`;
  let proxy: ProxyProcess;
  let stack: TestStack;
  let redis: Redis;
  let expected: unknown;
  beforeAll(async () => {
    redis = new Redis(TEST_REDIS_URL);
    proxy = await startProxyProcess(Number(new URL(TEST_REDIS_URL).port || 6379));
    stack = await startTestStack({
      chunks: [seedCasesChunk()],
      clock: fixedClock(TODAY),
      // Through the proxy to the test's own Redis database (the path of REDIS_URL), where the test looks.
      responseCache: redisCache(`redis://127.0.0.1:${proxy.port}${new URL(TEST_REDIS_URL).pathname}`, keyPrefix),
    });
    await cacheConnected();
  });
  const cacheConnected = () => waitUntil(async () => stack.responseCache.storeReady(), "the response cache is connected to Redis");
  afterAll(async () => {
    await stack?.stop();
    await proxy?.kill();
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it("keeps each answer under a hashed key with the TTL, and answers the repeat from Redis", async () => {
    const first = await stack.query(STATISTICS, undefined, DASHBOARD);
    expect(first.body.errors).toBeUndefined();
    expected = first.body;
    const hitsBefore = stack.responseCache.metrics().hits;
    expect((await stack.query(STATISTICS, undefined, DASHBOARD)).body).toEqual(expected);
    expect(stack.responseCache.metrics().hits).toBe(hitsBefore + 1);

    const responses = await redis.keys(`${keyPrefix}response:*`);
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatch(new RegExp(`^${keyPrefix}response:[0-9a-f]{64}$`));
    const ttl = await redis.pttl(responses[0]);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(TTL_SECONDS * 1000);
  });

  it("keeps a persisted query as its text under its sha256, with a TTL, and never its variables or its answer", async () => {
    const query = `query Order($id: ID!) { order(id: $id) { reference } }`;
    const sha256Hash = createHash("sha256").update(query).digest("hex");
    const orderId = SEED_CASE_IDS.cheshire.fullOrder;
    const registered = await stack.post(
      { query, variables: { id: orderId }, extensions: { persistedQuery: { version: 1, sha256Hash } } },
      { authorization: `Bearer ${await tokenFor(ANALYST)}` },
    );
    expect(registered.body.errors).toBeUndefined();
    // Under the registering caller's access: apq:<access>:<sha256>, and nowhere else.
    const keys = await redis.keys(`${keyPrefix}apq:*`);
    expect(keys).toEqual([`${keyPrefix}apq:${accessKeyOf(ANALYST)}:${sha256Hash}`]);
    expect(await redis.get(keys[0])).toBe(query);
    expect(await redis.pttl(keys[0])).toBeGreaterThan(0);
    const everything = await Promise.all((await redis.keys(`${keyPrefix}*`)).map((key) => redis.get(key)));
    expect(everything.filter((value) => value?.includes(orderId) || value?.includes(registered.body.data!.order.reference))).toEqual([]);
  });

  it("finds a persisted query only for callers of the registering caller's access, on Redis too", async () => {
    const query = `query Person($id: ID!) { person(id: $id) { id name { family } } }`;
    const persistedQuery = { version: 1, sha256Hash: createHash("sha256").update(query).digest("hex") };
    const variables = { id: SEED_CASE_IDS.cheshire.respondent };
    const as = async (principal: typeof ANALYST, body: Record<string, unknown>) =>
      stack.post({ variables, extensions: { persistedQuery }, ...body }, { authorization: `Bearer ${await tokenFor(principal)}` });
    const registered = await as(ANALYST, { query });
    expect(registered.body.errors).toBeUndefined();
    for (const other of [DASHBOARD, principalFor("force-officer", { kind: "forces", forces: ["07"] }, "officer-07")]) {
      expect((await as(other, {})).body).toEqual({
        errors: [{ message: "PersistedQueryNotFound", extensions: { code: "PERSISTED_QUERY_NOT_FOUND" } }],
      });
    }
    const peer = await as({ ...ANALYST, sub: "analyst-2" }, {});
    expect(peer.body.errors).toBeUndefined();
    expect(peer.body.data).toEqual(registered.body.data);
  });

  it("answers without the cache while Redis does not answer, and with it once Redis is back", async () => {
    proxy.pause();
    try {
      const errorsBefore = stack.responseCache.metrics().storeErrors;
      const response = await stack.query(STATISTICS, undefined, DASHBOARD);
      expect(response.status).toBe(200);
      expect(response.body).toEqual(expected);
      expect(stack.responseCache.metrics().storeErrors).toBeGreaterThan(errorsBefore);
    } finally {
      proxy.resume();
    }
    await cacheConnected();
    await stack.query(STATISTICS, undefined, DASHBOARD);
    const hitsBefore = stack.responseCache.metrics().hits;
    expect((await stack.query(STATISTICS, undefined, DASHBOARD)).body).toEqual(expected);
    expect(stack.responseCache.metrics().hits).toBe(hitsBefore + 1);
  });

  it("answers without the cache when Redis is gone", async () => {
    await proxy.kill();
    const errorsBefore = stack.responseCache.metrics().storeErrors;
    const responses = [await stack.query(STATISTICS, undefined, DASHBOARD), await stack.query(STATISTICS, undefined, DASHBOARD)];
    expect(responses.map((response) => response.body)).toEqual([expected, expected]);
    expect(stack.responseCache.metrics().storeErrors).toBeGreaterThan(errorsBefore);
  });

  it("starts and answers when Redis was never there", async () => {
    const orphan = await startTestStack({
      chunks: [seedCasesChunk()],
      clock: fixedClock(TODAY),
      responseCache: redisCache(`redis://127.0.0.1:${await closedPort()}`, keyPrefix),
    });
    try {
      const response = await orphan.query(STATISTICS, undefined, DASHBOARD);
      expect(response.body).toEqual(expected);
      expect(orphan.responseCache.metrics()).toMatchObject({ hits: 0, misses: 1 });
      expect(orphan.responseCache.metrics().storeErrors).toBeGreaterThan(0);
    } finally {
      await orphan.stop();
    }
  });
});

describeWithRedis("statistics invalidation by the consumers' progress on Redis Streams (subgraphs in other processes)", () => {
  let bus: RedisStreamBus;
  let progress: EventStreamProgress;
  beforeAll(async () => {
    bus = openTestRedisBus();
    progress = new EventStreamProgress({
      url: TEST_REDIS_URL,
      streamKeys: [bus.streamKey(STREAMS.hearingOutcomes.name)],
      commandTimeoutMs: 500,
    });
    await waitUntil(async () => !(await progress.fingerprint()).startsWith("unknown:"), "the progress reader is connected");
  });
  afterAll(async () => {
    progress?.close();
    await bus?.close();
  });

  it("changes once a consumer group has applied and acknowledged an event, never back to a value seen before, and not otherwise", async () => {
    const seenBeforeApplied = new Set([await progress.fingerprint()]);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let handling = false;
    const subscriptions = [
      bus.subscribe({
        stream: STREAMS.hearingOutcomes.name,
        group: "orders",
        consumer: "orders-test",
        handler: async () => {
          handling = true;
          await released;
        },
      }),
      bus.subscribe({ stream: STREAMS.hearingOutcomes.name, group: "breaches", consumer: "breaches-test", handler: async () => undefined }),
    ];
    try {
      await bus.publish(STREAMS.hearingOutcomes.name, [
        { id: "event-1", type: "HearingOutcomeRecorded", occurredAt: new Date().toISOString(), payload: {} },
      ]);
      await waitUntil(async () => (await bus.backlog(STREAMS.hearingOutcomes.name, "breaches")) === 0, "breaches applied the event");
      await waitUntil(async () => handling, "orders is applying the event");
      // Orders holds the event (its effect not committed): whatever is read now may be cached under these.
      seenBeforeApplied.add(await progress.fingerprint());
      release();
      await waitUntil(async () => (await bus.backlog(STREAMS.hearingOutcomes.name, "orders")) === 0, "orders applied the event");
      const applied = await progress.fingerprint();
      expect(seenBeforeApplied.has(applied)).toBe(false);
      expect(await progress.fingerprint()).toBe(applied);
    } finally {
      release();
      await Promise.all(subscriptions.map((subscription) => subscription.stop()));
    }
  });
});
