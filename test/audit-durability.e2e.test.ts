import { fixedClock } from "../platform/clock";
import { seedCasesChunk, SEED_CASE_IDS } from "../dev/dataset/seed-cases";
import { findAuditRecords } from "../platform/audit/store";
import { verifyAuditChain } from "../platform/audit/verify";
import type { Principal } from "../platform/identity/principal";
import { waitUntil } from "./support/events";
import { principalFor, tokenFor } from "./support/identity";
import { startTestStack, type TestStack } from "./support/stack";

/**
 * The audit trail under load and failure: no response with
 * personal data leaves without its record, group commit loses and duplicates
 * nothing, and a store that goes away mid-traffic withholds responses (503)
 * while estate data and statistics keep working.
 */
const PERSON = `query($id: ID!) { person(id: $id) { name { family } } }`;
const RESPONDENT = SEED_CASE_IDS.cheshire.respondent;
const DASHBOARD = principalFor("reporting-dashboard", { kind: "national" }, "dashboard-svc");

interface Outcome {
  status: number;
  requestId: string | null;
  body: { data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

describe("audit trail durability", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      chunks: [seedCasesChunk()],
      clock: fixedClock("2026-11-23"),
      // What is specified is one record per response and a withheld response per failed write, not how fast:
      // 50 clients share the test stack's one event loop, so on a busy machine a subgraph call or a group commit
      // can outlast the production budgets. A write that fails (the store gone) fails at once, whatever the bound.
      subgraphFetch: { timeoutMs: 30_000 },
      auditWriteTimeoutMs: 30_000,
    });
  });
  afterAll(() => stack?.stop());

  async function send(token: string, query: string, variables?: Record<string, unknown>): Promise<Outcome> {
    const response = await fetch(stack.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, requestId: response.headers.get("x-request-id"), body: (await response.json()) as Outcome["body"] };
  }

  async function recordedRequestIds(sub: string): Promise<string[]> {
    return (await findAuditRecords(stack.audit.db, { sub, limit: 1_000_000 })).map((record) => record.requestId);
  }

  it("2,000 requests from 50 concurrent clients give exactly 2,000 records, one per response", async () => {
    const clients = Array.from({ length: 50 }, (_, n) => principalFor("national-analyst", { kind: "national" }, `load-client-${n}`));
    const tokens = await Promise.all(clients.map((client) => tokenFor(client)));
    const outcomes = await Promise.all(
      tokens.map(async (token) => {
        const mine: Outcome[] = [];
        for (let i = 0; i < 40; i += 1) mine.push(await send(token, PERSON, { id: RESPONDENT }));
        return mine;
      }),
    );
    const all = outcomes.flat();
    expect(all).toHaveLength(2000);
    expect(all.filter((outcome) => outcome.status === 200 && outcome.body.data?.person?.name.family === "Fictionby")).toHaveLength(2000);

    const recorded = (await Promise.all(clients.map((client) => recordedRequestIds(client.sub)))).flat();
    expect(recorded).toHaveLength(2000);
    expect(new Set(recorded)).toEqual(new Set(all.map((outcome) => outcome.requestId)));
    expect((await verifyAuditChain(stack.audit.db)).problem).toBeNull();
  });

  it("with the store gone mid-traffic, personal data is withheld (503) and only recorded responses were sent; estate data and statistics keep working", async () => {
    const officers: Principal[] = Array.from({ length: 4 }, (_, n) =>
      principalFor("force-officer", { kind: "forces", forces: ["07"] }, `outage-officer-${n}`),
    );
    const tokens = await Promise.all(officers.map((officer) => tokenFor(officer)));
    const outcomes: Outcome[] = [];
    let running = true;
    const traffic = tokens.map(async (token) => {
      while (running) outcomes.push(await send(token, PERSON, { id: RESPONDENT }));
    });
    const count = (status: number) => outcomes.filter((outcome) => outcome.status === status).length;

    try {
      await waitUntil(async () => count(200) >= 20, "traffic answered normally");
      // The store becomes unavailable under the running traffic: every write from now on fails.
      await stack.audit.db.query(`ALTER TABLE audit_record RENAME TO audit_record_unavailable`);
      await waitUntil(async () => count(503) >= 20, "responses withheld");

      const dashboardToken = await tokenFor(DASHBOARD);
      const statistics = await send(
        dashboardToken,
        `{ spoStatistics(from: "2026-01-01", to: "2026-12-31", groupBy: NATIONAL) { activeOrders } }`,
      );
      expect(statistics.status).toBe(200);
      expect(statistics.body.data!.spoStatistics).toHaveLength(1);
      const reference = await send(tokens[0], `{ forces { code } courts(force: "07") { code } }`);
      expect(reference.status).toBe(200);
      expect(reference.body.data!.courts.length).toBeGreaterThan(0);
    } finally {
      running = false;
      await Promise.all(traffic);
    }
    await stack.audit.db.query(`ALTER TABLE audit_record_unavailable RENAME TO audit_record`);

    const recorded = new Set((await Promise.all(officers.map((officer) => recordedRequestIds(officer.sub)))).flat());
    for (const outcome of outcomes) {
      if (outcome.status === 200) {
        expect(outcome.body.data!.person).toEqual({ name: { family: "Fictionby" } });
        expect(recorded.has(outcome.requestId!)).toBe(true);
      } else {
        expect(outcome.status).toBe(503);
        expect(outcome.body).toEqual({
          errors: [{ message: expect.stringMatching(/audit trail is unavailable/), extensions: { code: "AUDIT_UNAVAILABLE" } }],
        });
        expect(recorded.has(outcome.requestId!)).toBe(false);
      }
    }
    expect(recorded.size).toBe(count(200));
    // Each withheld response was logged by request id and error code only: nothing about whom it concerned.
    expect(stack.auditLog.length).toBeGreaterThanOrEqual(count(503));
    for (const line of stack.auditLog) {
      expect(line).toMatch(/^\[audit\] could not write the record of request [0-9a-f-]{36} \(42P01\); its response was withheld$/);
    }

    // Back: answered and recorded again, and the chain is unbroken across the outage.
    const after = await send(tokens[0], PERSON, { id: RESPONDENT });
    expect(after.status).toBe(200);
    expect(await recordedRequestIds(officers[0].sub)).toContain(after.requestId);
    expect((await verifyAuditChain(stack.audit.db)).problem).toBeNull();
  });
});
