import { randomUUID } from "node:crypto";
import { STREAMS } from "../../../domain/topology";
import type { Principal } from "../../../platform/identity/principal";
import { forcesInRegion } from "../../../platform/estate";
import { Region } from "../../../domain/region";
import type { SubgraphServer } from "../../../platform/subgraph/subgraph";
import { ORDER_FACTS_CHANGED, type OrderFacts } from "../../../domain/order-facts/order-facts";
import { emptyChunk, type TestDatabase } from "../../../test/support/database";
import { executeOnSubgraph } from "../../../test/support/execute";
import { principalFor, withEveryScope } from "../../../test/support/identity";
import { order } from "../../../test/support/rows";
import { startSubgraphUnderTest } from "../../../test/support/subgraph-under-test";
import { breachesSubgraph } from "../subgraph";

const TODAY = "2026-11-23";
const CHESHIRE_OFFICER = principalFor("force-officer", { kind: "forces", forces: ["07"] }, "officer-07");
const STAFFORDSHIRE_OFFICER = principalFor("force-officer", { kind: "forces", forces: ["21"] }, "officer-21");
const NORTH_WEST_OFFICER = principalFor(
  "regional-officer",
  { kind: "forces", forces: forcesInRegion(Region.NORTH_WEST).map((force) => force.code) },
  "officer-nw",
);
const CREWE_LISTING = principalFor("court-listing", { kind: "courts", courts: ["B07ED"] }, "crewe-listing-svc");

/** Cheshire orders: one in force until further order, one that expired, one discharged, one application never decided. */
function fixture() {
  const chunk = emptyChunk();
  chunk.orders.orders.push(
    order({
      id: "in-force",
      kind: "FULL",
      applicantForceCode: "07",
      respondentId: "r-runcorn",
      madeOn: "2024-01-10",
      untilFurtherOrder: true,
    }),
    order({ id: "expired", kind: "FULL", applicantForceCode: "07", respondentId: "r2", madeOn: "2020-08-13", expiresOn: "2025-08-13" }),
    order({
      id: "discharged",
      kind: "FULL",
      applicantForceCode: "07",
      respondentId: "r3",
      madeOn: "2022-01-10",
      untilFurtherOrder: true,
      endedOn: "2025-02-01",
      endReason: "DISCHARGED",
    }),
    order({ id: "applied", kind: "INTERIM", applicantForceCode: "07", respondentId: "r4", appliedOn: "2026-11-01" }),
  );
  return chunk;
}

const REPORT = `mutation($input: ReportBreachInput!) {
  reportBreach(input: $input) {
    id offenceType offenceCode occurredOn reportedOn description status sentence
    order { id } offender { id } reportingForce { code }
  }
}`;

describe("reportBreach (breaches subgraph)", () => {
  let database: TestDatabase;
  let server: SubgraphServer<unknown>;

  beforeEach(async () => {
    ({ database, server } = await startSubgraphUnderTest(breachesSubgraph, [fixture()], TODAY));
  });
  afterEach(() => database.dispose());

  const valid = {
    orderId: "in-force",
    offenceType: "BREACH_OF_ORDER",
    occurredOn: "2026-11-20",
    description: "Sent a message to the protected person",
  };
  const report = (input: Record<string, unknown>, as: Principal = CHESHIRE_OFFICER) =>
    executeOnSubgraph(server, REPORT, { input: { idempotencyKey: "report-1", ...input } }, as);
  const rowCounts = async () => {
    const [row] = await database.db.query<{ breaches: number; requests: number }>(
      `SELECT (SELECT count(*)::int FROM breach_offence) AS breaches, (SELECT count(*)::int FROM idempotent_request) AS requests`,
    );
    return row;
  };

  it("records an s.8 breach with code ST19001 against the order's respondent, reported today to the order's force", async () => {
    const { data, errors } = await report({ ...valid, description: "  Sent a message to the protected person  " });
    expect(errors).toBeUndefined();
    expect(data!.reportBreach).toEqual({
      id: expect.stringMatching(/^breach-/),
      offenceType: "BREACH_OF_ORDER",
      offenceCode: "ST19001",
      occurredOn: "2026-11-20",
      reportedOn: TODAY,
      description: "Sent a message to the protected person",
      status: "REPORTED",
      sentence: null,
      order: { id: "in-force" },
      offender: { id: "r-runcorn" },
      reportingForce: { code: "07" },
    });
    expect(await rowCounts()).toEqual({ breaches: 1, requests: 1 });
  });

  it("records the reporting force's crime reference, normalised, and reads it back guarded as case detail", async () => {
    const { data, errors } = await executeOnSubgraph(
      server,
      `mutation($input: ReportBreachInput!) { reportBreach(input: $input) { id crimeReference } }`,
      { input: { ...valid, idempotencyKey: "report-ref", crimeReference: " 07/ab12345/26 " } },
      CHESHIRE_OFFICER,
    );
    expect(errors).toBeUndefined();
    expect(data!.reportBreach.crimeReference).toBe("07/AB12345/26");
    const read = (as: Principal) =>
      executeOnSubgraph(server, `query($id: ID!) { breachOffence(id: $id) { crimeReference } }`, { id: data!.reportBreach.id }, as);
    expect((await read(NORTH_WEST_OFFICER)).data!.breachOffence).toEqual({ crimeReference: "07/AB12345/26" });
    const outside = await read(STAFFORDSHIRE_OFFICER);
    expect(outside.data!.breachOffence).toEqual({ crimeReference: null });
    expect(outside.errors![0].extensions).toMatchObject({ code: "FORBIDDEN", reason: "OUT_OF_JURISDICTION" });
  });

  it("records no crime reference when none is given", async () => {
    const { data } = await executeOnSubgraph(
      server,
      `mutation($input: ReportBreachInput!) { reportBreach(input: $input) { crimeReference } }`,
      { input: { ...valid, idempotencyKey: "report-no-ref" } },
      CHESHIRE_OFFICER,
    );
    expect(data!.reportBreach).toEqual({ crimeReference: null });
  });

  it("records an s.11 notification failure without a CJS code", async () => {
    const { data } = await report({ ...valid, offenceType: "NOTIFICATION_FAILURE" });
    expect(data!.reportBreach).toMatchObject({ offenceType: "NOTIFICATION_FAILURE", offenceCode: null });
  });

  it("accepts a breach on the order's first day and on the day it is reported", async () => {
    const first = await report({ ...valid, occurredOn: "2024-01-10" });
    const today = await report({ ...valid, occurredOn: TODAY, idempotencyKey: "report-2" });
    expect([first.data!.reportBreach.occurredOn, today.data!.reportBreach.occurredOn]).toEqual(["2024-01-10", TODAY]);
    expect(await rowCounts()).toEqual({ breaches: 2, requests: 2 });
  });

  describe("refuses a report that cannot be right, naming the field, and records nothing", () => {
    it.each([
      ["a breach in the future", { occurredOn: "2026-11-24" }, "input.occurredOn", /is in the future \(2026-11-24; today is 2026-11-23\)/],
      [
        "a breach before the order was made",
        { occurredOn: "2024-01-09" },
        "input.occurredOn",
        /not in force on 2024-01-09 \(it was APPLIED\)/,
      ],
      ["a breach on the day the order expired", { orderId: "expired", occurredOn: "2025-08-13" }, "input.occurredOn", /\(it was EXPIRED\)/],
      [
        "a breach after the order was discharged",
        { orderId: "discharged", occurredOn: "2025-03-01" },
        "input.occurredOn",
        /\(it was DISCHARGED\)/,
      ],
      ["a breach of an order never made", { orderId: "applied", occurredOn: "2026-11-20" }, "input.occurredOn", /\(it was APPLIED\)/],
      ["an unknown order", { orderId: "no-such-order" }, "input.orderId", /no order "no-such-order"/],
      ["a blank description", { description: "   " }, "input.description", /must describe what happened/],
      ["an overlong description", { description: "x".repeat(4001) }, "input.description", /at most 4000 characters; got 4001/],
      ["a blank idempotency key", { idempotencyKey: "" }, "input.idempotencyKey", /must not be empty/],
      ["a crime reference of no known shape", { crimeReference: "CR-12345" }, "input.crimeReference", /must look like FF\/SERIAL\/YY/],
      [
        "another force's crime reference",
        { crimeReference: "21/0012345/26" },
        "input.crimeReference",
        /begins with the code of Staffordshire Police \(21\); the breach is reported by Cheshire Constabulary/,
      ],
      [
        "a crime reference recorded before the breach occurred",
        { crimeReference: "07/0012345/25" },
        "input.crimeReference",
        /recorded in 2025, before the breach occurred \(2026-11-20\)/,
      ],
      [
        "a crime reference recorded after the day it is reported",
        { crimeReference: "07/0012345/27" },
        "input.crimeReference",
        /recorded in 2027, after the breach is reported/,
      ],
    ])("%s", async (_name, change, argument, message) => {
      const { data, errors } = await report({ ...valid, ...change });
      expect(data).toBeNull();
      expect(errors).toHaveLength(1);
      expect(errors![0].extensions).toEqual({ code: "BAD_USER_INPUT", argument });
      expect(errors![0].message).toMatch(message);
      expect(await rowCounts()).toEqual({ breaches: 0, requests: 0 });
    });
  });

  describe("jurisdiction over the order's force", () => {
    it("lets an officer of the order's force, of its region, or a national caller report", async () => {
      // No persona is national with breach:write; the force check is what is under test here.
      const national = withEveryScope(principalFor("national-analyst", { kind: "national" }, "national-1"));
      for (const [as, key] of [
        [CHESHIRE_OFFICER, "a"],
        [NORTH_WEST_OFFICER, "b"],
        [national, "c"],
      ] as const) {
        expect((await report({ ...valid, idempotencyKey: key }, as)).errors).toBeUndefined();
      }
      expect(await rowCounts()).toMatchObject({ breaches: 3 });
    });

    it.each([
      ["an officer of another force", STAFFORDSHIRE_OFFICER],
      // Given breach:write (its persona has none, so the scope alone would refuse it): courts cover no force.
      ["a court listing system", withEveryScope(CREWE_LISTING)],
    ])("refuses %s with FORBIDDEN / OUT_OF_JURISDICTION, recording nothing", async (_name, as) => {
      const { data, errors } = await report(valid, as);
      expect(data).toBeNull();
      expect(errors![0].extensions).toEqual({ code: "FORBIDDEN", reason: "OUT_OF_JURISDICTION" });
      expect(await rowCounts()).toEqual({ breaches: 0, requests: 0 });
    });
  });

  describe("idempotency", () => {
    it("returns the same breach for the same key and input, recording it once", async () => {
      const first = await report(valid);
      const second = await report(valid);
      expect(first.errors).toBeUndefined();
      expect(second).toEqual(first);
      expect(await rowCounts()).toEqual({ breaches: 1, requests: 1 });
    });

    it("refuses the same key with a different report", async () => {
      await report(valid);
      const { errors } = await report({ ...valid, occurredOn: "2026-11-21" });
      expect(errors![0].extensions).toEqual({ code: "BAD_USER_INPUT", argument: "input.idempotencyKey" });
      expect(await rowCounts()).toEqual({ breaches: 1, requests: 1 });
    });

    it("keeps each caller's keys apart", async () => {
      await report(valid, CHESHIRE_OFFICER);
      await report(valid, NORTH_WEST_OFFICER);
      expect(await rowCounts()).toEqual({ breaches: 2, requests: 2 });
    });
  });

  it("checks against the newest order facts published by orders, whatever order they arrive in", async () => {
    const facts = (version: number, endedOn: string | null): OrderFacts => ({
      id: "in-force",
      kind: "FULL",
      applicantForceCode: "07",
      courtCode: null,
      respondentId: "r-runcorn",
      appliedOn: "2020-01-01",
      madeOn: "2024-01-10",
      expiresOn: null,
      untilFurtherOrder: true,
      endedOn,
      endReason: endedOn ? "DISCHARGED" : null,
      supersedesId: null,
      managingForceCode: null,
      servedOn: null,
      version,
    });
    const deliver = (order: OrderFacts) =>
      breachesSubgraph.consumes![STREAMS.orderFacts.name]!(database.db, {
        id: randomUUID(),
        type: ORDER_FACTS_CHANGED,
        occurredAt: new Date().toISOString(),
        payload: { order, madeAtHearingId: null },
      });
    await deliver(facts(3, "2026-06-01"));
    await deliver(facts(2, null)); // older, late: ignored
    const { errors } = await report({ ...valid, occurredOn: "2026-07-01" });
    expect(errors![0].message).toMatch(/not in force on 2026-07-01 \(it was DISCHARGED\)/);
  });
});
