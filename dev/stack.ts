import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { dataDir } from "../platform/config";
import { ensureDevKeys } from "./dev-keys";
import { envInt } from "../platform/env";
import { nameProcessLogger } from "../platform/log";

/**
 * npm start: the whole stack on one machine. Starts the four subgraphs (in one
 * child process, so court decisions reach orders and breaches over the
 * in-process event bus without Redis) and the gateway, waits until the gateway
 * is ready, prints how to use it, and on Ctrl-C stops every process and waits
 * for each to exit. docker-compose runs each subgraph in its own container, on Redis.
 */
const distRoot = path.resolve(__dirname, "..");
const gatewayPort = envInt("GATEWAY_PORT", 4000);
const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
const children = new Map<string, ChildProcess>();
// A developer's terminal: pretty lines from every process unless told otherwise (LOG_FORMAT=json).
const childEnv = { ...process.env, LOG_FORMAT: process.env.LOG_FORMAT ?? "pretty" };
process.env.LOG_FORMAT = childEnv.LOG_FORMAT;
const log = nameProcessLogger("stack");
let stopping = false;

function start(name: string, script: string): ChildProcess {
  // An IPC channel too: the gateway tells this process it is listening, so "ready" is said for our gateway only.
  const child = spawn(process.execPath, [path.join(distRoot, script)], {
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    env: childEnv,
  });
  children.set(name, child);
  child.on("exit", (code, signal) => {
    children.delete(name);
    if (!stopping) {
      log.error(`${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping everything`);
      void stopAll(1);
    }
  });
  return child;
}

/** Resolves when the child says it listens (the gateway's "listening" message); rejects if it exits first. */
function listening(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    child.on("message", (message: { listening?: string }) => {
      if (message?.listening) resolve();
    });
    child.once("exit", () => reject(new Error("the gateway exited before it listened (see its message above)")));
  });
}

async function stopAll(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  const exits = [...children.values()].map(
    (child) =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  );
  await Promise.all(exits);
  process.exit(exitCode);
}

async function waitUntilReady(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    // The gateway is ready before its subgraphs (it serves without them); the whole stack is ready when they are too.
    const ready = await fetch(`${gatewayUrl}/health/ready`, { signal: AbortSignal.timeout(3000) })
      .then(async (response) => {
        const body = (await response.json()) as { dependencies?: Record<string, string> };
        return response.ok && Object.values(body.dependencies ?? {}).every((state) => state === "ready");
      })
      .catch(() => false);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the gateway was not ready within ${timeoutMs / 1000} s`);
}

// Every request needs a bearer token: mint a dev one first (signed by the dev identity provider key under DATA_DIR/keys).
const EXAMPLE = `TOKEN=$(npm run token --silent -- --persona national-analyst)
curl -s ${gatewayUrl}/graphql -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\
  -d '{"query":"{ order(id: \\"spo-07-2020-0002\\") { reference kind status madeOn expiresOn applicantForce { name } court { name } } }"}'`;

async function main(): Promise<void> {
  process.once("SIGINT", () => void stopAll(0));
  process.once("SIGTERM", () => void stopAll(0));
  // Before any service starts, so they all read the same dev keys.
  await ensureDevKeys(dataDir());
  start("subgraphs", path.join("dev", "embedded-subgraphs.main.js"));
  const gateway = start("gateway", path.join("dev", "gateway.main.js"));
  // Only once our own gateway has bound its port does its readiness mean anything: another stack already
  // on the port would otherwise answer for it (and ours would fail on the port or the embedded databases' locks).
  await listening(gateway);
  // The first start loads the demo data into each embedded database, which takes a while.
  await waitUntilReady(10 * 60 * 1000);
  if (stopping) return;
  log.info(
    `SPO gateway ready: ${gatewayUrl}/graphql\nReporting dashboard: ${gatewayUrl}/dashboard (sign in as a persona)\n\nTry:\n${EXAMPLE}\n\nCtrl-C stops everything.\n`,
  );
}

main().catch((error: unknown) => {
  log.error(error instanceof Error ? error.message : String(error));
  void stopAll(1);
});
