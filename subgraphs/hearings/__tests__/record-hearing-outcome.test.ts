import type { HearingOutcomeRecordedPayload } from "../../../domain/court-decisions";
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

/**
 * At Crewe: an interim order in force since March 2020 (interim), a full order
 * made in 2023 for two years (full), an application for an interim order
 * awaiting its hearing (pending), and hearings about each, listed on past days
 * unless named "future".
 */
function fixture() {
  const chunk = emptyChunk();
  chunk.orders.orders.push(
    order({ id: "interim", kind: "INTERIM", applicantForceCode: "07", courtCode: "B07ED", appliedOn: "2020-03-10", madeOn: "2020-03-12" }),
    order({ id: "full", kind: "FULL", applicantForceCode: "07", courtCode: "B07ED", madeOn: "2023-05-02", expiresOn: "2025-05-02" }),
    order({ id: "pending", kind: "INTERIM", applicantForceCode: "07", courtCode: "B07ED", appliedOn: "2024-06-01" }),
  );
  chunk.hearings.hearings.push(
    hearing("full-application", "2020-08-13T10:00:00+01:00", { orderId: "interim" }),
    hearing("full-application-2", "2020-08-20T10:00:00+01:00", { orderId: "interim" }),
    hearing("review", "2020-07-09T10:00:00+01:00", { orderId: "interim", type: "REVIEW" }),
    hearing("renewal", "2025-04-01T10:00:00+01:00", { orderId: "full", type: "RENEWAL" }),
    hearing("renewal-late", "2025-06-02T10:00:00+01:00", { orderId: "full", type: "RENEWAL" }),
    hearing("interim-application", "2024-06-03T10:00:00+01:00", { orderId: "pending", type: "INTERIM_APPLICATION" }),
    hearing("interim-application-2", "2020-04-01T10:00:00+01:00", { orderId: "interim", type: "INTERIM_APPLICATION" }),
    hearing("trial", "2024-09-02T10:00:00+01:00", { orderId: "full", type: "BREACH_TRIAL", breachId: "breach-1" }),
    hearing("vacated", "2024-09-03T10:00:00+01:00", { orderId: "full", type: "REVIEW", status: "VACATED" }),
    hearing("heard", "2024-09-04T10:00:00+01:00", { orderId: "full", type: "VARIATION", status: "HEARD", decision: "ORDER_VARIED" }),
    hearing("future", "2027-01-05T10:00:00Z", { orderId: "interim", type: "REVIEW" }),
    hearing("at-cannock", "2024-09-02T10:00:00+01:00", { courtCode: "B21DA", forceCode: "21", orderId: "full", type: "REVIEW" }),
  );
  return chunk;
}

const RECORD = `mutation($input: HearingOutcomeInput!) {
  recordHearingOutcome(input: $input) { id status decision outcomeNote }
}`;

interface HearingState {
  status: string;
  decision: string | null;
  outcome_note: string | null;
}

describe("recordHearingOutcome (hearings subgraph)", () => {
  let database: TestDatabase;
  let server: SubgraphServer<unknown>;

  beforeEach(async () => {
    ({ database, server } = await startSubgraphUnderTest(hearingsSubgraph, [fixture()], TODAY));
  });
  afterEach(() => database.dispose());

  const record = (input: Record<string, unknown>, as: Principal = CREWE_LISTING) =>
    executeOnSubgraph(server, RECORD, { input: { idempotencyKey: "key-1", ...input } }, as);
  const hearingState = async (id: string) =>
    (await database.db.query<HearingState>(`SELECT status, decision, outcome_note FROM court_hearing WHERE id = $1`, [id]))[0];
  const outbox = () =>
    database.db.query<{ stream: string; type: string; payload: HearingOutcomeRecordedPayload }>(
      `SELECT stream, type, payload FROM event_outbox ORDER BY position`,
    );
  const requestCount = async () => (await database.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM idempotent_request`))[0].n;

  it("records a full order made at a full application hearing, with the event for orders and breaches in the outbox", async () => {
    const { data, errors } = await record({
      hearingId: "full-application",
      status: "HEARD",
      decision: "FULL_ORDER_MADE",
      expiresOn: "2025-08-13",
      outcomeNote: "  Full order made for five years.  ",
    });
    expect(errors).toBeUndefined();
    expect(data!.recordHearingOutcome).toEqual({
      id: "full-application",
      status: "HEARD",
      decision: "FULL_ORDER_MADE",
      outcomeNote: "Full order made for five years.",
    });
    expect(await hearingState("full-application")).toEqual({
      status: "HEARD",
      decision: "FULL_ORDER_MADE",
      outcome_note: "Full order made for five years.",
    });
    expect(await outbox()).toEqual([
      {
        stream: "hearing-outcomes",
        type: "HearingOutcomeRecorded",
        payload: {
          hearingId: "full-application",
          hearingType: "FULL_APPLICATION",
          courtCode: "B07ED",
          orderId: "interim",
          breachId: null,
          status: "HEARD",
          decision: "FULL_ORDER_MADE",
          // Listed 10:00 BST on 13 August 2020: decided that day in England and Wales.
          decidedOn: "2020-08-13",
          expiresOn: "2025-08-13",
          untilFurtherOrder: null,
          outcomeNote: "Full order made for five years.",
        },
      },
    ]);
  });

  it("records an adjournment, a vacated hearing and a conviction, each as an outcome event", async () => {
    expect((await record({ hearingId: "full-application", status: "ADJOURNED", decision: "ADJOURNED" })).errors).toBeUndefined();
    expect((await record({ hearingId: "review", status: "VACATED", idempotencyKey: "key-2" })).errors).toBeUndefined();
    expect((await record({ hearingId: "trial", status: "HEARD", decision: "CONVICTED", idempotencyKey: "key-3" })).errors).toBeUndefined();
    expect(
      (await outbox()).map((event) => [event.payload.hearingId, event.payload.status, event.payload.decision, event.payload.breachId]),
    ).toEqual([
      ["full-application", "ADJOURNED", "ADJOURNED", null],
      ["review", "VACATED", null, null],
      ["trial", "HEARD", "CONVICTED", "breach-1"],
    ]);
  });

  describe("refuses an outcome that does not fit, naming the field, and changes nothing", () => {
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      ["LISTED is not an outcome", { hearingId: "review", status: "LISTED" }, "input.status", /LISTED is not an outcome/],
      ["a heard hearing without a decision", { hearingId: "review", status: "HEARD" }, "input.decision", /needs the court's decision/],
      ["ADJOURNED recorded as heard", { hearingId: "review", status: "HEARD", decision: "ADJOURNED" }, "input.status", /status ADJOURNED/],
      [
        "a decision on a vacated outcome",
        { hearingId: "review", status: "VACATED", decision: "ORDER_DISCHARGED" },
        "input.decision",
        /vacated/,
      ],
      [
        "CONVICTED on a full application",
        { hearingId: "full-application", status: "HEARD", decision: "CONVICTED" },
        "input.decision",
        /not a decision of a FULL_APPLICATION hearing/,
      ],
      [
        "FULL_ORDER_MADE on a review",
        { hearingId: "review", status: "HEARD", decision: "FULL_ORDER_MADE", expiresOn: "2025-08-13" },
        "input.decision",
        /not a decision of a REVIEW hearing/,
      ],
      [
        "a full order without an expiry",
        { hearingId: "full-application", status: "HEARD", decision: "FULL_ORDER_MADE" },
        "input.expiresOn",
        /needs expiresOn, or untilFurtherOrder/,
      ],
      [
        "a full order shorter than two years",
        { hearingId: "full-application", status: "HEARD", decision: "FULL_ORDER_MADE", expiresOn: "2022-08-12" },
        "input.expiresOn",
        /at least 2 years .*s\.3.*on or after 2022-08-13; got 2022-08-12/,
      ],
      [
        "both an expiry and until further order",
        { hearingId: "full-application", status: "HEARD", decision: "FULL_ORDER_MADE", expiresOn: "2025-08-13", untilFurtherOrder: true },
        "input.untilFurtherOrder",
        /not both/,
      ],
      [
        "a renewal that does not end later",
        { hearingId: "renewal", status: "HEARD", decision: "ORDER_RENEWED", expiresOn: "2025-05-02" },
        "input.expiresOn",
        /end later than the order does now \(2025-05-02\)/,
      ],
      [
        "a renewal without a new expiry",
        { hearingId: "renewal", status: "HEARD", decision: "ORDER_RENEWED" },
        "input.expiresOn",
        /needs the new expiresOn/,
      ],
      [
        "an interim extension until further order",
        { hearingId: "review", status: "HEARD", decision: "INTERIM_ORDER_EXTENDED", untilFurtherOrder: true },
        "input.untilFurtherOrder",
        /until the full application is determined/,
      ],
      [
        "an expiry on a decision that sets none",
        { hearingId: "review", status: "HEARD", decision: "ORDER_DISCHARGED", expiresOn: "2030-01-01" },
        "input.expiresOn",
        /ORDER_DISCHARGED sets no expiry/,
      ],
      [
        "a renewal of an order that had expired by the day of the hearing",
        { hearingId: "renewal-late", status: "HEARD", decision: "ORDER_RENEWED", expiresOn: "2027-05-02" },
        "input.decision",
        /only a full order in force can be renewed: the full order is EXPIRED on 2025-06-02/,
      ],
      [
        "an interim order made where none awaits a decision",
        { hearingId: "interim-application-2", status: "HEARD", decision: "INTERIM_ORDER_MADE" },
        "input.decision",
        /no interim application awaits a decision: the interim order is IN_FORCE/,
      ],
      [
        "an unknown hearing",
        { hearingId: "no-such-hearing", status: "HEARD", decision: "ADJOURNED" },
        "input.hearingId",
        /no hearing with this id at your courts/,
      ],
      ["a vacated hearing", { hearingId: "vacated", status: "HEARD", decision: "ORDER_DISCHARGED" }, "input.hearingId", /vacated/],
      [
        "a hearing already heard",
        { hearingId: "heard", status: "HEARD", decision: "ORDER_VARIED" },
        "input.hearingId",
        /already been recorded/,
      ],
      [
        "a hearing not held yet",
        { hearingId: "future", status: "HEARD", decision: "INTERIM_ORDER_EXTENDED" },
        "input.hearingId",
        /listed for 2027-01-05/,
      ],
      [
        "a blank idempotency key",
        { hearingId: "review", status: "VACATED", idempotencyKey: "  " },
        "input.idempotencyKey",
        /must not be empty/,
      ],
    ];
    it.each(cases)("%s", async (_name, input, argument, message) => {
      const before = await hearingState(String(input.hearingId));
      const { data, errors } = await record(input);
      expect(data).toBeNull();
      expect(errors).toHaveLength(1);
      expect(errors![0].extensions).toEqual({ code: "BAD_USER_INPUT", argument });
      expect(errors![0].message).toMatch(message);
      expect(await hearingState(String(input.hearingId))).toEqual(before);
      expect(await outbox()).toEqual([]);
      expect(await requestCount()).toBe(0);
    });
  });

  it("checks the decision against the order's state on the day of the hearing", async () => {
    // The full order expired on 2025-05-02; the renewal hearing of 2025-04-01 found it in force.
    expect(
      (await record({ hearingId: "renewal", status: "HEARD", decision: "ORDER_RENEWED", expiresOn: "2027-05-02" })).errors,
    ).toBeUndefined();
    // The interim application of 2024-06-03 awaits its decision: an interim order can be made on it.
    const made = await record({
      hearingId: "interim-application",
      status: "HEARD",
      decision: "INTERIM_ORDER_MADE",
      idempotencyKey: "key-2",
    });
    expect(made.errors).toBeUndefined();
    // The interim order was in force on 2020-07-09: the review may extend it.
    const extended = await record({ hearingId: "review", status: "HEARD", decision: "INTERIM_ORDER_EXTENDED", idempotencyKey: "key-3" });
    expect(extended.errors).toBeUndefined();
    expect(
      (await outbox()).map((event) => [event.payload.hearingId, event.payload.decision, event.payload.decidedOn, event.payload.expiresOn]),
    ).toEqual([
      ["renewal", "ORDER_RENEWED", "2025-04-01", "2027-05-02"],
      ["interim-application", "INTERIM_ORDER_MADE", "2024-06-03", null],
      ["review", "INTERIM_ORDER_EXTENDED", "2020-07-09", null],
    ]);
    expect(await hearingState("review")).toEqual({ status: "HEARD", decision: "INTERIM_ORDER_EXTENDED", outcome_note: null });
  });

  describe("idempotency", () => {
    const adjourn = { hearingId: "full-application", status: "ADJOURNED", decision: "ADJOURNED", outcomeNote: "Awaiting reports" };

    it("returns the same hearing for the same key and input, recording it once", async () => {
      const first = await record(adjourn);
      const second = await record(adjourn);
      expect(first.errors).toBeUndefined();
      expect(second).toEqual(first);
      expect(await outbox()).toHaveLength(1);
      expect(await requestCount()).toBe(1);
    });

    it("refuses the same key with a different input and changes nothing", async () => {
      await record(adjourn);
      const { data, errors } = await record({ ...adjourn, outcomeNote: "Something else" });
      expect(data).toBeNull();
      expect(errors![0].extensions).toEqual({ code: "BAD_USER_INPUT", argument: "input.idempotencyKey" });
      expect(await hearingState("full-application")).toMatchObject({ outcome_note: "Awaiting reports" });
      expect(await outbox()).toHaveLength(1);
    });

    it("keeps each caller's keys apart", async () => {
      const national = principalFor("court-listing", { kind: "national" }, "national-listing-svc");
      expect((await record(adjourn)).errors).toBeUndefined();
      expect((await record({ hearingId: "review", status: "VACATED" }, national)).errors).toBeUndefined();
      expect(await outbox()).toHaveLength(2);
    });
  });

  it("treats a hearing at a court the caller does not cover as no hearing at all, and changes nothing", async () => {
    const { errors } = await record({ hearingId: "at-cannock", status: "VACATED" });
    expect(errors![0].extensions).toEqual({ code: "BAD_USER_INPUT", argument: "input.hearingId" });
    expect(errors![0].message).toBe("Invalid input.hearingId: no hearing with this id at your courts");
    expect(await hearingState("at-cannock")).toMatchObject({ status: "LISTED" });
    // The same court-listing persona at Cannock may record it.
    expect((await record({ hearingId: "at-cannock", status: "VACATED" }, CANNOCK_LISTING)).errors).toBeUndefined();
    expect(await hearingState("at-cannock")).toMatchObject({ status: "VACATED" });
  });
});
