import type { SubgraphServer } from "../../../platform/subgraph/subgraph";
import { emptyChunk, type TestDatabase } from "../../../test/support/database";
import { startSubgraphUnderTest } from "../../../test/support/subgraph-under-test";
import { executeOnSubgraph } from "../../../test/support/execute";
import { hearing } from "../../../test/support/rows";
import { hearingsSubgraph } from "../subgraph";

const CREWE = "B07ED";
const CHESTER = "B07DM";

/** Listing times in British Summer Time (+01:00) around 13 August 2020, and one in GMT. */
function fixture() {
  const chunk = emptyChunk();
  chunk.hearings.hearings.push(
    hearing("h-late-room2", "2020-08-13T10:00:00+01:00", { courtroom: "2", orderId: "o-cheshire", respondentId: "p-runcorn" }),
    hearing("h-late-room1", "2020-08-13T10:00:00+01:00", { courtroom: "1" }),
    hearing("h-early", "2020-08-13T09:30:00+01:00", {
      courtroom: "3",
      orderId: "o-cheshire",
      status: "HEARD",
      decision: "FULL_ORDER_MADE",
      outcomeNote: "Full order made for five years",
    }),
    // 00:30 BST on the 13th is 23:30 UTC on the 12th: it belongs to the 13th.
    hearing("h-after-midnight", "2020-08-13T00:30:00+01:00", { courtroom: null }),
    // 23:30 BST on the 12th is 22:30 UTC on the 12th: it belongs to the 12th.
    hearing("h-before-midnight", "2020-08-12T23:30:00+01:00", { orderId: "o-cheshire" }),
    hearing("h-next-midnight", "2020-08-14T00:00:00+01:00"),
    hearing("h-other-court", "2020-08-13T11:00:00+01:00", { courtCode: CHESTER }),
    hearing("h-interim", "2020-03-02T14:00:00Z", { orderId: "o-cheshire", type: "INTERIM_APPLICATION" }),
    hearing("h-winter", "2020-12-01T10:00:00Z"),
  );
  return chunk;
}

const idsOf = (hearings: { id: string }[]) => hearings.map((h) => h.id);

describe("hearings subgraph", () => {
  let database: TestDatabase;
  let server: SubgraphServer<unknown>;
  const statements: string[] = [];
  let observedServer: SubgraphServer<unknown>;

  beforeAll(async () => {
    ({ database, server, observedServer } = await startSubgraphUnderTest(hearingsSubgraph, [fixture()], "2026-11-22", statements));
  });
  afterAll(() => database.dispose());

  it("lists a court's hearings of one London day in listing order, the BST midnight boundary included", async () => {
    const { data, errors } = await executeOnSubgraph(
      server,
      `{ courtList(courtCode: "${CREWE}", date: "2020-08-13") { id listedFor courtroom court { code } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.courtList).toEqual([
      { id: "h-after-midnight", listedFor: "2020-08-13T00:30:00+01:00", courtroom: null, court: { code: CREWE } },
      { id: "h-early", listedFor: "2020-08-13T09:30:00+01:00", courtroom: "3", court: { code: CREWE } },
      { id: "h-late-room1", listedFor: "2020-08-13T10:00:00+01:00", courtroom: "1", court: { code: CREWE } },
      { id: "h-late-room2", listedFor: "2020-08-13T10:00:00+01:00", courtroom: "2", court: { code: CREWE } },
    ]);
    const dayBefore = await executeOnSubgraph(server, `{ courtList(courtCode: "${CREWE}", date: "2020-08-12") { id } }`);
    expect(idsOf(dayBefore.data!.courtList)).toEqual(["h-before-midnight"]);
  });

  it("serialises a winter listing with the GMT offset", async () => {
    const { data } = await executeOnSubgraph(server, `{ courtList(courtCode: "${CREWE}", date: "2020-12-01") { id listedFor } }`);
    expect(data!.courtList).toEqual([{ id: "h-winter", listedFor: "2020-12-01T10:00:00+00:00" }]);
  });

  it("refuses an unknown court code, naming the argument and the code", async () => {
    const { data, errors } = await executeOnSubgraph(server, `{ courtList(courtCode: "X99XX", date: "2020-08-13") { id } }`);
    expect(data).toBeNull();
    expect(errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "courtCode" });
    expect(errors?.[0].message).toContain('unknown court code "X99XX"');
  });

  it("returns one hearing with its outcome and references to the order and respondent", async () => {
    const { data } = await executeOnSubgraph(
      server,
      `{ early: hearing(id: "h-early") { caseNumber type status decision outcomeNote order { id } respondent { id } }
         late: hearing(id: "h-late-room2") { order { id } respondent { id } }
         missing: hearing(id: "nope") { id } }`,
    );
    expect(data).toEqual({
      early: {
        caseNumber: "CASE-h-early",
        type: "FULL_APPLICATION",
        status: "HEARD",
        decision: "FULL_ORDER_MADE",
        outcomeNote: "Full order made for five years",
        order: { id: "o-cheshire" },
        respondent: null,
      },
      late: { order: { id: "o-cheshire" }, respondent: { id: "p-runcorn" } },
      missing: null,
    });
  });

  it("resolves CourtHearing entities in key order, null for an unknown id, and an order's hearings in listing order", async () => {
    const { data, errors } = await executeOnSubgraph(
      server,
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on CourtHearing { id listedFor }
        ... on StalkingProtectionOrder { id hearings { id } }
      } }`,
      {
        r: [
          { __typename: "CourtHearing", id: "h-winter" },
          { __typename: "CourtHearing", id: "missing" },
          { __typename: "StalkingProtectionOrder", id: "o-cheshire" },
          { __typename: "CourtHearing", id: "h-early" },
          { __typename: "StalkingProtectionOrder", id: "o-without-hearings" },
        ],
      },
    );
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual([
      { id: "h-winter", listedFor: "2020-12-01T10:00:00+00:00" },
      null,
      { id: "o-cheshire", hearings: [{ id: "h-interim" }, { id: "h-before-midnight" }, { id: "h-early" }, { id: "h-late-room2" }] },
      { id: "h-early", listedFor: "2020-08-13T09:30:00+01:00" },
      { id: "o-without-hearings", hearings: [] },
    ]);
  });

  it("issues the same number of SQL statements for 2 and for 20 representations", async () => {
    const statementsFor = async (count: number) => {
      const representations = Array.from({ length: count }, (_, i) =>
        i % 2 === 0 ? { __typename: "CourtHearing", id: `h-${i}` } : { __typename: "StalkingProtectionOrder", id: `o-${i}` },
      );
      statements.length = 0;
      const { errors } = await executeOnSubgraph(
        observedServer,
        `query($r: [_Any!]!) { _entities(representations: $r) {
          ... on CourtHearing { id } ... on StalkingProtectionOrder { hearings { id } }
        } }`,
        { r: representations },
      );
      expect(errors).toBeUndefined();
      return statements.length;
    };
    const forTwo = await statementsFor(2);
    expect(forTwo).toBe(2);
    expect(await statementsFor(20)).toBe(forTwo);
  });
});
