import { fixedClock } from "../platform/clock";
import { seedCasesChunk, SEED_CASE_IDS } from "../dev/dataset/seed-cases";
import { principalFor } from "./support/identity";
import { startTestStack, type TestStack } from "./support/stack";

/** Field-level enforcement at the gateway: Router semantics in filter and reject mode. */
const national = principalFor("national-analyst", { kind: "national" });
const cheshireOfficer = principalFor("force-officer", { kind: "forces", forces: ["07"] });
const dashboard = principalFor("reporting-dashboard", { kind: "national" });
const auditor = principalFor("auditor", { kind: "national" });
const FULL_ORDER = SEED_CASE_IDS.cheshire.fullOrder;

describe("field-level authorization at the gateway", () => {
  let stack: TestStack;
  let rejecting: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ chunks: [seedCasesChunk()], clock: fixedClock("2026-11-22") });
    rejecting = await startTestStack({ chunks: [seedCasesChunk()], clock: fixedClock("2026-11-22"), authorizationMode: "reject" });
  });
  afterAll(async () => {
    await stack?.stop();
    await rejecting?.stop();
  });

  it("returns an unauthorized field as null with one UNAUTHORIZED_FIELD_OR_TYPE error at its path, the rest intact", async () => {
    const { status, body } = await stack.query(
      `query($id: ID!) { order(id: $id) { reference protectedPersons { id } prohibitions { description } } }`,
      { id: FULL_ORDER },
      national,
    );
    expect(status).toBe(200);
    expect(body.data!.order.reference).toBe("SPO/07/2020/0002");
    expect(body.data!.order.protectedPersons).toBeNull();
    expect(body.data!.order.prohibitions).toHaveLength(3);
    expect(body.errors).toEqual([
      { message: "Unauthorized field or type", path: ["order", "protectedPersons"], extensions: { code: "UNAUTHORIZED_FIELD_OR_TYPE" } },
    ]);
  });

  it("never asks a subgraph for a filtered field", async () => {
    stack.resetStatementCounts();
    await stack.query(
      `query($id: ID!) { order(id: $id) { reference respondent { name { family } notifiedAddresses { address } } } }`,
      { id: FULL_ORDER },
      national,
    );
    const asked = Object.values(stack.subgraphRequests).flat().join("\n");
    expect(asked).toContain("family");
    expect(asked).not.toContain("notifiedAddresses");
    expect(asked).not.toContain("address");
  });

  it("follows aliases, named and inline fragments, and reports skipped fields not at all", async () => {
    const { body } = await stack.query(
      `query($id: ID!, $skip: Boolean!) {
        first: order(id: $id) { ...Terms ... on StalkingProtectionOrder { who: protectedPersons { id } } }
        second: order(id: $id) { reference protectedPersons @skip(if: $skip) { id } }
      }
      fragment Terms on StalkingProtectionOrder { ref: reference people: protectedPersons { id } }`,
      { id: FULL_ORDER, skip: true },
      national,
    );
    expect(body.data).toEqual({ first: { ref: "SPO/07/2020/0002", people: null, who: null }, second: { reference: "SPO/07/2020/0002" } });
    expect(body.errors!.map((error) => error.path)).toEqual([
      ["first", "people"],
      ["first", "who"],
    ]);
  });

  it("reports a field under a list once, and nulls it in every item", async () => {
    const { body } = await stack.query(`{ orders(first: 5) { nodes { reference protectedPersons { id } } } }`, {}, national);
    expect(body.data!.orders.nodes).toHaveLength(3);
    for (const node of body.data!.orders.nodes) expect(node.protectedPersons).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0].path).toEqual(["orders", "nodes", "protectedPersons"]);
  });

  it("propagates null from an unauthorized non-null field to its nearest nullable parent", async () => {
    // Person.stalkingProtectionOrders is non-null; a caller with person:read but not spo:read loses the person.
    const identityOnly = { ...national, scopes: ["person:read"] };
    const { body } = await stack.query(
      `query($id: ID!) { person(id: $id) { name { family } stalkingProtectionOrders { id } } }`,
      { id: SEED_CASE_IDS.cheshire.respondent },
      identityOnly,
    );
    expect(body.data).toEqual({ person: null });
    expect(body.errors![0]).toMatchObject({
      path: ["person", "stalkingProtectionOrders"],
      extensions: { code: "UNAUTHORIZED_FIELD_OR_TYPE" },
    });
  });

  it("gives data null when nothing authorized is left, and asks no subgraph", async () => {
    stack.resetStatementCounts();
    const { body } = await stack.query(`query($id: ID!) { order(id: $id) { reference } }`, { id: FULL_ORDER }, dashboard);
    expect(body.data).toBeNull();
    expect(body.errors).toEqual([
      { message: "Unauthorized field or type", path: ["order"], extensions: { code: "UNAUTHORIZED_FIELD_OR_TYPE" } },
    ]);
    expect(Object.values(stack.subgraphRequests).flat()).toEqual([]);
  });

  it("lets the reporting dashboard read statistics and nothing else", async () => {
    const { body } = await stack.query(
      `{ spoStatistics(from: "2020-01-01", to: "2020-12-31", groupBy: NATIONAL) { fullOrdersMade breachesReported } forces { code } }`,
      {},
      dashboard,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.spoStatistics).toEqual([{ fullOrdersMade: 1, breachesReported: 0 }]);
    const { body: person } = await stack.query(
      `query($id: ID!) { person(id: $id) { id } }`,
      { id: SEED_CASE_IDS.cheshire.respondent },
      dashboard,
    );
    expect(person.data).toBeNull();
  });

  it("leaves the auditor nothing of the graph but estate data", async () => {
    const { body } = await stack.query(`query($id: ID!) { forces { code } order(id: $id) { reference } }`, { id: FULL_ORDER }, auditor);
    expect(body.data!.forces).toHaveLength(45);
    expect(body.data!.order).toBeNull();
    expect(body.errors!.map((error) => error.extensions!.code)).toEqual(["UNAUTHORIZED_FIELD_OR_TYPE"]);
  });

  it("in reject mode refuses the whole operation when any field is unauthorized, and serves it whole otherwise", async () => {
    const refused = await rejecting.query(
      `query($id: ID!) { order(id: $id) { reference protectedPersons { id } } }`,
      { id: FULL_ORDER },
      national,
    );
    expect(refused.body.data).toBeNull();
    expect(refused.body.errors).toEqual([
      { message: "Unauthorized field or type", path: ["order", "protectedPersons"], extensions: { code: "UNAUTHORIZED_FIELD_OR_TYPE" } },
    ]);
    const served = await rejecting.query(
      `query($id: ID!) { order(id: $id) { reference protectedPersons { id } } }`,
      { id: FULL_ORDER },
      cheshireOfficer,
    );
    expect(served.body.errors).toBeUndefined();
    expect(served.body.data!.order.protectedPersons).toEqual([{ id: SEED_CASE_IDS.cheshire.protectedPerson }]);
  });

  it.each([
    ["narrow then wide", [national, cheshireOfficer]],
    ["wide then narrow", [cheshireOfficer, national]],
  ])("serves the same operation correctly to callers with different scopes, %s (no shared query plan)", async (_order, callers) => {
    const query = `query Same($id: ID!) { order(id: $id) { reference protectedPersons { id } } }`;
    for (const caller of callers) {
      const { body } = await stack.query(query, { id: FULL_ORDER }, caller);
      if (caller === national) {
        expect(body.data!.order).toEqual({ reference: "SPO/07/2020/0002", protectedPersons: null });
        expect(body.errors).toHaveLength(1);
      } else {
        expect(body.data!.order).toEqual({
          reference: "SPO/07/2020/0002",
          protectedPersons: [{ id: SEED_CASE_IDS.cheshire.protectedPerson }],
        });
        expect(body.errors).toBeUndefined();
      }
    }
  });
});

describe("errors the gateway passes on", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ chunks: [seedCasesChunk()], clock: fixedClock("2026-11-22") });
  });
  afterAll(() => stack?.stop());

  it("carry their public code and reason but not which subgraph raised them", async () => {
    const outsider = principalFor("force-officer", { kind: "forces", forces: ["21"] });
    const { body } = await stack.query(`query($id: ID!) { order(id: $id) { prohibitions { description } } }`, { id: FULL_ORDER }, outsider);
    expect(body.errors).toEqual([
      {
        message: "Outside your jurisdiction",
        path: ["order", "prohibitions"],
        extensions: { code: "FORBIDDEN", reason: "OUT_OF_JURISDICTION" },
      },
    ]);
  });
});
