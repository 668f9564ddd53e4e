import type { HearingOutcomeAmendedPayload } from "../../../domain/outcome-amendments";
import type { Principal } from "../../../platform/identity/principal";
import type { SubgraphServer } from "../../../platform/subgraph/subgraph";
import { emptyChunk, type TestDatabase } from "../../../test/support/database";
import { executeOnSubgraph } from "../../../test/support/execute";
import { principalFor } from "../../../test/support/identity";
import { hearing, order } from "../../../test/support/rows";
import { startSubgraphUnderTest } from "../../../test/support/subgraph-under-test";
import { hearingsSubgraph } from "../subgraph";

const TODAY = "2026-11-22";
const CREWE_LISTING = principalFor("court-listing", { kind: "courts", courts: ["B07ED"] }, "crewe-listing-svc");
const CANNOCK_LISTING = principalFor("court-listing", { kind: "courts", courts: ["B21DA"] }, "cannock-listing-svc");
const REASON = "the bench refused the application; recorded as made in error";

/** At Crewe: a full application awaiting its hearing (applied), a full order in force (full) and hearings about them. */
function fixture() {
  const chunk = emptyChunk();
  const at = { applicantForceCode: "07", courtCode: "B07ED" };
  chunk.orders.orders.push(
    order({ id: "applied", kind: "FULL", ...at, appliedOn: "2026-01-05" }),
    order({ id: "full", kind: "FULL", ...at, madeOn: "2025-05-02", expiresOn: "2028-05-02" }),
  );
  chunk.hearings.hearings.push(
    hearing("application", "2026-03-02T10:00:00Z", { orderId: "applied", type: "FULL_APPLICATION" }),
    hearing("review", "2026-04-02T10:00:00+01:00", { orderId: "applied", type: "REVIEW" }),
    hearing("trial", "2026-02-02T10:00:00Z", { orderId: "full", type: "BREACH_TRIAL", breachId: "breach-1" }),
    hearing("listed", "2026-02-03T10:00:00Z", { orderId: "full", type: "VARIATION" }),
    // Loaded with the dataset: its outcome was recorded without the order it was decided on.
    hearing("seeded", "2025-05-02T10:00:00+01:00", {
      orderId: "full",
      type: "FULL_APPLICATION",
      status: "HEARD",
      decision: "FULL_ORDER_MADE",
    }),
  );
  return chunk;
}

const RECORD = `mutation($input: HearingOutcomeInput!) { recordHearingOutcome(input: $input) { id } }`;
const AMEND = `mutation($input: AmendHearingOutcomeInput!) {
  amendHearingOutcome(input: $input) {
    id status decision outcomeNote
    outcomeHistory { status decision outcomeNote expiresOn untilFurtherOrder recordedAt correctedAt correctionReason }
  }
}`;

describe("amendHearingOutcome (hearings subgraph)", () => {
  let database: TestDatabase;
  let server: SubgraphServer<unknown>;

  beforeEach(async () => {
    ({ database, server } = await startSubgraphUnderTest(hearingsSubgraph, [fixture()], TODAY));
  });
  afterEach(() => database.dispose());

  const record = (input: Record<string, unknown>) =>
    executeOnSubgraph(server, RECORD, { input: { idempotencyKey: `record-${String(input.hearingId)}`, ...input } }, CREWE_LISTING);
  const amend = (input: Record<string, unknown>, as: Principal = CREWE_LISTING) =>
    executeOnSubgraph(server, AMEND, { input: { idempotencyKey: "amend-1", reason: REASON, ...input } }, as);
  const outbox = () =>
    database.db.query<{ type: string; payload: HearingOutcomeAmendedPayload }>(`SELECT type, payload FROM event_outbox ORDER BY position`);
  const state = () =>
    database.db
      .query(`SELECT id, status, decision, outcome_note, decided_expires_on FROM court_hearing ORDER BY id`)
      .then(async (rows) => ({
        rows,
        history: await database.db.query(`SELECT * FROM hearing_outcome_amendment ORDER BY hearing_id, number`),
        outbox: await outbox(),
      }));
  const refusal = (result: Awaited<ReturnType<typeof amend>>) =>
    result.errors?.map((error) => [error.extensions?.code, error.extensions?.argument, error.message]);

  it("corrects a full order recorded in error to a refusal: the original kept in history, the event carrying both", async () => {
    await record({ hearingId: "application", status: "HEARD", decision: "FULL_ORDER_MADE", expiresOn: "2029-03-02", outcomeNote: "Made." });
    const { data, errors } = await amend({
      hearingId: "application",
      status: "HEARD",
      decision: "APPLICATION_REFUSED",
      outcomeNote: "Refused.",
    });
    expect(errors).toBeUndefined();
    expect(data!.amendHearingOutcome).toMatchObject({
      id: "application",
      status: "HEARD",
      decision: "APPLICATION_REFUSED",
      outcomeNote: "Refused.",
      outcomeHistory: [
        {
          status: "HEARD",
          decision: "FULL_ORDER_MADE",
          outcomeNote: "Made.",
          expiresOn: "2029-03-02",
          untilFurtherOrder: null,
          recordedAt: expect.any(String),
          correctedAt: expect.any(String),
          correctionReason: REASON,
        },
      ],
    });
    const [recorded, amended] = await outbox();
    expect(recorded.type).toBe("HearingOutcomeRecorded");
    expect(amended).toEqual({
      type: "HearingOutcomeAmended",
      payload: {
        hearingId: "application",
        hearingType: "FULL_APPLICATION",
        courtCode: "B07ED",
        orderId: "applied",
        breachId: null,
        status: "HEARD",
        decision: "APPLICATION_REFUSED",
        decidedOn: "2026-03-02",
        expiresOn: null,
        untilFurtherOrder: null,
        outcomeNote: "Refused.",
        amendment: {
          number: 1,
          correctedOn: TODAY,
          corrected: {
            status: "HEARD",
            decision: "FULL_ORDER_MADE",
            expiresOn: "2029-03-02",
            untilFurtherOrder: null,
            outcomeNote: "Made.",
          },
          effectChanged: true,
        },
      },
    });
    // The reason is the court's case detail: it stays with the hearing.
    expect(JSON.stringify(amended.payload)).not.toContain(REASON);
  });

  it("replays the same key and input to the same result, and refuses the key with another input, changing nothing", async () => {
    await record({ hearingId: "application", status: "HEARD", decision: "FULL_ORDER_MADE", expiresOn: "2029-03-02" });
    const input = { hearingId: "application", status: "HEARD", decision: "APPLICATION_REFUSED" };
    const first = await amend(input);
    const before = await state();
    expect(await amend(input)).toEqual(first);
    expect(refusal(await amend({ ...input, decision: "APPLICATION_WITHDRAWN" }))).toEqual([
      ["BAD_USER_INPUT", "input.idempotencyKey", expect.any(String)],
    ]);
    expect(await state()).toEqual(before);
  });

  it.each([
    ["no reason", { reason: "   " }, "input.reason"],
    ["a reason too short", { reason: "typo" }, "input.reason"],
    ["a correction identical to the outcome", { decision: "FULL_ORDER_MADE", expiresOn: "2029-03-02" }, "input"],
    [
      "a correction the rule book refuses against the order before the original",
      { expiresOn: "2027-03-02", decision: "FULL_ORDER_MADE" },
      "input.expiresOn",
    ],
    ["a decision no full application hearing reaches", { decision: "ORDER_RENEWED", expiresOn: "2030-03-02" }, "input.decision"],
  ])("refuses %s, naming the argument and changing nothing", async (_name, change, argument) => {
    await record({ hearingId: "application", status: "HEARD", decision: "FULL_ORDER_MADE", expiresOn: "2029-03-02" });
    const before = await state();
    const result = await amend({ hearingId: "application", status: "HEARD", decision: "APPLICATION_REFUSED", ...change });
    expect(refusal(result)).toEqual([["BAD_USER_INPUT", argument, expect.any(String)]]);
    expect(await state()).toEqual(before);
  });

  it("refuses a hearing with no outcome recorded, one at a court not covered, one decided on since, and an outcome kept without its order", async () => {
    await record({ hearingId: "application", status: "HEARD", decision: "FULL_ORDER_MADE", expiresOn: "2029-03-02" });
    await record({ hearingId: "review", status: "ADJOURNED", decision: "ADJOURNED" });
    const before = await state();
    const refused = async (input: Record<string, unknown>, as?: Principal) =>
      refusal(await amend({ status: "HEARD", decision: "APPLICATION_REFUSED", ...input }, as));
    expect(await refused({ hearingId: "listed" })).toEqual([
      [
        "BAD_USER_INPUT",
        "input.hearingId",
        expect.stringContaining("no outcome has been recorded for this hearing: record it with recordHearingOutcome"),
      ],
    ]);
    expect(await refused({ hearingId: "application" }, CANNOCK_LISTING)).toEqual([
      ["BAD_USER_INPUT", "input.hearingId", "Invalid input.hearingId: no hearing with this id at your courts"],
    ]);
    expect(await refused({ hearingId: "application", idempotencyKey: "amend-2" })).toEqual([
      ["BAD_USER_INPUT", "input.hearingId", expect.stringContaining("a later hearing of this order has an outcome recorded since")],
    ]);
    expect(await refused({ hearingId: "seeded", idempotencyKey: "amend-3", decision: "APPLICATION_WITHDRAWN" })).toEqual([
      ["BAD_USER_INPUT", "input.hearingId", expect.stringContaining("recorded before the order it was decided on was kept with it")],
    ]);
    expect(await state()).toEqual(before);
  });

  it("corrects a conviction to an acquittal, and a correction of that correction keeps both in history", async () => {
    await record({ hearingId: "trial", status: "HEARD", decision: "CONVICTED" });
    expect((await amend({ hearingId: "trial", status: "HEARD", decision: "ACQUITTED" })).errors).toBeUndefined();
    const { data, errors } = await amend({
      hearingId: "trial",
      status: "ADJOURNED",
      decision: "ADJOURNED",
      idempotencyKey: "amend-2",
      reason: "the trial did not conclude that day",
    });
    expect(errors).toBeUndefined();
    expect(data!.amendHearingOutcome.outcomeHistory.map((entry: { decision: string }) => entry.decision)).toEqual([
      "CONVICTED",
      "ACQUITTED",
    ]);
    expect(
      (await outbox()).map((event) => [event.type, event.payload.amendment?.number, event.payload.amendment?.corrected.decision]),
    ).toEqual([
      ["HearingOutcomeRecorded", undefined, undefined],
      ["HearingOutcomeAmended", 1, "CONVICTED"],
      ["HearingOutcomeAmended", 2, "ACQUITTED"],
    ]);
  });
});
