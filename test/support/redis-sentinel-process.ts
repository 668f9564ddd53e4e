import { execFile, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { waitUntil } from "./events";
import { freePort, killProcess, spawnRedisServer } from "./redis-server-process";

const run = promisify(execFile);
const NAME = "spo-primary";

export interface RedisSentinelProcess {
  /** redis+sentinel://127.0.0.1:<sentinel>/spo-primary */
  url: string;
  /** The data nodes' ports: the primary first, then its replica. */
  primary: number;
  replica: number;
  /** Where the Sentinel says the primary is now. */
  currentPrimary(): Promise<number>;
  /**
   * SENTINEL FAILOVER: the replica promoted; resolved once the Sentinel names it, it answers as a primary and
   * the old primary replicates from it.
   */
  failover(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A primary, its replica and one Sentinel watching them (quorum 1), on loopback ports (from
 * TEST_REDIS_PORT_BASE + 20 when set, else free ones), persisting nothing. Resolved once the Sentinel knows
 * the replica and the replica's link to the primary is up.
 */
export async function startRedisSentinel(): Promise<RedisSentinelProcess> {
  const base = process.env.TEST_REDIS_PORT_BASE ? Number(process.env.TEST_REDIS_PORT_BASE) + 20 : undefined;
  const [primary, replica, sentinel] =
    base === undefined ? [await freePort(), await freePort(), await freePort()] : [base, base + 1, base + 2];
  const dir = await mkdtemp(path.join(os.tmpdir(), "redis-sentinel-"));
  const children: ChildProcess[] = [];
  const track = (child: ChildProcess) => children.push(child);
  const cli = async (port: number, ...args: string[]) =>
    (await run("redis-cli", ["-h", "127.0.0.1", "-p", String(port), ...args], { timeout: 20_000 })).stdout.trim();
  const stop = async () => {
    await Promise.all(children.map(killProcess));
    await rm(dir, { recursive: true, force: true });
  };
  const data = (port: number) => ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir];
  const currentPrimary = async () => Number((await cli(sentinel, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", NAME)).split("\n")[1]);
  try {
    await spawnRedisServer(data(primary), "the primary", track);
    await spawnRedisServer([...data(replica), "--replicaof", "127.0.0.1", String(primary)], "the replica", track);
    // A Sentinel rewrites its configuration file: one of its own in the temporary folder.
    const config = path.join(dir, "sentinel.conf");
    await writeFile(
      config,
      [
        `port ${sentinel}`,
        "bind 127.0.0.1",
        `dir ${dir}`,
        `sentinel monitor ${NAME} 127.0.0.1 ${primary} 1`,
        `sentinel down-after-milliseconds ${NAME} 2000`,
        `sentinel failover-timeout ${NAME} 10000`,
        "",
      ].join("\n"),
    );
    await spawnRedisServer([config, "--sentinel"], "the Sentinel", track);
    await waitUntil(
      async () =>
        (await cli(replica, "INFO", "replication")).includes("master_link_status:up") &&
        (await cli(sentinel, "SENTINEL", "REPLICAS", NAME)).includes(String(replica)),
      "the replica is in sync and known to the Sentinel",
      30_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `redis+sentinel://127.0.0.1:${sentinel}/${NAME}`,
    primary,
    replica,
    currentPrimary,
    async failover() {
      const before = await currentPrimary();
      await cli(sentinel, "SENTINEL", "FAILOVER", NAME);
      await waitUntil(async () => (await currentPrimary()) !== before, "the Sentinel names another primary", 30_000);
      const after = await currentPrimary();
      await waitUntil(async () => (await cli(after, "ROLE")).startsWith("master"), `the node on ${after} answers as a primary`, 30_000);
      // The old primary is demoted by the Sentinel a moment after the promotion; until then it still takes
      // writes that the resync then discards (asynchronous replication: docs/operations.md, Redis).
      await waitUntil(
        async () => (await cli(before, "INFO", "replication")).includes("master_link_status:up"),
        `the old primary on ${before} replicates from the new one`,
        30_000,
      );
    },
    stop,
  };
}
