import { Client } from "pg";
import { SUBGRAPH_NAMES } from "../domain/topology";
import { fixedClock } from "../platform/clock";
import { generateDataset } from "../dev/dataset/generate";
import { SEED_CASE_IDS } from "../dev/dataset/seed-cases";
import { waitUntil } from "./support/events";
import { startProxyProcess, type ProxyProcess } from "./support/proxy-process";
import { TEST_DATABASE_URL } from "./support/services";
import { startTestStack, type GraphQLHttpResponse, type TestStack } from "./support/stack";
import { CHESHIRE } from "./support/access-spec";
import { principalFor } from "./support/identity";

/**
 * A subgraph that hangs or dies, and database connections cut under traffic:
 * the gateway answers with what the other subgraphs have and a masked
 * SUBGRAPH_UNAVAILABLE error, and everything recovers without a restart.
 * Loopback only; every wait is on a condition, bounded.
 */
const QUERY = `query($order: ID!, $person: ID!) {
  forces { code }
  order(id: $order) { reference }
  person(id: $person) { name { family } spoStatus }
}`;
const REPORT = `mutation($input: ReportBreachInput!) { reportBreach(input: $input) { id status } }`;
const VARIABLES = { order: SEED_CASE_IDS.cheshire.fullOrder, person: SEED_CASE_IDS.cheshire.respondent };
/** The recovery bound the API promises: back in use within 5 s of the subgraph's return. */
const RECOVERY_MS = 5_000;

const isComplete = (response: GraphQLHttpResponse) =>
  response.status === 200 &&
  response.body.errors === undefined &&
  response.body.data?.order?.reference !== undefined &&
  response.body.data?.person?.spoStatus !== undefined;

function expectOrdersUnavailable(response: GraphQLHttpResponse): void {
  expect(response.status).toBe(200);
  // The people subgraph's data is there; what needed orders is null (person: its non-null spoStatus nulls it).
  expect(response.body.data!.forces).toHaveLength(45);
  expect(response.body.data!.order).toBeNull();
  expect(response.body.data!.person).toBeNull();
  const unavailable = {
    message: "A service this request needs is unavailable",
    extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: "orders" },
  };
  expect(response.body.errors).toEqual(
    expect.arrayContaining([
      { ...unavailable, path: ["order"] },
      { ...unavailable, path: ["person"] },
    ]),
  );
  // Nothing else: no timeout or socket detail, no hostnames, no stack.
  for (const error of response.body.errors!) expect(error).toEqual({ ...unavailable, path: error.path });
}

describe("the gateway under a faulty subgraph", () => {
  let stack: TestStack;
  let proxy: ProxyProcess;
  let ordersPort: number;

  beforeAll(async () => {
    stack = await startTestStack({
      chunks: [...generateDataset({ orders: 30, seed: 3 })],
      clock: fixedClock("2026-11-22"),
      // Orders' timeout short enough to keep the test quick (the production default is 3 s); the others keep
      // theirs, so a loaded machine slowing them is not mistaken for the fault under test.
      subgraphFetch: { timeoutMsBySubgraph: { orders: 1_000 }, breakerResetMs: 300 },
      routeSubgraphs: async (urls) => {
        ordersPort = Number(new URL(urls.orders).port);
        proxy = await startProxyProcess(ordersPort);
        return { orders: `http://127.0.0.1:${proxy.port}/graphql` };
      },
    });
  });
  afterAll(async () => {
    await proxy?.kill();
    await stack?.stop();
  });

  const ask = () => stack.query(QUERY, VARIABLES);

  it("answers in full through the proxy (the control)", async () => {
    expect(isComplete(await ask())).toBe(true);
  });

  it("stopped (SIGSTOP) under steady traffic: the circuit opens before any call times out, then fails fast; recovery after SIGCONT", async () => {
    const breaker = stack.subgraphBreakers().orders;
    const before = { ...breaker.stats };
    let failuresWhenOpened: number | undefined;
    const onOpen = () => (failuresWhenOpened ??= breaker.stats.failures - before.failures);
    breaker.on("open", onOpen);
    proxy.pause();
    try {
      // Steady traffic: three callers, several requests each, every one answered (none hangs), each partial.
      const callers = Array.from({ length: 3 }, async () => {
        for (let i = 0; i < 5; i += 1) expectOrdersUnavailable(await ask());
      });
      await Promise.all(callers);
      // Opened by the hang watch: nothing answered while calls waited, so it did not wait for their timeouts.
      expect(failuresWhenOpened).toBe(0);
      // Once open, calls fail fast without reaching the subgraph.
      expect(breaker.stats.rejects - before.rejects).toBeGreaterThan(0);
    } finally {
      breaker.off("open", onOpen);
      proxy.resume();
    }
    await waitUntil(async () => isComplete(await ask()), "answers in full again after SIGCONT", RECOVERY_MS);
  });

  it("killed under steady traffic: partial data and a masked error, then recovery when it is back on its port", async () => {
    const port = proxy.port;
    await proxy.kill();
    for (let i = 0; i < 6; i += 1) expectOrdersUnavailable(await ask());
    // The gateway still serves everything orders is not in: ready, with orders named in the body.
    const readiness = await fetch(new URL("/health/ready", stack.gatewayUrl));
    expect(readiness.status).toBe(200);
    expect(await readiness.json()).toEqual({
      status: "ready",
      checks: { supergraph: "ready", "audit store": "ready" },
      dependencies: {
        "subgraph people": "ready",
        "subgraph orders": expect.stringMatching(/^(unreachable|circuit open)/),
        "subgraph hearings": "ready",
        "subgraph breaches": "ready",
      },
    });
    proxy = await startProxyProcess(ordersPort, port);
    await waitUntil(async () => isComplete(await ask()), "answers in full again after the restart", RECOVERY_MS);
  });

  it("keeps serving after every database connection of every subgraph is cut under traffic", async () => {
    // Only this stack's connections: each subgraph's pool names itself after its own schema.
    const admin = new Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      const traffic = Promise.all(Array.from({ length: 8 }, () => ask()));
      const { rows } = await admin.query<{ terminated: boolean }>(
        `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
         WHERE datname = current_database() AND application_name = ANY($1)`,
        [await stackApplicationNames(admin)],
      );
      expect(rows.length).toBeGreaterThanOrEqual(SUBGRAPH_NAMES.length);
      await traffic; // answered one way or another; what matters is what follows
      await waitUntil(async () => isComplete(await ask()), "answers in full with fresh connections", RECOVERY_MS);
      const after = await Promise.all(Array.from({ length: 4 }, () => ask()));
      expect(after.every(isComplete)).toBe(true);
    } finally {
      await admin.end();
    }
  });

  it("keeps every write exactly once through repeated connection terminations under load; retries with their keys complete them", async () => {
    const admin = new Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    const officer = principalFor("force-officer", { kind: "forces", forces: [CHESHIRE.forceCode] });
    const write = (key: string) =>
      stack.query(
        REPORT,
        {
          input: {
            orderId: CHESHIRE.orderId,
            offenceType: "BREACH_OF_ORDER",
            occurredOn: "2024-06-03",
            description: `chaos ${key}`,
            idempotencyKey: key,
          },
        },
        officer,
      );
    const keys = Array.from({ length: 24 }, (_, i) => `chaos-write-${i}`);
    try {
      const names = await stackApplicationNames(admin);
      // Three rounds: a third of the writes in flight while every connection of the stack is cut.
      for (let round = 0; round < 3; round += 1) {
        const writes = Promise.all(keys.slice(round * 8, round * 8 + 8).map(write));
        await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = ANY($1)`,
          [names],
        );
        await writes; // answered one way or another (a retryable error at worst); the process is alive
      }
      // Every write retried with its key until it answers (bounded): the ones that committed answer the same again.
      for (const key of keys) {
        await waitUntil(async () => (await write(key)).body.data?.reportBreach?.id !== undefined, `write ${key} completes`, RECOVERY_MS);
      }
      const rows = await stack.databases.breaches.db.query<{ description: string; n: number }>(
        `SELECT description, count(*)::int AS n FROM breach_offence WHERE description LIKE 'chaos chaos-write-%' GROUP BY description`,
      );
      expect(rows).toHaveLength(keys.length);
      expect(rows.every((row) => row.n === 1)).toBe(true);
      expect(isComplete(await ask())).toBe(true);
    } finally {
      await admin.end();
    }
  });

  /** The application names of this stack's pools, found from the schemas its subgraphs' tables live in. */
  async function stackApplicationNames(admin: Client): Promise<string[]> {
    const names: string[] = [];
    for (const name of SUBGRAPH_NAMES) {
      const [{ schema }] = await stack.databases[name].db.query<{ schema: string }>("SELECT current_schema() AS schema");
      names.push(`spo-${schema}`);
    }
    // The gateway's audit store too: a request's record is written on a connection of its own.
    const [{ schema: auditSchema }] = await stack.audit.db.query<{ schema: string }>("SELECT current_schema() AS schema");
    names.push(`spo-${auditSchema}`);
    const { rows } = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = ANY($1)`, [
      names,
    ]);
    expect(rows[0].n).toBeGreaterThan(0);
    return names;
  }
});
