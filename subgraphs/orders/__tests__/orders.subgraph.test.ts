import { fixedClock } from "../../../platform/clock";
import type { SubgraphServer } from "../../../platform/subgraph/subgraph";
import { insertChunks, openTestDatabase, type TestDatabase } from "../../../test/support/database";
import { executeOnSubgraph, type ExecutionResult } from "../../../test/support/execute";
import { createTestSubgraphServer } from "../../../test/support/identity";
import { ordersSubgraph } from "../subgraph";
import { ordersFixture } from "./orders.fixture";

describe("orders subgraph", () => {
  let database: TestDatabase;
  const serverAsOf = async (today: string) =>
    (await createTestSubgraphServer(ordersSubgraph, database.db, fixedClock(today))) as SubgraphServer<unknown>;

  beforeAll(async () => {
    database = await openTestDatabase(ordersSubgraph);
    await insertChunks(database.db, ordersSubgraph, [ordersFixture()]);
  });
  afterAll(() => database.dispose());

  it("derives each order's status from its facts as of the day asked", async () => {
    const query = `{ orders(first: 50) { nodes { id status } } }`;
    const statuses = async (today: string) =>
      Object.fromEntries(
        (await executeOnSubgraph(await serverAsOf(today), query)).data!.orders.nodes.map((o: { id: string; status: string }) => [
          o.id,
          o.status,
        ]),
      );
    expect(await statuses("2021-12-31")).toEqual({
      i1: "SUPERSEDED",
      f1: "IN_FORCE",
      f2: "EXPIRED",
      f3: "IN_FORCE",
      i2: "APPLIED",
      a1: "REFUSED",
      d1: "IN_FORCE",
    });
    expect(await statuses("2021-12-30")).toMatchObject({ f2: "IN_FORCE", f3: "APPLIED" });
    expect(await statuses("2023-03-01")).toMatchObject({ f1: "EXPIRED", d1: "DISCHARGED", i2: "IN_FORCE" });
  });

  it("returns an order's terms in order, its court and force keys, protected persons and the order it supersedes", async () => {
    const { data, errors } = await executeOnSubgraph(
      await serverAsOf("2022-01-01"),
      `{ order(id: "f1") { reference kind applicantForce { code } court { code } respondent { id }
          protectedPersons { id } prohibitions { description exclusionArea } requirements { description }
          supersedes { id status } expiresOn untilFurtherOrder } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.order).toEqual({
      reference: "SPO/07/f1",
      kind: "FULL",
      applicantForce: { code: "07" },
      court: { code: "B07ED" },
      respondent: { id: "r1" },
      protectedPersons: [{ id: "v1" }, { id: "v2" }],
      prohibitions: [
        { description: "Must not contact V", exclusionArea: null },
        { description: "Must not enter the area", exclusionArea: "Northwich town centre" },
      ],
      requirements: [{ description: "Hand over devices on request" }],
      supersedes: { id: "i1", status: "SUPERSEDED" },
      expiresOn: "2023-03-01",
      untilFurtherOrder: false,
    });
  });

  it("lists recorded events in order and adds the derived expiry once it has come", async () => {
    const query = `{ order(id: "f2") { history { type on court { code } note } } }`;
    const before = await executeOnSubgraph(await serverAsOf("2021-12-30"), query);
    expect(before.data!.order.history.map((e: { type: string }) => e.type)).toEqual(["APPLIED", "MADE"]);
    const after = await executeOnSubgraph(await serverAsOf("2022-06-01"), query);
    expect(after.data!.order.history).toEqual([
      { type: "APPLIED", on: "2020-05-01", court: null, note: null },
      { type: "MADE", on: "2020-06-01", court: { code: "B07DM" }, note: "two years" },
      { type: "EXPIRED", on: "2021-12-31", court: null, note: "Derived from the expiry date" },
    ]);
  });

  it("filters by force, region, kind, status and made dates, all together", async () => {
    const server = await serverAsOf("2021-12-31");
    const ids = async (filter: string) =>
      (await executeOnSubgraph(server, `{ orders(filter: ${filter}) { totalCount nodes { id } } }`)).data!.orders;
    expect(await ids(`{ forces: ["21"] }`)).toEqual({ totalCount: 2, nodes: [{ id: "i2" }, { id: "f3" }] });
    expect((await ids(`{ regions: [NORTH_WEST], kinds: [FULL] }`)).nodes.map((o: { id: string }) => o.id).sort()).toEqual([
      "a1",
      "d1",
      "f1",
      "f2",
    ]);
    expect((await ids(`{ statuses: [IN_FORCE] }`)).nodes.map((o: { id: string }) => o.id).sort()).toEqual(["d1", "f1", "f3"]);
    expect((await ids(`{ madeFrom: "2021-01-01", madeTo: "2021-12-31" }`)).totalCount).toBe(3);
    expect((await ids(`{ regions: [WEST_MIDLANDS], forces: ["07"] }`)).totalCount).toBe(0);
  });

  it("pages newest first with cursors that cover every order exactly once", async () => {
    const server = await serverAsOf("2021-12-31");
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { data }: ExecutionResult<Record<string, any>> = await executeOnSubgraph(
        server,
        `query($after: String) { orders(first: 3, after: $after) { totalCount nodes { id madeOn } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      seen.push(...data!.orders.nodes.map((o: { id: string }) => o.id));
      expect(data!.orders.totalCount).toBe(7);
      if (!data!.orders.pageInfo.hasNextPage) break;
      after = data!.orders.pageInfo.endCursor;
    }
    expect(seen).toEqual(["i2", "f3", "a1", "f1", "i1", "f2", "d1"]);
  });

  it.each([
    [`{ orders(first: 201) { totalCount } }`, "first", /at most 200/],
    [`{ orders(first: -1) { totalCount } }`, "first", /zero or a positive/],
    [`{ orders(after: "garbage") { totalCount } }`, "after", /not a cursor/],
    [`{ orders(filter: { forces: ["07", "98"] }) { totalCount } }`, "filter.forces", /unknown force code "98"/],
    [`{ orders(filter: { madeFrom: "2021-02-01", madeTo: "2021-01-01" }) { totalCount } }`, "filter.madeFrom", /after madeTo/],
    [`{ spoStatistics(from: "2021-02-01", to: "2021-01-31", groupBy: NATIONAL) { scope } }`, "from", /after to/],
    // Two windows a day apart, differenced, give one day's counts per force: only whole calendar months are answered.
    [
      `{ spoStatistics(from: "2021-01-02", to: "2021-02-28", groupBy: FORCE) { scope } }`,
      "from",
      /not the 1st of a month; statistics cover whole calendar months/,
    ],
    [
      `{ spoStatistics(from: "2021-02-01", to: "2021-02-01", groupBy: FORCE) { scope } }`,
      "to",
      /not the last day of a month; statistics cover whole/,
    ],
    [
      `{ spoStatistics(from: "2021-02-01", to: "2021-02-27", groupBy: NATIONAL) { scope } }`,
      "to",
      /to \(2021-02-27\) is not the last day of a month/,
    ],
    [`{ spoStatistics(from: "2021-01-01", to: "2021-03-15", groupBy: NATIONAL) { scope } }`, "to", /not the last day of a month/],
  ])("refuses bad input %s naming %s", async (query, argument, message) => {
    const { data, errors } = await executeOnSubgraph(await serverAsOf("2021-12-31"), query);
    expect(data).toBeNull();
    expect(errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument });
    expect(errors?.[0].message).toMatch(message);
  });

  it.each([
    ["the shortest calendar month", "2021-02-01", "2021-02-28"],
    ["a leap February", "2024-02-01", "2024-02-29"],
    ["several months across a year end", "2020-11-01", "2021-02-28"],
    ["a whole year", "2021-01-01", "2021-12-31"],
  ])("answers statistics for whole calendar months: %s", async (_label, from, to) => {
    const { data, errors } = await executeOnSubgraph(
      await serverAsOf("2021-12-31"),
      `{ spoStatistics(from: "${from}", to: "${to}", groupBy: NATIONAL) { scope periodFrom periodTo } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.spoStatistics).toEqual([{ scope: "NATIONAL", periodFrom: from, periodTo: to }]);
  });

  it("adds order relations and the SPO status to Person entities", async () => {
    const { data, errors } = await executeOnSubgraph(
      await serverAsOf("2021-12-31"),
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id spoStatus stalkingProtectionOrders { id } protectedBy { id } } } }`,
      { r: ["r1", "r2", "r4", "v1", "nobody"].map((id) => ({ __typename: "Person", id })) },
    );
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual([
      { id: "r1", spoStatus: "ACTIVE_FULL", stalkingProtectionOrders: [{ id: "f1" }, { id: "i1" }], protectedBy: [] },
      { id: "r2", spoStatus: "ENDED", stalkingProtectionOrders: [{ id: "f2" }], protectedBy: [] },
      { id: "r4", spoStatus: "NONE", stalkingProtectionOrders: [{ id: "a1" }], protectedBy: [] },
      { id: "v1", spoStatus: "NONE", stalkingProtectionOrders: [], protectedBy: [{ id: "f1" }, { id: "i1" }] },
      { id: "nobody", spoStatus: "NONE", stalkingProtectionOrders: [], protectedBy: [] },
    ]);
  });

  it("reports ACTIVE_INTERIM while only an interim order is in force, and a full order outranks an interim", async () => {
    const query = `{ _entities(representations: [{ __typename: "Person", id: "r1" }, { __typename: "Person", id: "r3" }]) { ... on Person { spoStatus } } }`;
    const early = await executeOnSubgraph(await serverAsOf("2021-02-01"), query);
    expect(early.data!._entities).toEqual([{ spoStatus: "ACTIVE_INTERIM" }, { spoStatus: "NONE" }]);
    const later = await executeOnSubgraph(await serverAsOf("2022-01-02"), query);
    expect(later.data!._entities).toEqual([{ spoStatus: "ACTIVE_FULL" }, { spoStatus: "ACTIVE_FULL" }]);
  });

  it("counts orders made and in force exactly on the period's boundaries, summing consistently across groupings", async () => {
    const server = await serverAsOf("2026-11-22");
    const stats = async (groupBy: string) =>
      (
        await executeOnSubgraph(
          server,
          `{ spoStatistics(from: "2021-01-01", to: "2021-12-31", groupBy: ${groupBy}) { grouping scope label periodFrom periodTo interimOrdersMade fullOrdersMade activeOrders } }`,
        )
      ).data!.spoStatistics;
    const byForce = await stats("FORCE");
    expect(byForce).toHaveLength(45);
    expect(byForce.find((row: { scope: string }) => row.scope === "07")).toEqual({
      grouping: "FORCE",
      scope: "07",
      label: "Cheshire Constabulary",
      periodFrom: "2021-01-01",
      periodTo: "2021-12-31",
      interimOrdersMade: 1,
      fullOrdersMade: 1,
      activeOrders: 1,
    });
    expect(byForce.find((row: { scope: string }) => row.scope === "21")).toMatchObject({
      interimOrdersMade: 0,
      fullOrdersMade: 1,
      activeOrders: 1,
    });
    expect(byForce.find((row: { scope: string }) => row.scope === "06")).toMatchObject({
      interimOrdersMade: 0,
      fullOrdersMade: 0,
      activeOrders: 1,
    });
    const byRegion = await stats("REGION");
    expect(byRegion.find((row: { scope: string }) => row.scope === "NORTH_WEST")).toMatchObject({
      label: "North West",
      interimOrdersMade: 1,
      fullOrdersMade: 1,
      activeOrders: 2,
    });
    const [national] = await stats("NATIONAL");
    expect(national).toMatchObject({
      scope: "NATIONAL",
      label: "England and Wales",
      interimOrdersMade: 1,
      fullOrdersMade: 2,
      activeOrders: 3,
    });
    for (const key of ["interimOrdersMade", "fullOrdersMade", "activeOrders"]) {
      const sum = (rows: Record<string, number>[]) => rows.reduce((total, row) => total + row[key], 0);
      expect(sum(byForce)).toBe(national[key]);
      expect(sum(byRegion)).toBe(national[key]);
    }
  });
});
