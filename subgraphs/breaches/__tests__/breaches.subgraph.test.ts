import { forcesInRegion } from "../../../platform/estate";
import type { SubgraphServer } from "../../../platform/subgraph/subgraph";
import { emptyChunk, type TestDatabase } from "../../../test/support/database";
import { startSubgraphUnderTest } from "../../../test/support/subgraph-under-test";
import { executeOnSubgraph } from "../../../test/support/execute";
import { breach } from "../../../test/support/rows";
import { breachesSubgraph } from "../subgraph";

const FROM = "2024-01-01";
const TO = "2024-03-31";

const cheshireOrder = { orderId: "o-cheshire", orderForceCode: "07", offenderId: "p-runcorn" };

/**
 * Hand-counted for the period 2024-01-01..2024-03-31 (reported / convicted):
 * Cheshire 07: 2 / 2, Greater Manchester 06: 2 / 0 (both North West: 4 / 2),
 * Staffordshire 21: 1 / 0, British Transport Police 93 (region NATIONAL): 1 / 1;
 * nationally 6 / 3.
 */
function fixture() {
  const chunk = emptyChunk();
  chunk.breaches.breaches.push(
    breach("b1", "07", FROM, { ...cheshireOrder, occurredOn: "2023-12-31", description: "Sent a message to the protected person" }),
    breach("b2", "07", TO, { ...cheshireOrder, occurredOn: "2024-03-30", status: "CONVICTED", decidedOn: TO, sentence: "12 weeks" }),
    // Reported the day before the period, convicted within it: a conviction of the period, not a report.
    breach("b3", "07", "2023-12-31", { ...cheshireOrder, occurredOn: "2023-12-30", status: "CONVICTED", decidedOn: "2024-02-10" }),
    breach("b4", "07", "2024-04-01", { offenderId: "p-runcorn", offenceType: "NOTIFICATION_FAILURE", offenceCode: null }),
    // Reported within the period, convicted the day after it.
    breach("b5", "06", "2024-02-01", { status: "CONVICTED", decidedOn: "2024-04-01" }),
    breach("b6", "06", "2023-11-01", { status: "CONVICTED", decidedOn: "2023-12-31" }),
    breach("b7", "21", "2024-02-20", { status: "ACQUITTED", decidedOn: "2024-03-01" }),
    breach("b8", "93", "2024-03-01", { status: "CONVICTED", decidedOn: "2024-03-15" }),
    breach("b9", "06", "2024-03-10", { status: "CHARGED" }),
  );
  return chunk;
}

const STATISTICS_QUERY = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on SpoStatistics { grouping scope periodFrom periodTo breachesReported breachConvictions }
} }`;

function statisticsRow(grouping: string, scope: string, periodFrom = FROM, periodTo = TO) {
  return { __typename: "SpoStatistics", grouping, scope, periodFrom, periodTo };
}

describe("breaches subgraph", () => {
  let database: TestDatabase;
  let server: SubgraphServer<unknown>;
  const statements: string[] = [];
  let observedServer: SubgraphServer<unknown>;

  beforeAll(async () => {
    ({ database, server, observedServer } = await startSubgraphUnderTest(breachesSubgraph, [fixture()], "2026-11-22", statements));
  });
  afterAll(() => database.dispose());

  it("returns a breach offence with references to its order, offender and reporting force", async () => {
    const { data, errors } = await executeOnSubgraph(
      server,
      `{ breachOffence(id: "b2") { id offenceType offenceCode order { id } offender { id } reportingForce { code }
           occurredOn reportedOn description status sentence }
         unattached: breachOffence(id: "b4") { offenceType offenceCode order { id } }
         missing: breachOffence(id: "nope") { id } }`,
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      breachOffence: {
        id: "b2",
        offenceType: "BREACH_OF_ORDER",
        offenceCode: "ST19001",
        order: { id: "o-cheshire" },
        offender: { id: "p-runcorn" },
        reportingForce: { code: "07" },
        occurredOn: "2024-03-30",
        reportedOn: TO,
        description: null,
        status: "CONVICTED",
        sentence: "12 weeks",
      },
      unattached: { offenceType: "NOTIFICATION_FAILURE", offenceCode: null, order: null },
      missing: null,
    });
  });

  it("resolves BreachOffence entities in key order with null for an unknown id", async () => {
    const { data, errors } = await executeOnSubgraph(
      server,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on BreachOffence { id reportedOn } } }`,
      {
        r: [
          { __typename: "BreachOffence", id: "b7" },
          { __typename: "BreachOffence", id: "missing" },
          { __typename: "BreachOffence", id: "b1" },
        ],
      },
    );
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual([{ id: "b7", reportedOn: "2024-02-20" }, null, { id: "b1", reportedOn: FROM }]);
  });

  it("lists an order's breaches and a person's breach offences in the order they occurred", async () => {
    const { data, errors } = await executeOnSubgraph(
      server,
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on StalkingProtectionOrder { id breaches { id occurredOn } }
        ... on Person { id breachOffences { id } }
      } }`,
      {
        r: [
          { __typename: "Person", id: "p-runcorn" },
          { __typename: "StalkingProtectionOrder", id: "o-cheshire" },
          { __typename: "StalkingProtectionOrder", id: "o-unbreached" },
          { __typename: "Person", id: "p-b7" },
        ],
      },
    );
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual([
      { id: "p-runcorn", breachOffences: [{ id: "b3" }, { id: "b1" }, { id: "b2" }, { id: "b4" }] },
      {
        id: "o-cheshire",
        breaches: [
          { id: "b3", occurredOn: "2023-12-30" },
          { id: "b1", occurredOn: "2023-12-31" },
          { id: "b2", occurredOn: "2024-03-30" },
        ],
      },
      { id: "o-unbreached", breaches: [] },
      { id: "p-b7", breachOffences: [{ id: "b7" }] },
    ]);
  });

  it("counts breaches reported and convictions decided by force, region and nation, both period ends inclusive", async () => {
    const { data, errors } = await executeOnSubgraph(server, STATISTICS_QUERY, {
      r: [
        statisticsRow("FORCE", "07"),
        statisticsRow("FORCE", "06"),
        statisticsRow("FORCE", "21"),
        statisticsRow("FORCE", "03"),
        statisticsRow("REGION", "NORTH_WEST"),
        statisticsRow("REGION", "WEST_MIDLANDS"),
        statisticsRow("REGION", "NATIONAL"),
        statisticsRow("REGION", "WALES"),
        statisticsRow("NATIONAL", "NATIONAL"),
      ],
    });
    expect(errors).toBeUndefined();
    const counts = data!._entities.map((row: { scope: string; breachesReported: number; breachConvictions: number }) => [
      row.scope,
      row.breachesReported,
      row.breachConvictions,
    ]);
    expect(counts).toEqual([
      ["07", 2, 2],
      ["06", 2, 0],
      ["21", 1, 0],
      ["03", 0, 0],
      ["NORTH_WEST", 4, 2],
      ["WEST_MIDLANDS", 1, 0],
      ["NATIONAL", 1, 1],
      ["WALES", 0, 0],
      ["NATIONAL", 6, 3],
    ]);
    expect(data!._entities[8]).toEqual({
      grouping: "NATIONAL",
      scope: "NATIONAL",
      periodFrom: FROM,
      periodTo: TO,
      breachesReported: 6,
      breachConvictions: 3,
    });
  });

  it("counts a conviction in the period it was decided, not the period it was reported", async () => {
    const { data } = await executeOnSubgraph(server, STATISTICS_QUERY, {
      r: [statisticsRow("FORCE", "07", "2023-12-01", "2023-12-31"), statisticsRow("FORCE", "07", "2024-02-01", "2024-02-29")],
    });
    expect(
      data!._entities.map((row: { breachesReported: number; breachConvictions: number }) => [row.breachesReported, row.breachConvictions]),
    ).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  // Two periods a day apart, differenced, would give one day's counts: only whole calendar months, however the key arrives.
  it.each([
    ["a day-shifted window", "2024-02-02", "2024-03-01", "from", /from \(2024-02-02\) is not the 1st of a month/],
    ["a window ending mid-month", "2024-02-01", "2024-02-10", "to", /to \(2024-02-10\) is not the last day of a month/],
    ["one day", "2024-02-10", "2024-02-10", "from", /whole calendar months/],
  ])("refuses a statistics key of %s, naming %s", async (_label, from, to, argument, message) => {
    const { errors } = await executeOnSubgraph(server, STATISTICS_QUERY, { r: [statisticsRow("FORCE", "07", from, to)] });
    expect(errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument });
    expect(errors?.[0].message).toMatch(message);
    expect(errors?.[0].message).toMatch(/statistics cover whole calendar months/);
  });

  it("sums each region's force rows to the region row", async () => {
    const northWest = forcesInRegion("NORTH_WEST");
    const { data } = await executeOnSubgraph(server, STATISTICS_QUERY, {
      r: [statisticsRow("REGION", "NORTH_WEST"), ...northWest.map((force) => statisticsRow("FORCE", force.code))],
    });
    const [region, ...forces] = data!._entities as { breachesReported: number; breachConvictions: number }[];
    expect(forces).toHaveLength(northWest.length);
    expect(forces.reduce((sum, row) => sum + row.breachesReported, 0)).toBe(region.breachesReported);
    expect(forces.reduce((sum, row) => sum + row.breachConvictions, 0)).toBe(region.breachConvictions);
    expect(region.breachesReported).toBeGreaterThan(0);
  });

  it("answers null for a statistics key that names no scope of its grouping", async () => {
    const { data, errors } = await executeOnSubgraph(server, STATISTICS_QUERY, {
      r: [statisticsRow("FORCE", "99"), statisticsRow("REGION", "07"), statisticsRow("FORCE", "07", "2024-02-30")],
    });
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual([null, null, null]);
  });

  it("issues the same number of SQL statements for 2 and for 20 representations of each entity", async () => {
    const regions = ["LONDON", "NORTH_EAST", "NORTH_WEST", "WALES", "EASTERN"];
    const statementsFor = async (count: number) => {
      const representations = Array.from({ length: count }, (_, i) => [
        { __typename: "BreachOffence", id: `b${i}` },
        { __typename: "StalkingProtectionOrder", id: `o-${i}` },
        { __typename: "Person", id: `p-b${i}` },
        // Many scopes of one period, as a dashboard asks for them.
        i % 2 === 0 ? statisticsRow("FORCE", "07") : statisticsRow("REGION", regions[i % regions.length]),
      ]).flat();
      statements.length = 0;
      const { errors } = await executeOnSubgraph(
        observedServer,
        `query($r: [_Any!]!) { _entities(representations: $r) {
          ... on BreachOffence { id }
          ... on StalkingProtectionOrder { breaches { id } }
          ... on Person { breachOffences { id } }
          ... on SpoStatistics { breachesReported }
        } }`,
        { r: representations },
      );
      expect(errors).toBeUndefined();
      return statements.length;
    };
    const forTwo = await statementsFor(2);
    // One per entity type, and a second for the statistics of a period: the breakdown by offence type.
    expect(forTwo).toBe(5);
    expect(await statementsFor(20)).toBe(forTwo);
  });
});
