import type { CourtHearingRow } from "../../dataset-chunk";
import type { Principal } from "../../../platform/identity/principal";
import { forcesInRegion } from "../../../platform/estate";
import type { SubgraphServer } from "../../../platform/subgraph/subgraph";
import { emptyChunk, type TestDatabase } from "../../../test/support/database";
import { startSubgraphUnderTest } from "../../../test/support/subgraph-under-test";
import { executeOnSubgraph } from "../../../test/support/execute";
import { principalFor } from "../../../test/support/identity";
import { hearingsSubgraph } from "../subgraph";

const FORCE_OFFICER = principalFor("force-officer", { kind: "forces", forces: ["07"] });
const REGIONAL_OFFICER = principalFor("regional-officer", {
  kind: "forces",
  forces: forcesInRegion("NORTH_WEST").map((force) => force.code),
});
const NATIONAL_ANALYST = principalFor("national-analyst", { kind: "national" });
const COURT_LISTING = principalFor("court-listing", { kind: "courts", courts: ["B07ED"] });

const CREWE = "B07ED";
const CHESTER = "B07DM";
const CANNOCK = "B21DA";
const DAY = "2020-08-13";

function hearing(id: string, courtCode: string, forceCode: string, listedFor: string, orderId: string | null): CourtHearingRow {
  return {
    id,
    caseNumber: `CASE-${id}`,
    courtCode,
    forceCode,
    type: "FULL_APPLICATION",
    status: "LISTED",
    listedFor,
    courtroom: "1",
    orderId,
    respondentId: "p-runcorn",
    breachId: null,
    decision: null,
    outcomeNote: null,
  };
}

/** One Cheshire order heard at Crewe and at Chester; a Staffordshire order heard at Cannock. All on one day. */
function fixture() {
  const chunk = emptyChunk();
  chunk.hearings.hearings.push(
    hearing("h-crewe", CREWE, "07", `${DAY}T10:00:00+01:00`, "o-cheshire"),
    hearing("h-chester", CHESTER, "07", `${DAY}T11:00:00+01:00`, "o-cheshire"),
    hearing("h-cannock", CANNOCK, "21", `${DAY}T10:00:00+01:00`, "o-staffs"),
  );
  return chunk;
}

const EVERYONE_BUT_COURTS: [string, Principal][] = [
  ["force-officer (07)", FORCE_OFFICER],
  ["regional-officer (North West)", REGIONAL_OFFICER],
  ["national-analyst", NATIONAL_ANALYST],
];

const LISTS = `{ crewe: courtList(courtCode: "${CREWE}", date: "${DAY}") { id }
  chester: courtList(courtCode: "${CHESTER}", date: "${DAY}") { id }
  cannock: courtList(courtCode: "${CANNOCK}", date: "${DAY}") { id } }`;
const BY_ID = `{ crewe: hearing(id: "h-crewe") { id court { code } } chester: hearing(id: "h-chester") { id court { code } }
  cannock: hearing(id: "h-cannock") { id court { code } } }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on CourtHearing { id } ... on StalkingProtectionOrder { id hearings { id } } } }`;
const REPRESENTATIONS = [
  { __typename: "CourtHearing", id: "h-cannock" },
  { __typename: "CourtHearing", id: "h-crewe" },
  { __typename: "CourtHearing", id: "h-chester" },
  { __typename: "StalkingProtectionOrder", id: "o-cheshire" },
  { __typename: "StalkingProtectionOrder", id: "o-staffs" },
];

describe("hearings subgraph: record-level jurisdiction", () => {
  let database: TestDatabase;
  let server: SubgraphServer<unknown>;
  const statements: string[] = [];
  let observedServer: SubgraphServer<unknown>;

  beforeAll(async () => {
    ({ database, server, observedServer } = await startSubgraphUnderTest(hearingsSubgraph, [fixture()], "2026-11-22", statements));
  });
  afterAll(() => database.dispose());

  describe.each(EVERYONE_BUT_COURTS)("%s", (_name, principal) => {
    it("sees every court's list", async () => {
      const { data, errors } = await executeOnSubgraph(server, LISTS, undefined, principal);
      expect(errors).toBeUndefined();
      expect(data).toEqual({ crewe: [{ id: "h-crewe" }], chester: [{ id: "h-chester" }], cannock: [{ id: "h-cannock" }] });
    });

    it("sees every hearing by id and as an entity, and every hearing of an order", async () => {
      const byId = await executeOnSubgraph(server, BY_ID, undefined, principal);
      expect(byId.errors).toBeUndefined();
      expect(byId.data).toEqual({
        crewe: { id: "h-crewe", court: { code: CREWE } },
        chester: { id: "h-chester", court: { code: CHESTER } },
        cannock: { id: "h-cannock", court: { code: CANNOCK } },
      });
      const entities = await executeOnSubgraph(server, ENTITIES, { r: REPRESENTATIONS }, principal);
      expect(entities.errors).toBeUndefined();
      expect(entities.data!._entities).toEqual([
        { id: "h-cannock" },
        { id: "h-crewe" },
        { id: "h-chester" },
        { id: "o-cheshire", hearings: [{ id: "h-crewe" }, { id: "h-chester" }] },
        { id: "o-staffs", hearings: [{ id: "h-cannock" }] },
      ]);
    });
  });

  describe("court-listing (Crewe)", () => {
    it("gets its own court's list, and an empty list for any other court, without an error", async () => {
      const { data, errors } = await executeOnSubgraph(server, LISTS, undefined, COURT_LISTING);
      expect(errors).toBeUndefined();
      expect(data).toEqual({ crewe: [{ id: "h-crewe" }], chester: [], cannock: [] });
    });

    it("still has an unknown court code refused as bad input", async () => {
      const { data, errors } = await executeOnSubgraph(
        server,
        `{ courtList(courtCode: "X99XX", date: "${DAY}") { id } }`,
        undefined,
        COURT_LISTING,
      );
      expect(data).toBeNull();
      expect(errors?.[0].extensions).toEqual({ code: "BAD_USER_INPUT", argument: "courtCode" });
    });

    it("gets null, without an error, for a hearing at another court, by id or as an entity", async () => {
      const byId = await executeOnSubgraph(server, BY_ID, undefined, COURT_LISTING);
      expect(byId.errors).toBeUndefined();
      expect(byId.data).toEqual({ crewe: { id: "h-crewe", court: { code: CREWE } }, chester: null, cannock: null });
    });

    it("sees only its courts' hearings of an order", async () => {
      const { data, errors } = await executeOnSubgraph(server, ENTITIES, { r: REPRESENTATIONS }, COURT_LISTING);
      expect(errors).toBeUndefined();
      expect(data!._entities).toEqual([
        null,
        { id: "h-crewe" },
        null,
        { id: "o-cheshire", hearings: [{ id: "h-crewe" }] },
        { id: "o-staffs", hearings: [] },
      ]);
    });
  });

  it.each<[string, Principal]>([...EVERYONE_BUT_COURTS, ["court-listing", COURT_LISTING]])(
    "issues the same number of SQL statements for 2 and for 20 representations as %s",
    async (_name, principal) => {
      const statementsFor = async (count: number) => {
        const representations = [
          ...REPRESENTATIONS,
          ...Array.from({ length: count }, (_, i) =>
            i % 2 === 0 ? { __typename: "CourtHearing", id: `h-${i}` } : { __typename: "StalkingProtectionOrder", id: `o-${i}` },
          ),
        ];
        statements.length = 0;
        const { errors } = await executeOnSubgraph(observedServer, ENTITIES, { r: representations }, principal);
        expect(errors).toBeUndefined();
        return statements.length;
      };
      const forTwo = await statementsFor(2);
      expect(forTwo).toBe(2);
      expect(await statementsFor(20)).toBe(forTwo);
    },
  );
});
