import { fixedClock } from "../platform/clock";
import { generateDataset } from "../dev/dataset/generate";
import { SEED_CASE_IDS } from "../dev/dataset/seed-cases";
import { principalFor } from "./support/identity";
import { startTestStack, type TestStack } from "./support/stack";

/** Regression tests: operations GraphQL defines an answer for get that answer, through the authorizing gateway. */
describe("gateway GraphQL semantics", () => {
  let stack: TestStack;
  const dashboard = principalFor("reporting-dashboard", { kind: "national" });

  beforeAll(async () => {
    stack = await startTestStack({ chunks: [...generateDataset({ orders: 60, seed: 9 })], clock: fixedClock("2026-11-22") });
  });
  afterAll(() => stack?.stop());

  it("applies a variable's default when @include uses it and the request omits it", async () => {
    const included = await stack.query(`query($all: Boolean = true) { forces @include(if: $all) { code } }`);
    expect(included.status).toBe(200);
    expect(included.body.data!.forces).toHaveLength(45);
    const skipped = await stack.query(`query($none: Boolean = true) { forces @skip(if: $none) { code } courts(force: "21") { code } }`);
    expect(skipped.body.data).not.toHaveProperty("forces");
    expect(skipped.body.data!.courts.length).toBeGreaterThan(0);
  });

  it("applies defaults in the filtered document too (caller without some scopes)", async () => {
    const { status, body } = await stack.query(
      `query($withOrder: Boolean = false, $id: ID = "${SEED_CASE_IDS.cheshire.fullOrder}") {
         forces { code } order(id: $id) @include(if: $withOrder) { reference } spoStatistics(from: "2025-01-01", to: "2025-12-31", groupBy: NATIONAL) { scope } }`,
      undefined,
      dashboard,
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(Object.keys(body.data!)).toEqual(["forces", "spoStatistics"]);
    expect(body.data!.forces).toHaveLength(45);
    expect(body.data!.spoStatistics).toEqual([{ scope: "NATIONAL" }]);
  });

  it("answers as graphql-js does when a null if: variable sits inside a skipped field (never evaluated)", async () => {
    const query = `query($yes: Boolean = true, $no: Boolean = false) { courtList(courtCode: "B07ED", date: "2020-08-13") @include(if: $yes) { court @skip(if: $no) { code } } }`;
    // graphql-js: the skipped field's own directives are never read, so nothing fails.
    const skipped = await stack.query(query, { yes: false, no: null });
    expect(skipped.status).toBe(200);
    expect(skipped.body).toEqual({ data: {} });
  });

  it("answers 400 with graphql-js's message for an unknown operationName", async () => {
    const { status, body } = await stack.post(
      { query: `query A { forces { code } }`, operationName: "B" },
      { authorization: await bearer() },
    );
    expect(status).toBe(400);
    expect(body.errors).toEqual([expect.objectContaining({ message: 'Unknown operation named "B".' })]);
  });

  it("answers 400 with graphql-js's message for several operations and none named", async () => {
    const { status, body } = await stack.post(
      { query: `query A { forces { code } } query B { courts { code } }` },
      { authorization: await bearer() },
    );
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      expect.objectContaining({ message: "Must provide operation name if query contains multiple operations." }),
    ]);
  });

  it("runs the operation named by operationName when there are several", async () => {
    const { status, body } = await stack.post(
      { query: `query A { forces { code } } query B { courts(force: "21") { code } }`, operationName: "B" },
      { authorization: await bearer() },
    );
    expect(status).toBe(200);
    expect(Object.keys(body.data!)).toEqual(["courts"]);
  });

  it("answers 400 BAD_USER_INPUT naming a variable of the wrong type", async () => {
    const { status, body } = await stack.query(`query($all: Boolean!) { forces @include(if: $all) { code } }`, { all: "yes" });
    expect(status).toBe(400);
    expect(body.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT" });
    expect(body.errors![0].message).toContain('"$all"');
  });

  it("answers 400 BAD_USER_INPUT naming a required variable that is missing", async () => {
    const { status, body } = await stack.query(`query($id: ID!) { order(id: $id) { reference } }`, {});
    expect(status).toBe(400);
    expect(body.errors![0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
    expect(body.errors![0].message).toContain('"$id"');
  });

  it.each([
    ["literal", `{ spoStatistics(from: "2020-02-30", to: "2020-12-31", groupBy: NATIONAL) { scope } }`, undefined],
    [
      "variable",
      `query($from: Date!) { spoStatistics(from: $from, to: "2020-12-31", groupBy: NATIONAL) { scope } }`,
      { from: "2020-02-30" },
    ],
    ["filter literal", `{ orders(filter: { madeFrom: "2021-13-01" }) { totalCount } }`, undefined],
  ])("refuses an impossible Date (%s) with BAD_USER_INPUT", async (_kind, query, variables) => {
    const { body } = await stack.query(query, variables);
    expect(body.data ?? null).toBeNull();
    expect(body.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT" });
    expect(body.errors![0].message).toMatch(/Date/);
  });

  it.each([
    ["not base64 JSON", "%%%"],
    ["an impossible day", Buffer.from(JSON.stringify(["2020-02-30", "spo-07-2020-0002"])).toString("base64url")],
    ["the wrong shape", Buffer.from(JSON.stringify({ a: 1 })).toString("base64url")],
  ])("refuses a cursor that is %s with BAD_USER_INPUT naming after", async (_kind, after) => {
    const { body } = await stack.query(`query($after: String) { orders(first: 2, after: $after) { totalCount } }`, { after });
    expect(body.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "after" });
  });
});

async function bearer(): Promise<string> {
  const { tokenFor, EVERY_SCOPE_NATIONAL } = await import("./support/identity");
  return `Bearer ${await tokenFor(EVERY_SCOPE_NATIONAL)}`;
}
