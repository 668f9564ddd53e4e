import { randomBytes } from "node:crypto";
import { STREAM_TOPOLOGY, TOPOLOGY } from "../domain/topology";
import { openEventBus } from "../platform/events/open-bus";
import { startSubgraph } from "../platform/subgraph/run";
import { SUBGRAPHS } from "../subgraphs/registry";
import { waitUntil } from "./support/events";
import { freePort } from "./support/redis-server-process";
import { TEST_DATABASE_URL } from "./support/services";
import { Client } from "pg";

/**
 * A subgraph whose Redis is unreachable (its reconnect loop running, its
 * consumers waiting on it) still stops: everything it runs ends well within
 * the process's grace period, and the connection's trouble is logged once per
 * change of state, not once per reconnect attempt.
 */
describe("stopping a subgraph whose Redis is unreachable", () => {
  const schema = `test_shutdown_${randomBytes(4).toString("hex")}`;
  const saved = { ...process.env };

  beforeAll(() => {
    Object.assign(process.env, {
      ORDERS_DATABASE_URL: TEST_DATABASE_URL,
      ORDERS_DATABASE_SCHEMA: schema,
      ORDERS_PORT: "0",
      // Never fetched: no request reaches it.
      GATEWAY_JWKS_URL: "http://127.0.0.1:9/jwks.json",
    });
  });
  afterAll(async () => {
    process.env = saved;
    if (!TEST_DATABASE_URL.startsWith("postgres")) return;
    const admin = new Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => admin.end());
  });

  it("ends its HTTP service, events and database within the grace period, logging Redis's trouble once", async () => {
    const logged: string[] = [];
    const bus = openEventBus(
      { kind: "redis", url: `redis://127.0.0.1:${await freePort()}`, keyPrefix: "test:shutdown" },
      STREAM_TOPOLOGY,
      (message) => logged.push(message),
    );
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      const running = await startSubgraph(SUBGRAPHS.orders, TOPOLOGY, bus);
      // Its consumers and relay are now waiting on a Redis that refuses every connection, which it retries.
      await waitUntil(async () => logged.some((line) => line.includes("[events] Redis unreachable")), "Redis is found unreachable");
      const GRACE_MS = 10_000;
      let timer: NodeJS.Timeout | undefined;
      const stopped = await Promise.race([
        (async () => {
          await running.stop();
          await bus.close();
          return "stopped";
        })(),
        new Promise((resolve) => {
          timer = setTimeout(() => resolve("still running"), GRACE_MS);
        }),
      ]);
      clearTimeout(timer);
      expect(stopped).toBe("stopped");
      // Several reconnect attempts, one line: the state changed once (reachable → unreachable).
      expect(logged.filter((line) => line.includes("[events] Redis unreachable"))).toHaveLength(1);
    } finally {
      log.mockRestore();
    }
  });
});
