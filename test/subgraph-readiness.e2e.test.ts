import { once } from "node:events";
import net from "node:net";
import { Redis } from "ioredis";
import { fixedClock } from "../platform/clock";
import { RedisStreamBus } from "../platform/events/redis-stream-bus";
import { listen } from "../platform/http";
import { buildSubgraph } from "../platform/subgraph/build";
import { SUBGRAPHS } from "../subgraphs/registry";
import { openTestDatabase } from "./support/database";
import { openTestRedisBus } from "./support/events";
import { testKeys } from "./support/identity";
import { describeWithRedis } from "./support/describe-with-redis";

/** A loopback port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function deadBus(): Promise<RedisStreamBus> {
  const redis = new Redis({ host: "127.0.0.1", port: await closedPort(), maxRetriesPerRequest: null, retryStrategy: () => 200 });
  redis.on("error", () => undefined);
  return new RedisStreamBus(redis, { keyPrefix: "test:dead" });
}

describeWithRedis("a subgraph's readiness names its database and Redis", () => {
  it("reports Redis ready when it answers, and not answering (within a second) when it does not", async () => {
    const live = openTestRedisBus();
    const dead = new RedisStreamBus(
      new Redis({ host: "127.0.0.1", port: await closedPort(), lazyConnect: true, maxRetriesPerRequest: null }),
      { keyPrefix: "test:dead" },
    );
    try {
      expect(await live.health()).toBe("ready");
      expect(await dead.health()).toBe("not answering");
    } finally {
      await live.close();
      await dead.close();
    }
  });

  it.each([
    ["answering", () => openTestRedisBus(), "ready", "ready"],
    // Redis down is reported, not fatal: writes go to the outbox, reads need no Redis.
    [
      "down",
      async () => deadBus(),
      "not answering",
      expect.stringMatching(/^(not answering|orders on hearing-outcomes: cannot tell the backlog)/),
    ],
  ])("answers /health/ready 200 with its database required and Redis (%s) reported by name", async (_, openBus, redis, events) => {
    const database = await openTestDatabase(SUBGRAPHS.orders);
    const bus = await openBus();
    const server = await buildSubgraph(
      SUBGRAPHS.orders,
      {},
      { db: database.db, clock: fixedClock("2026-11-22"), gatewayKeys: (await testKeys()).gatewayPublicKeys, bus },
    );
    await server.apollo.start();
    const running = await listen(server.createHttpService(), 0);
    try {
      const response = await fetch(`http://127.0.0.1:${running.port}/health/ready`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: "ready", checks: { database: "ready" }, dependencies: { redis, events } });
    } finally {
      await running.close();
      await server.apollo.stop();
      await bus.close();
      await database.dispose();
    }
  });
});
