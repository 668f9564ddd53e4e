import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { STREAM_TOPOLOGY, TOPOLOGY } from "../domain/topology";
import { readShutdownGraceMs } from "../platform/config";
import { openEventBus } from "../platform/events/open-bus";
import { startSubgraph } from "../platform/subgraph/run";
import { SUBGRAPHS } from "../subgraphs/registry";
import { waitUntil } from "./support/events";
import { freePort } from "./support/redis-server-process";
import { BUILD_AND_START_MS, startBuilt, type BuiltProcess } from "./support/built-process";
import { isPostgresAvailable, TEST_DATABASE_URL } from "./support/services";
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
    // Where ioredis would print its "Unhandled error event" traces, were an error event unheard.
    const printed: string[] = [];
    const errors = jest.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void printed.push(parts.map(String).join(" ")));
    try {
      const running = await startSubgraph(SUBGRAPHS.orders, TOPOLOGY, bus);
      // Its consumers and relay are now waiting on a Redis that refuses every connection, which it retries.
      await waitUntil(
        async () => logged.some((line) => line.includes("[events] Redis (REDIS_URL) unreachable")),
        "Redis is found unreachable",
      );
      const GRACE_MS = readShutdownGraceMs();
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
      expect(logged.filter((line) => line.includes("[events] Redis (REDIS_URL) unreachable"))).toHaveLength(1);
      expect(printed.filter((line) => line.includes("Unhandled error event"))).toEqual([]);
    } finally {
      log.mockRestore();
      errors.mockRestore();
    }
  });
});

/**
 * The same, as production runs it: the orders subgraph's compiled main in a
 * process of its own, its REDIS_URL a port nothing listens on. SIGTERM ends
 * the process, cleanly (exit 0, not the grace period's forced exit), before
 * SHUTDOWN_GRACE_MS; ioredis never prints its "Unhandled error event" traces
 * and the outage is logged once.
 */
describe("a subgraph process whose Redis is unreachable, on SIGTERM", () => {
  const schema = `test_shutdown_${randomBytes(4).toString("hex")}`;
  let dataDir: string;
  let child: BuiltProcess | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "spo-shutdown-"));
  });
  afterAll(async () => {
    await child?.kill();
    rmSync(dataDir, { recursive: true, force: true });
    if (!(await isPostgresAvailable())) return;
    const admin = new Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => admin.end());
  });

  it(
    "exits 0 within SHUTDOWN_GRACE_MS, having logged the outage once and no ioredis trace",
    async () => {
      const graceMs = readShutdownGraceMs();
      // Its own Postgres schema when the test Postgres answers, else embedded PGlite in a folder of its own.
      const database: Record<string, string> = (await isPostgresAvailable())
        ? { ORDERS_DATABASE_URL: TEST_DATABASE_URL, ORDERS_DATABASE_SCHEMA: schema }
        : {};
      child = startBuilt("dist/subgraphs/orders/main.js", {
        ...database,
        DATA_DIR: dataDir,
        ORDERS_PORT: "0",
        REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
        // Never fetched: no request reaches it.
        GATEWAY_JWKS_URL: "http://127.0.0.1:9/jwks.json",
        SHUTDOWN_GRACE_MS: String(graceMs),
      });
      const [, url] = await child.waitForLine(/"msg":"listening on (http:[^"\s]+)/, "the subgraph listens");
      await child.waitForLine(/\[events\] Redis \(REDIS_URL\) unreachable/, "it finds Redis unreachable", 30_000);
      // Ready (it serves from its database; Redis is reported, not fatal). Answering takes the one-second
      // Redis ping bound, through several of ioredis's reconnect attempts.
      const readiness = await fetch(new URL("/health/ready", url));
      expect(readiness.status).toBe(200);
      expect(await readiness.json()).toMatchObject({
        status: "ready",
        checks: { database: "ready" },
        dependencies: { redis: "not answering" },
      });

      const signalledAt = Date.now();
      child.signal("SIGTERM");
      let bound: NodeJS.Timeout | undefined;
      // Waited for a little past the grace period, so a process that overstays is seen doing so (and killed after).
      const outcome = await Promise.race([
        child.exited.then((exit) => ({ ...exit, afterMs: Date.now() - signalledAt })),
        new Promise<"still running">((resolve) => {
          bound = setTimeout(() => resolve("still running"), graceMs + 5_000);
        }),
      ]);
      clearTimeout(bound);
      expect(outcome).toEqual({ code: 0, signal: null, afterMs: expect.any(Number) });
      expect(outcome !== "still running" && outcome.afterMs).toBeLessThan(graceMs);

      const lines = child.lines();
      // Its log is JSON, one object a line (platform/log.ts).
      expect(lines.filter((line) => line.includes('"subgraph":"orders"') && line.includes('"msg":"stopping"'))).toHaveLength(1);
      // Stopped by itself, not by the grace period's forced exit.
      expect(lines.filter((line) => line.includes("did not stop within"))).toEqual([]);
      expect(lines.filter((line) => line.includes("Unhandled error event"))).toEqual([]);
      // One change of state (reachable → unreachable), one line, however many reconnect attempts.
      expect(lines.filter((line) => line.includes("[events] Redis (REDIS_URL) unreachable"))).toHaveLength(1);
    },
    BUILD_AND_START_MS + 60_000,
  );
});
