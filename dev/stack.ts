import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { DEFAULT_SUBGRAPH_PORTS, SUBGRAPH_NAMES } from "../domain/topology";
import { readGatewayConfig } from "../gateway/config";
import { dataDir, readSubgraphsEnv } from "../platform/config";
import { describeStartFailure } from "../platform/errors/error-log";
import { ensureDevKeys } from "./dev-keys";
import { nameProcessLogger } from "../platform/log";
import { takenPorts, type WantedPort } from "./ports";

/**
 * npm start: the whole stack on one machine. Starts the four subgraphs (in one
 * child process, so court decisions reach orders and breaches over the
 * in-process event bus without Redis) and the gateway, waits until the gateway
 * is ready, prints how to use it, and on Ctrl-C stops every process and waits
 * for each to exit. docker-compose runs each subgraph in its own container, on Redis.
 */
const distRoot = path.resolve(__dirname, "..");
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

async function waitUntilReady(gatewayUrl: string, timeoutMs: number): Promise<void> {
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
const example = (gatewayUrl: string) => `TOKEN=$(npm run token --silent -- --persona national-analyst)
curl -s ${gatewayUrl}/graphql -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\
  -d '{"query":"{ order(id: \\"spo-07-2020-0002\\") { reference kind status madeOn expiresOn applicantForce { name } court { name } } }"}'`;

/**
 * Every port this stack would listen on, from the services' own configuration (which is validated on the way:
 * a bad setting is said here once, before any process starts).
 */
function wantedPorts(): { host: string; ports: WantedPort[] } {
  const gateway = readGatewayConfig();
  const { subgraphs } = readSubgraphsEnv(SUBGRAPH_NAMES, DEFAULT_SUBGRAPH_PORTS);
  return {
    host: gateway.host,
    ports: [
      { owner: "gateway", variable: "GATEWAY_PORT", port: gateway.port },
      ...SUBGRAPH_NAMES.map((name) => ({ owner: `${name} subgraph`, variable: `${name.toUpperCase()}_PORT`, port: subgraphs[name].port })),
    ],
  };
}

async function main(): Promise<void> {
  process.once("SIGINT", () => void stopAll(0));
  process.once("SIGTERM", () => void stopAll(0));
  let wanted: ReturnType<typeof wantedPorts>;
  try {
    wanted = wantedPorts();
  } catch (error) {
    log.fatal(`cannot start: ${describeStartFailure(error)}`);
    process.exit(1);
  }
  // Another stack (or anything else) on one of our ports would answer for ours, or make half of ours fail: refuse at once.
  const taken = await takenPorts(wanted.ports, wanted.host);
  if (taken.length > 0) {
    log.fatal(
      `cannot start: ${taken.join("; ")}. Stop what holds it (another npm start?), or give this stack other ports (GATEWAY_PORT, <NAME>_PORT with <NAME>_URL).`,
    );
    process.exit(1);
  }
  const gatewayUrl = `http://127.0.0.1:${wanted.ports[0].port}`;
  // Before any service starts, so they all read the same dev keys.
  await ensureDevKeys(dataDir());
  start("subgraphs", path.join("dev", "embedded-subgraphs.main.js"));
  const gateway = start("gateway", path.join("dev", "gateway.main.js"));
  // Only once our own gateway has bound its port does its readiness mean anything: another stack already
  // on the port would otherwise answer for it (and ours would fail on the port or the embedded databases' locks).
  await listening(gateway);
  // The first start loads the demo data into each embedded database, which takes a while.
  await waitUntilReady(gatewayUrl, 10 * 60 * 1000);
  if (stopping) return;
  log.info(
    `SPO gateway ready: ${gatewayUrl}/graphql\nReporting dashboard: ${gatewayUrl}/dashboard (sign in as a persona)\nGraphiQL: ${gatewayUrl}/graphiql (paste a token from npm run token)\n\nTry:\n${example(gatewayUrl)}\n\nCtrl-C stops everything.\n`,
  );
}

main().catch((error: unknown) => {
  log.error(error instanceof Error ? error.message : String(error));
  void stopAll(1);
});
