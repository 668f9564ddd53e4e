import { execFile, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort, killProcess, spawnRedisServer } from "./redis-server-process";
import { waitUntil } from "./events";

const run = promisify(execFile);

export interface RedisClusterProcess {
  /** redis+cluster://127.0.0.1:<p1>,127.0.0.1:<p2>,… (every node, so any of them can be the one asked first). */
  url: string;
  ports: number[];
  /** `redis-cli` against one node: its reply, trimmed. */
  cli(port: number, ...args: string[]): Promise<string>;
  /** The port of the primary serving the key's slot, and of one of its replicas. */
  ownersOf(key: string): Promise<{ primary: number; replica: number }>;
  /** The replica takes over from its primary (CLUSTER FAILOVER, the coordinated kind: nothing acknowledged is lost). */
  failover(replica: number): Promise<void>;
  /** SIGKILL one node: gone with what it held. */
  kill(port: number): Promise<void>;
  /** Waits until the replica on `port` has been promoted (its primary gone) and the live nodes report cluster_state:ok. */
  waitForPromotion(port: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A Redis Cluster of the test's own: three primaries with a replica each, on loopback ports (from
 * TEST_REDIS_PORT_BASE when set, else free ones), persisting nothing, in a temporary folder for the
 * nodes' cluster files. Resolved once every node reports cluster_state:ok.
 */
export async function startRedisCluster(): Promise<RedisClusterProcess> {
  const base = process.env.TEST_REDIS_PORT_BASE ? Number(process.env.TEST_REDIS_PORT_BASE) : undefined;
  const ports: number[] = [];
  const busPorts: number[] = [];
  for (let i = 0; i < 6; i++) {
    ports.push(base === undefined ? await freePort() : base + i);
    busPorts.push(base === undefined ? await freePort() : base + 10 + i);
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "redis-cluster-"));
  const children: ChildProcess[] = [];
  const killed = new Set<number>();
  const cli = async (port: number, ...args: string[]) =>
    (await run("redis-cli", ["-h", "127.0.0.1", "-p", String(port), ...args], { timeout: 20_000 })).stdout.trim();
  const stop = async () => {
    await Promise.all(children.map(killProcess));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await Promise.all(ports.map((port, i) => launchNode(port, busPorts[i], dir, children)));
    await run(
      "redis-cli",
      ["--cluster", "create", ...ports.map((port) => `127.0.0.1:${port}`), "--cluster-replicas", "1", "--cluster-yes"],
      { timeout: 30_000 },
    );
    await waitUntil(
      async () => (await Promise.all(ports.map((port) => cli(port, "CLUSTER", "INFO")))).every((info) => info.includes("cluster_state:ok")),
      "every node of the cluster reports cluster_state:ok",
      30_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  const promoted = async (replica: number) => {
    await waitUntil(async () => (await cli(replica, "ROLE")).startsWith("master"), `the replica on ${replica} is a primary`, 30_000);
    const live = ports.filter((port) => !killed.has(port));
    await waitUntil(
      async () => (await Promise.all(live.map((port) => cli(port, "CLUSTER", "INFO")))).every((info) => info.includes("cluster_state:ok")),
      "the cluster is ok again after the failover",
      30_000,
    );
  };
  const ownersOf = async (key: string) => {
    const asked = ports.find((port) => !killed.has(port))!;
    const slot = Number(await cli(asked, "CLUSTER", "KEYSLOT", key));
    let owning: Shard | undefined;
    // A replica is listed once it has attached to its primary (after the cluster is created, or a failover).
    await waitUntil(
      async () => {
        owning = (await clusterSlots(cli, asked)).find((shard) => shard.from <= slot && slot <= shard.to);
        return owning !== undefined && owning.replicas.some((port) => !killed.has(port));
      },
      `a primary with a replica serves slot ${slot}`,
      30_000,
    );
    return { primary: owning!.primary, replica: owning!.replicas.find((port) => !killed.has(port))! };
  };
  return {
    url: `redis+cluster://${ports.map((port) => `127.0.0.1:${port}`).join(",")}`,
    ports,
    cli,
    ownersOf,
    async failover(replica) {
      await cli(replica, "CLUSTER", "FAILOVER");
      await promoted(replica);
    },
    async kill(port) {
      killed.add(port);
      await killProcess(children[ports.indexOf(port)]);
    },
    waitForPromotion: (port) => promoted(port),
    stop,
  };
}

async function launchNode(port: number, busPort: number, dir: string, children: ChildProcess[]): Promise<void> {
  const args = ["--port", String(port), "--cluster-port", String(busPort), "--bind", "127.0.0.1", "--cluster-enabled", "yes"];
  args.push("--cluster-config-file", path.join(dir, `nodes-${port}.conf`), "--cluster-node-timeout", "2000");
  args.push("--dir", dir, "--save", "", "--appendonly", "no");
  await spawnRedisServer(args, `redis-server on ${port}`, (child) => children.push(child));
}

/** CLUSTER SLOTS as ranges with the ports of their primary and replicas (redis-cli prints one value a line). */
interface Shard {
  from: number;
  to: number;
  primary: number;
  replicas: number[];
}

async function clusterSlots(cli: (port: number, ...args: string[]) => Promise<string>, port: number): Promise<Shard[]> {
  const shards = JSON.parse(await cli(port, "--json", "CLUSTER", "SLOTS")) as [number, number, ...[string, number, string][]][];
  return shards.map(([from, to, primary, ...replicas]) => ({
    from,
    to,
    primary: Number(primary[1]),
    replicas: replicas.map((node) => Number(node[1])),
  }));
}
