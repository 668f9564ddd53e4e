import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import net from "node:net";

export interface RedisServerProcess {
  port: number;
  url: string;
  /** SIGKILL: gone with everything it held (it keeps nothing on disk). */
  kill(): Promise<void>;
  /** A fresh, empty server on the same port. */
  restart(): Promise<void>;
}

/** A free loopback port (taken, then released). */
export async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A redis-server of the test's own on a free loopback port, persisting
 * nothing (--save "" --appendonly no): killing and restarting it is Redis
 * losing its data. Resolved once it accepts connections (its own log line).
 */
export async function startRedisServer(port?: number): Promise<RedisServerProcess> {
  const chosen = port ?? (await freePort());
  let child: ChildProcess | undefined;
  const launch = async () => {
    const started = spawn("redis-server", ["--port", String(chosen), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    child = started;
    await new Promise<void>((resolve, reject) => {
      let output = "";
      const timer = setTimeout(() => reject(new Error("redis-server did not start within 10 s")), 10_000);
      started.stdout!.on("data", (chunk: Buffer) => {
        output += chunk.toString("utf8");
        if (output.includes("Ready to accept connections")) {
          clearTimeout(timer);
          resolve();
        }
      });
      started.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited before it was ready (code ${code})`));
      });
    });
  };
  const kill = async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGKILL");
    await exited;
  };
  await launch();
  return {
    port: chosen,
    url: `redis://127.0.0.1:${chosen}`,
    kill,
    async restart() {
      await kill();
      await launch();
    },
  };
}

/**
 * Spawns a redis-server (or Sentinel) with these arguments, handing the process to `track` at once (so a
 * failed start is still torn down); resolved once it logs that it accepts connections.
 */
export async function spawnRedisServer(args: string[], label: string, track: (child: ChildProcess) => void): Promise<ChildProcess> {
  const child = spawn("redis-server", args, { stdio: ["ignore", "pipe", "inherit"] });
  track(child);
  await new Promise<void>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`${label} did not start within 10 s`)), 10_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      // A Sentinel says it is monitoring its primary ("+monitor"), a server that it is ready.
      if (output.includes("Ready to accept connections") || output.includes("+monitor")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited before it was ready (code ${code})`));
    });
  });
  return child;
}

/** SIGKILL, and wait until it is gone. */
export async function killProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGKILL");
  await exited;
}
