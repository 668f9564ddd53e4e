import { emptyChunk, type TestDatabase } from "../../../test/support/database";
import type { SubgraphServer } from "../../../platform/subgraph/subgraph";
import { executeOnSubgraph } from "../../../test/support/execute";
import { principalFor } from "../../../test/support/identity";
import { hearing, order } from "../../../test/support/rows";
import { startSubgraphUnderTest } from "../../../test/support/subgraph-under-test";
import { hearingsSubgraph } from "../subgraph";

/** listHearing, relistHearing, vacateHearing and an adjournment's next hearing, on the hearings subgraph alone. */
const TODAY = "2026-11-23";
const CREWE = principalFor("court-listing", { kind: "courts", courts: ["B07ED"] }, "crewe-listing-svc");
const CANNOCK = principalFor("court-listing", { kind: "courts", courts: ["B21DA"] }, "cannock-listing-svc");

function fixture() {
  const chunk = emptyChunk();
  chunk.orders.orders.push(
    order({ id: "full", kind: "FULL", applicantForceCode: "07", courtCode: "B07ED", madeOn: "2025-05-02", expiresOn: "2028-05-02" }),
  );
  chunk.hearings.hearings.push(hearing("review", "2026-11-23T10:00:00Z", { orderId: "full", type: "REVIEW" }));
  return chunk;
}

const FIELDS = `id status type listedFor listingSequence courtroom youthMarker reportingRestrictions sittingDay previousHearing { id } nextHearing { id listedFor }`;

describe("court listing (hearings subgraph)", () => {
  let database: TestDatabase;
  let server: SubgraphServer<unknown>;
  beforeEach(async () => {
    ({ database, server } = await startSubgraphUnderTest(hearingsSubgraph, [fixture()], TODAY));
  });
  afterEach(() => database.dispose());

  const list = (input: Record<string, unknown>, as = CREWE) =>
    executeOnSubgraph(server, `mutation($input: ListHearingInput!) { listHearing(input: $input) { ${FIELDS} } }`, { input }, as);
  const count = async () => (await database.db.query(`SELECT 1 FROM court_hearing`)).length;

  it("lists, relists and vacates a hearing at the caller's court, keeping each change", async () => {
    const listed = await list({
      orderId: "full",
      type: "VARIATION",
      courtCode: "B07ED",
      listedFor: "2026-12-01T10:00:00Z",
      courtroom: "2",
      idempotencyKey: "l1",
    });
    expect(listed.errors).toBeUndefined();
    const id = listed.data!.listHearing.id;
    expect(listed.data!.listHearing).toMatchObject({
      status: "LISTED",
      listingSequence: 1,
      sittingDay: "2026-12-01",
      youthMarker: false,
      reportingRestrictions: [],
    });
    const moved = await executeOnSubgraph(
      server,
      `mutation($input: RelistHearingInput!) { relistHearing(input: $input) { ${FIELDS} } }`,
      { input: { hearingId: id, listedFor: "2026-12-03T10:00:00Z", reason: "Bench unavailable", idempotencyKey: "r1" } },
      CREWE,
    );
    expect(moved.data!.relistHearing).toMatchObject({ sittingDay: "2026-12-03", status: "LISTED" });
    const vacated = await executeOnSubgraph(
      server,
      `mutation($input: VacateHearingInput!) { vacateHearing(input: $input) { status } }`,
      { input: { hearingId: id, reason: "Application withdrawn", idempotencyKey: "v1" } },
      CREWE,
    );
    expect(vacated.data!.vacateHearing).toEqual({ status: "VACATED" });
    const history = await database.db.query(`SELECT kind, reason FROM court_hearing_listing WHERE hearing_id = $1 ORDER BY position`, [id]);
    expect(history).toEqual([
      { kind: "LISTED", reason: null },
      { kind: "RELISTED", reason: "Bench unavailable" },
      { kind: "VACATED", reason: "Application withdrawn" },
    ]);
  });

  it("refuses another court's list, a past day and a weekend, changing nothing", async () => {
    const before = await count();
    const base = { orderId: "full", type: "VARIATION", courtCode: "B07ED", listedFor: "2026-12-01T10:00:00Z", idempotencyKey: "x" };
    for (const [input, as, argument] of [
      [base, CANNOCK, "input.courtCode"],
      [{ ...base, listedFor: "2026-11-20T10:00:00Z" }, CREWE, "input.listedFor"],
      [{ ...base, listedFor: "2026-11-28T10:00:00Z" }, CREWE, "input.listedFor"],
      [{ ...base, orderId: "nope" }, CREWE, "input.orderId"],
    ] as const) {
      const { errors } = await list(input, as);
      expect(errors?.map((error) => error.extensions)).toEqual([{ code: "BAD_USER_INPUT", argument }]);
    }
    expect(await count()).toBe(before);
  });

  it("lists an adjournment's next hearing with the outcome, and refuses one on a day not after it", async () => {
    const RECORD = `mutation($input: HearingOutcomeInput!) { recordHearingOutcome(input: $input) { ${FIELDS} } }`;
    const refused = await executeOnSubgraph(
      server,
      RECORD,
      {
        input: {
          hearingId: "review",
          status: "ADJOURNED",
          decision: "ADJOURNED",
          nextHearing: { listedFor: "2026-11-23T14:00:00Z" },
          idempotencyKey: "a0",
        },
      },
      CREWE,
    );
    expect(refused.errors?.map((error) => error.extensions)).toEqual([{ code: "BAD_USER_INPUT", argument: "input.nextHearing.listedFor" }]);
    const adjourned = await executeOnSubgraph(
      server,
      RECORD,
      {
        input: {
          hearingId: "review",
          status: "ADJOURNED",
          decision: "ADJOURNED",
          nextHearing: { listedFor: "2026-12-07T10:00:00Z" },
          idempotencyKey: "a1",
        },
      },
      CREWE,
    );
    expect(adjourned.errors).toBeUndefined();
    expect(adjourned.data!.recordHearingOutcome).toMatchObject({
      status: "ADJOURNED",
      nextHearing: { listedFor: "2026-12-07T10:00:00+00:00" },
    });
  });
});
