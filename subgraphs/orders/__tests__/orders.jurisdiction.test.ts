import type { Principal } from "../../../platform/identity/principal";
import { forcesInRegion } from "../../../platform/estate";
import type { SubgraphServer } from "../../../platform/subgraph/subgraph";
import { emptyChunk, type TestDatabase } from "../../../test/support/database";
import { startSubgraphUnderTest } from "../../../test/support/subgraph-under-test";
import { executeOnSubgraph, type ExecutionResult } from "../../../test/support/execute";
import { principalFor, withEveryScope } from "../../../test/support/identity";
import { ordersSubgraph } from "../subgraph";
import { order, ordersFixture } from "./orders.fixture";

// Each persona's jurisdiction with every scope: jurisdiction is under test here, the scopes are checked on their own.
const FORCE_OFFICER = withEveryScope(principalFor("force-officer", { kind: "forces", forces: ["07"] }));
const REGIONAL_OFFICER = withEveryScope(
  principalFor("regional-officer", { kind: "forces", forces: forcesInRegion("NORTH_WEST").map((force) => force.code) }),
);
const NATIONAL_ANALYST = withEveryScope(principalFor("national-analyst", { kind: "national" }));
const COURT_LISTING = withEveryScope(principalFor("court-listing", { kind: "courts", courts: ["B07ED"] }));

/**
 * The shared fixture (i1, f1 Cheshire 07 made at Crewe B07ED; f2 Cheshire, heard
 * at Chester B07DM; f3, i2 Staffordshire 21; a1, d1 Greater Manchester 06 —
 * North West like Cheshire) and:
 * - x1 Staffordshire 21, made at Cannock B21DA, varied at Crewe B07ED: a Crewe
 *   court covers it through its history alone; protects v3;
 * - f3 also protects v1 (who is protected by Cheshire's f1 and i1);
 * - y2 Cheshire, made at Crewe, superseding y1 Cheshire made at Chester B07DM.
 */
function jurisdictionFixture() {
  const chunk = emptyChunk();
  chunk.orders.orders.push(
    order({
      id: "x1",
      kind: "FULL",
      applicantForceCode: "21",
      courtCode: "B21DA",
      respondentId: "r6",
      appliedOn: "2021-05-01",
      madeOn: "2021-06-01",
      untilFurtherOrder: true,
    }),
  );
  chunk.orders.orders.push(
    order({
      id: "y1",
      kind: "INTERIM",
      applicantForceCode: "07",
      courtCode: "B07DM",
      respondentId: "r7",
      madeOn: "2019-01-01",
      endedOn: "2019-03-01",
      endReason: "SUPERSEDED",
    }),
    order({
      id: "y2",
      kind: "FULL",
      applicantForceCode: "07",
      courtCode: "B07ED",
      respondentId: "r7",
      madeOn: "2019-03-01",
      expiresOn: "2020-03-01",
      supersedesId: "y1",
    }),
  );
  chunk.orders.protectedPersons.push({ orderId: "x1", personId: "v3" }, { orderId: "f3", personId: "v1" });
  chunk.orders.terms.push({
    orderId: "x1",
    category: "PROHIBITION",
    position: 0,
    description: "Must not attend Crewe railway station",
    exclusionArea: null,
  });
  chunk.orders.events.push(
    {
      orderId: "x1",
      position: 0,
      type: "MADE",
      occurredOn: "2021-06-01",
      courtCode: "B21DA",
      note: null,
      expiresOn: null,
      untilFurtherOrder: true,
    },
    {
      orderId: "x1",
      position: 1,
      type: "VARIED",
      occurredOn: "2021-09-01",
      courtCode: "B07ED",
      note: null,
      expiresOn: null,
      untilFurtherOrder: true,
    },
  );
  return chunk;
}

/** The errors of a result as {message, path, extensions}, in path order (resolution order is not part of the contract). */
function errorsOf(result: ExecutionResult<unknown>) {
  return (result.errors ?? [])
    .map(({ message, path, extensions }) => ({ message, path, extensions }))
    .sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)));
}

function outOfJurisdiction(...path: (string | number)[]) {
  return { message: "Outside your jurisdiction", path, extensions: { code: "FORBIDDEN", reason: "OUT_OF_JURISDICTION" } };
}

const DETAIL_FIELDS = ["prohibitions", "protectedPersons", "requirements"];
const DETAIL = `id prohibitions { description } requirements { description } protectedPersons { id }`;
const DETAIL_QUERY = `{ f1: order(id: "f1") { ${DETAIL} } f3: order(id: "f3") { ${DETAIL} } d1: order(id: "d1") { ${DETAIL} } x1: order(id: "x1") { ${DETAIL} } }`;

const FULL_DETAIL = {
  f1: {
    id: "f1",
    prohibitions: [{ description: "Must not contact V" }, { description: "Must not enter the area" }],
    requirements: [{ description: "Hand over devices on request" }],
    protectedPersons: [{ id: "v1" }, { id: "v2" }],
  },
  f3: { id: "f3", prohibitions: [], requirements: [], protectedPersons: [{ id: "v1" }] },
  d1: { id: "d1", prohibitions: [], requirements: [], protectedPersons: [] },
  x1: {
    id: "x1",
    prohibitions: [{ description: "Must not attend Crewe railway station" }],
    requirements: [],
    protectedPersons: [{ id: "v3" }],
  },
};
const withheld = (id: string) => ({ id, prohibitions: null, requirements: null, protectedPersons: null });
const detailErrors = (...aliases: string[]) => aliases.flatMap((alias) => DETAIL_FIELDS.map((field) => outOfJurisdiction(alias, field)));

const ALL_ORDERS_NEWEST_FIRST = ["i2", "f3", "x1", "a1", "f1", "i1", "f2", "d1", "y2", "y1"];

describe("orders subgraph: record-level jurisdiction", () => {
  let database: TestDatabase;
  let server: SubgraphServer<unknown>;
  const statements: string[] = [];
  let observedServer: SubgraphServer<unknown>;

  beforeAll(async () => {
    ({ database, server, observedServer } = await startSubgraphUnderTest(
      ordersSubgraph,
      [ordersFixture(), jurisdictionFixture()],
      "2021-12-31",
      statements,
    ));
  });
  afterAll(() => database.dispose());

  describe("order detail (prohibitions, requirements, protected persons)", () => {
    it("force-officer (07) sees Cheshire's detail; other forces' orders come back null with OUT_OF_JURISDICTION", async () => {
      const result = await executeOnSubgraph(server, DETAIL_QUERY, undefined, FORCE_OFFICER);
      expect(result.data).toEqual({ f1: FULL_DETAIL.f1, f3: withheld("f3"), d1: withheld("d1"), x1: withheld("x1") });
      expect(errorsOf(result)).toEqual(detailErrors("d1", "f3", "x1"));
    });

    it("regional-officer (North West) sees Cheshire's and Greater Manchester's detail, not Staffordshire's", async () => {
      const result = await executeOnSubgraph(server, DETAIL_QUERY, undefined, REGIONAL_OFFICER);
      expect(result.data).toEqual({ f1: FULL_DETAIL.f1, f3: withheld("f3"), d1: FULL_DETAIL.d1, x1: withheld("x1") });
      expect(errorsOf(result)).toEqual(detailErrors("f3", "x1"));
    });

    it("national-analyst sees every order's detail", async () => {
      const result = await executeOnSubgraph(server, DETAIL_QUERY, undefined, NATIONAL_ANALYST);
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual(FULL_DETAIL);
    });

    it("court-listing (Crewe) sees the detail of orders made or heard at Crewe; other orders do not exist for it", async () => {
      const result = await executeOnSubgraph(server, DETAIL_QUERY, undefined, COURT_LISTING);
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ f1: FULL_DETAIL.f1, f3: null, d1: null, x1: FULL_DETAIL.x1 });
    });
  });

  it("shows every force the summary of an order outside its jurisdiction: reference, status, dates, forces, court, respondent, history", async () => {
    const query = `{ order(id: "x1") { id reference kind status appliedOn madeOn servedOn expiresOn untilFurtherOrder
        applicantForce { code } court { code } respondent { id } supersedes { id } history { type on court { code } } } }`;
    const expected = {
      id: "x1",
      reference: "SPO/21/x1",
      kind: "FULL",
      status: "IN_FORCE",
      appliedOn: "2021-05-01",
      madeOn: "2021-06-01",
      servedOn: null,
      expiresOn: null,
      untilFurtherOrder: true,
      applicantForce: { code: "21" },
      court: { code: "B21DA" },
      respondent: { id: "r6" },
      supersedes: null,
      history: [
        { type: "MADE", on: "2021-06-01", court: { code: "B21DA" } },
        { type: "VARIED", on: "2021-09-01", court: { code: "B07ED" } },
      ],
    };
    for (const principal of [FORCE_OFFICER, REGIONAL_OFFICER, NATIONAL_ANALYST, COURT_LISTING]) {
      const { data, errors } = await executeOnSubgraph(server, query, undefined, principal);
      expect(errors).toBeUndefined();
      expect(data!.order).toEqual(expected);
    }
  });

  describe("orders()", () => {
    const LIST = `query($filter: OrderFilter, $first: Int, $after: String) {
      orders(filter: $filter, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`;
    const list = async (principal: Principal, variables: Record<string, unknown> = {}) => {
      const { data, errors } = await executeOnSubgraph(server, LIST, variables, principal);
      expect(errors).toBeUndefined();
      return {
        totalCount: data!.orders.totalCount as number,
        ids: data!.orders.nodes.map((o: { id: string }) => o.id),
        pageInfo: data!.orders.pageInfo,
      };
    };

    it.each([
      ["force-officer", FORCE_OFFICER],
      ["regional-officer", REGIONAL_OFFICER],
      ["national-analyst", NATIONAL_ANALYST],
    ])("lists every force's orders to %s", async (_name, principal) => {
      expect(await list(principal)).toMatchObject({ totalCount: 10, ids: ALL_ORDERS_NEWEST_FIRST });
      expect(await list(principal, { filter: { statuses: ["SUPERSEDED"] } })).toMatchObject({ totalCount: 2, ids: ["i1", "y1"] });
    });

    it("lists and counts only the orders a court-listing caller covers, across pages and with filters", async () => {
      expect(await list(COURT_LISTING)).toMatchObject({ totalCount: 4, ids: ["x1", "f1", "i1", "y2"] });
      const first = await list(COURT_LISTING, { first: 2 });
      expect(first).toMatchObject({ totalCount: 4, ids: ["x1", "f1"], pageInfo: { hasNextPage: true } });
      const second = await list(COURT_LISTING, { first: 2, after: first.pageInfo.endCursor });
      expect(second).toMatchObject({ totalCount: 4, ids: ["i1", "y2"], pageInfo: { hasNextPage: false } });
      expect(await list(COURT_LISTING, { filter: { forces: ["21"] } })).toMatchObject({ totalCount: 1, ids: ["x1"] });
      expect(await list(COURT_LISTING, { filter: { statuses: ["SUPERSEDED"] } })).toMatchObject({ totalCount: 1, ids: ["i1"] });
      expect(await list(COURT_LISTING, { filter: { forces: ["06"] } })).toMatchObject({ totalCount: 0, ids: [] });
    });
  });

  it("resolves StalkingProtectionOrder entities for every force, and for a court only those it covers", async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on StalkingProtectionOrder { id } } }`;
    const r = ["f1", "f3", "x1", "f2", "nope"].map((id) => ({ __typename: "StalkingProtectionOrder", id }));
    for (const principal of [FORCE_OFFICER, REGIONAL_OFFICER, NATIONAL_ANALYST]) {
      const { data, errors } = await executeOnSubgraph(server, query, { r }, principal);
      expect(errors).toBeUndefined();
      expect(data!._entities).toEqual([{ id: "f1" }, { id: "f3" }, { id: "x1" }, { id: "f2" }, null]);
    }
    const court = await executeOnSubgraph(server, query, { r }, COURT_LISTING);
    expect(court.errors).toBeUndefined();
    expect(court.data!._entities).toEqual([{ id: "f1" }, null, { id: "x1" }, null, null]);
  });

  it("follows supersedes for a court-listing caller only to orders it covers, silently", async () => {
    // f1 supersedes i1, both made at Crewe; y2 (Crewe) supersedes y1, made at Chester.
    const query = `{ f1: order(id: "f1") { supersedes { id } } y2: order(id: "y2") { supersedes { id } } }`;
    const court = await executeOnSubgraph(server, query, undefined, COURT_LISTING);
    expect(court.errors).toBeUndefined();
    expect(court.data).toEqual({ f1: { supersedes: { id: "i1" } }, y2: { supersedes: null } });
    const force = await executeOnSubgraph(server, query, undefined, FORCE_OFFICER);
    expect(force.errors).toBeUndefined();
    expect(force.data).toEqual({ f1: { supersedes: { id: "i1" } }, y2: { supersedes: { id: "y1" } } });
  });

  describe("Person: orders against them, SPO status, orders protecting them", () => {
    const QUERY = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Person { id spoStatus stalkingProtectionOrders { id } protectedBy { id } } } }`;
    const r = ["r1", "r3", "r6", "v1", "v3"].map((id) => ({ __typename: "Person", id }));
    const person = (id: string, spoStatus: string, orders: string[], protectedBy: string[]) => ({
      id,
      spoStatus,
      stalkingProtectionOrders: orders.map((orderId) => ({ id: orderId })),
      protectedBy: protectedBy.map((orderId) => ({ id: orderId })),
    });
    const people = async (principal: Principal) => {
      const { data, errors } = await executeOnSubgraph(server, QUERY, { r }, principal);
      expect(errors).toBeUndefined();
      return data!._entities;
    };

    it.each([
      ["force-officer", FORCE_OFFICER],
      ["regional-officer", REGIONAL_OFFICER],
    ])("%s sees every force's orders against a person, but only its forces' orders protecting one", async (_name, principal) => {
      expect(await people(principal)).toEqual([
        person("r1", "ACTIVE_FULL", ["f1", "i1"], []),
        person("r3", "ACTIVE_FULL", ["i2", "f3"], []),
        person("r6", "ACTIVE_FULL", ["x1"], []),
        person("v1", "NONE", [], ["f1", "i1"]),
        person("v3", "NONE", [], []),
      ]);
    });

    it("national-analyst sees every order, protecting orders included", async () => {
      expect(await people(NATIONAL_ANALYST)).toEqual([
        person("r1", "ACTIVE_FULL", ["f1", "i1"], []),
        person("r3", "ACTIVE_FULL", ["i2", "f3"], []),
        person("r6", "ACTIVE_FULL", ["x1"], []),
        person("v1", "NONE", [], ["f3", "f1", "i1"]),
        person("v3", "NONE", [], ["x1"]),
      ]);
    });

    it("court-listing sees only the orders it covers, and derives the SPO status from them", async () => {
      expect(await people(COURT_LISTING)).toEqual([
        person("r1", "ACTIVE_FULL", ["f1", "i1"], []),
        person("r3", "NONE", [], []),
        person("r6", "ACTIVE_FULL", ["x1"], []),
        person("v1", "NONE", [], ["f1", "i1"]),
        person("v3", "NONE", [], ["x1"]),
      ]);
    });
  });

  // One parent loader per query, so the batches come in the same waves whatever order the database answers in.
  // `expected` statements: the parent loader's, then events (court callers always, to decide coverage; others
  // only for history), terms, protected-person links: one each, however many orders.
  const STATEMENT_QUERIES = {
    "order detail": {
      expected: { court: 4, other: 4 },
      typename: "StalkingProtectionOrder",
      ids: ["f1", "f3", "x1", "d1", "f2"],
      selection: `... on StalkingProtectionOrder { id prohibitions { description } requirements { description } protectedPersons { id } history { type } }`,
    },
    "a person's orders and their detail": {
      expected: { court: 4, other: 3 },
      typename: "Person",
      ids: ["r1", "r3", "r6", "v1"],
      selection: `... on Person { spoStatus stalkingProtectionOrders { id prohibitions { description } protectedPersons { id } } }`,
    },
    "the orders protecting a person and their detail": {
      expected: { court: 4, other: 3 },
      typename: "Person",
      ids: ["r1", "v1", "v3"],
      selection: `... on Person { protectedBy { id requirements { description } protectedPersons { id } } }`,
    },
  };
  const PERSONAS: [string, Principal][] = [
    ["force-officer", FORCE_OFFICER],
    ["regional-officer", REGIONAL_OFFICER],
    ["national-analyst", NATIONAL_ANALYST],
    ["court-listing", COURT_LISTING],
  ];

  it.each(PERSONAS.flatMap(([name, principal]) => Object.keys(STATEMENT_QUERIES).map((query) => [query, name, principal] as const)))(
    "issues the same number of SQL statements for %s with 2 and with 20 more representations as %s",
    async (queryName, personaName, principal) => {
      const { typename, ids, selection, expected } = STATEMENT_QUERIES[queryName as keyof typeof STATEMENT_QUERIES];
      const statementsFor = async (extra: number) => {
        const representations = [...ids, ...Array.from({ length: extra }, (_, i) => `unknown-${i}`)].map((id) => ({
          __typename: typename,
          id,
        }));
        statements.length = 0;
        const result = await executeOnSubgraph(
          observedServer,
          `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`,
          { r: representations },
          principal,
        );
        // Out-of-jurisdiction detail is refused; nothing else may fail.
        expect(errorsOf(result).filter((error) => error.extensions?.reason !== "OUT_OF_JURISDICTION")).toEqual([]);
        return statements.length;
      };
      const forTwo = await statementsFor(2);
      expect(forTwo).toBe(personaName === "court-listing" ? expected.court : expected.other);
      expect(await statementsFor(20)).toBe(forTwo);
    },
  );
});
