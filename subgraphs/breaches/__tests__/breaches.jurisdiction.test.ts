import type { BreachOffenceRow } from "../../dataset-chunk";
import type { Principal } from "../../../platform/identity/principal";
import { forcesInRegion } from "../../../platform/estate";
import type { SubgraphServer } from "../../../platform/subgraph/subgraph";
import { emptyChunk, type TestDatabase } from "../../../test/support/database";
import { startSubgraphUnderTest } from "../../../test/support/subgraph-under-test";
import { executeOnSubgraph, type ExecutionResult } from "../../../test/support/execute";
import { principalFor, withEveryScope } from "../../../test/support/identity";
import { breachesSubgraph } from "../subgraph";

// Each persona's jurisdiction with every scope: jurisdiction is under test here, the scopes are checked on their own.
const FORCE_OFFICER = withEveryScope(principalFor("force-officer", { kind: "forces", forces: ["07"] }));
const REGIONAL_OFFICER = withEveryScope(
  principalFor("regional-officer", { kind: "forces", forces: forcesInRegion("NORTH_WEST").map((force) => force.code) }),
);
const NATIONAL_ANALYST = withEveryScope(principalFor("national-analyst", { kind: "national" }));
const COURT_LISTING = withEveryScope(principalFor("court-listing", { kind: "courts", courts: ["B07ED"] }));

function breach(id: string, orderForceCode: string | null, reportingForceCode: string, occurredOn: string): BreachOffenceRow {
  return {
    id,
    offenceType: orderForceCode === null ? "NOTIFICATION_FAILURE" : "BREACH_OF_ORDER",
    offenceCode: orderForceCode === null ? null : "ST19001",
    orderId: orderForceCode === null ? null : `o-${orderForceCode}`,
    orderForceCode,
    offenderId: "p-1",
    reportingForceCode,
    occurredOn,
    reportedOn: occurredOn,
    description: `What happened in ${id}`,
    status: "CONVICTED",
    decidedOn: occurredOn,
    sentence: `Sentence of ${id}`,
  };
}

/**
 * Cheshire 07 and Greater Manchester 06 are North West; Staffordshire 21 is West Midlands.
 * b-ours: Cheshire's order, reported to Cheshire; b-reported-to-us: Staffordshire's order, reported to Cheshire;
 * b-our-order: Cheshire's order, reported to Staffordshire; b-theirs: no order, reported to Staffordshire;
 * b-gmp: Greater Manchester's order, reported to Greater Manchester.
 */
function fixture() {
  const chunk = emptyChunk();
  chunk.breaches.breaches.push(
    breach("b-ours", "07", "07", "2024-01-01"),
    breach("b-reported-to-us", "21", "07", "2024-01-02"),
    breach("b-our-order", "07", "21", "2024-01-03"),
    breach("b-theirs", null, "21", "2024-01-04"),
    breach("b-gmp", "06", "06", "2024-01-05"),
  );
  return chunk;
}
const IDS = ["b-ours", "b-reported-to-us", "b-our-order", "b-theirs", "b-gmp"];

function errorsOf(result: ExecutionResult<unknown>) {
  return (result.errors ?? [])
    .map(({ message, path, extensions }) => ({ message, path, extensions }))
    .sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)));
}
const outOfJurisdiction = (...path: (string | number)[]) => ({
  message: "Outside your jurisdiction",
  path,
  extensions: { code: "FORBIDDEN", reason: "OUT_OF_JURISDICTION" },
});
const byPath = (a: { path: unknown }, b: { path: unknown }) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path));

const FIELDS = `id offenceType status occurredOn reportedOn reportingForce { code } order { id } description sentence`;
const ORDER_FORCE: Record<string, string | null> = {
  "b-ours": "07",
  "b-reported-to-us": "21",
  "b-our-order": "07",
  "b-theirs": null,
  "b-gmp": "06",
};
const REPORTING_FORCE: Record<string, string> = {
  "b-ours": "07",
  "b-reported-to-us": "07",
  "b-our-order": "21",
  "b-theirs": "21",
  "b-gmp": "06",
};
const OCCURRED: Record<string, string> = {
  "b-ours": "2024-01-01",
  "b-reported-to-us": "2024-01-02",
  "b-our-order": "2024-01-03",
  "b-theirs": "2024-01-04",
  "b-gmp": "2024-01-05",
};

/** A breach as every breach:read holder sees it, with its detail only when covered. */
function expectedBreach(id: string, covered: boolean) {
  const orderForce = ORDER_FORCE[id];
  return {
    id,
    offenceType: orderForce === null ? "NOTIFICATION_FAILURE" : "BREACH_OF_ORDER",
    status: "CONVICTED",
    occurredOn: OCCURRED[id],
    reportedOn: OCCURRED[id],
    reportingForce: { code: REPORTING_FORCE[id] },
    order: orderForce === null ? null : { id: `o-${orderForce}` },
    description: covered ? `What happened in ${id}` : null,
    sentence: covered ? `Sentence of ${id}` : null,
  };
}

const CASES: [string, Principal, string[]][] = [
  ["force-officer (07)", FORCE_OFFICER, ["b-ours", "b-reported-to-us", "b-our-order"]],
  ["regional-officer (North West)", REGIONAL_OFFICER, ["b-ours", "b-reported-to-us", "b-our-order", "b-gmp"]],
  ["national-analyst", NATIONAL_ANALYST, IDS],
  ["court-listing (Crewe)", COURT_LISTING, []],
];

describe("breaches subgraph: record-level jurisdiction", () => {
  let database: TestDatabase;
  let server: SubgraphServer<unknown>;
  const statements: string[] = [];
  let observedServer: SubgraphServer<unknown>;

  beforeAll(async () => {
    ({ database, server, observedServer } = await startSubgraphUnderTest(breachesSubgraph, [fixture()], "2026-11-22", statements));
  });
  afterAll(() => database.dispose());

  it.each(CASES)(
    "%s sees every breach's existence, and description and sentence only where it covers the order's or the reporting force",
    async (_name, principal, covered) => {
      const aliases = IDS.map((id, i) => `b${i}: breachOffence(id: "${id}") { ${FIELDS} }`).join(" ");
      const result = await executeOnSubgraph(server, `{ ${aliases} }`, undefined, principal);
      expect(result.data).toEqual(Object.fromEntries(IDS.map((id, i) => [`b${i}`, expectedBreach(id, covered.includes(id))])));
      expect(errorsOf(result)).toEqual(
        IDS.flatMap((id, i) =>
          covered.includes(id) ? [] : [outOfJurisdiction(`b${i}`, "description"), outOfJurisdiction(`b${i}`, "sentence")],
        ).sort(byPath),
      );
    },
  );

  it.each(CASES)("%s gets the same answer through entities and lists", async (_name, principal, covered) => {
    const { data, errors } = await executeOnSubgraph(
      server,
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on BreachOffence { ${FIELDS} }
        ... on Person { breachOffences { id description sentence } } } }`,
      { r: [...IDS.map((id) => ({ __typename: "BreachOffence", id })), { __typename: "Person", id: "p-1" }] },
      principal,
    );
    expect(data!._entities).toEqual([
      ...IDS.map((id) => expectedBreach(id, covered.includes(id))),
      {
        breachOffences: IDS.map((id) => ({
          id,
          description: covered.includes(id) ? `What happened in ${id}` : null,
          sentence: covered.includes(id) ? `Sentence of ${id}` : null,
        })),
      },
    ]);
    const withheld = IDS.flatMap((id, i) => (covered.includes(id) ? [] : [i]));
    expect(errorsOf({ data, errors })).toEqual(
      [
        ...withheld.flatMap((i) => [outOfJurisdiction("_entities", i, "description"), outOfJurisdiction("_entities", i, "sentence")]),
        ...withheld.flatMap((i) => [
          outOfJurisdiction("_entities", IDS.length, "breachOffences", i, "description"),
          outOfJurisdiction("_entities", IDS.length, "breachOffences", i, "sentence"),
        ]),
      ].sort(byPath),
    );
  });

  it.each(CASES)("%s: refusing detail costs no SQL statement", async (_name, principal) => {
    statements.length = 0;
    await executeOnSubgraph(observedServer, `{ breachOffence(id: "b-theirs") { id description sentence } }`, undefined, principal);
    expect(statements).toHaveLength(1);
  });
});
