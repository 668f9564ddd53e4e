import { fixedClock } from "../platform/clock";
import { mergeChunks } from "../dev/dataset/chunk";
import { seedCasesChunk } from "../dev/dataset/seed-cases";
import type { Jurisdiction } from "../platform/identity/principal";
import { CHESHIRE, STAFFORDSHIRE } from "./support/access-spec";
import { emptyChunk } from "./support/database";
import { principalFor, type PersonaName } from "./support/identity";
import { hearing, order } from "./support/rows";
import { startTestStack, type GraphQLHttpResponse, type TestStack } from "./support/stack";

/**
 * An idempotent replay is authorized like a first request. Service accounts
 * keep their `sub` when re-issued for other courts or forces, so the same
 * subject replaying its key under another jurisdiction must be refused exactly
 * as a first request from there would be, learn nothing of what it recorded
 * before, and change nothing; under the same jurisdiction it gets the same
 * result again.
 */
const TODAY = "2026-11-23";
const REVIEW_AT_CREWE = "replay-review-cheshire";
const VARIATION_AT_CREWE = "replay-variation-cheshire";
/** A day the Cheshire full order was in force. */
const CHESHIRE_IN_FORCE_ON = "2024-06-03";

function fixture() {
  const reviews = emptyChunk();
  reviews.hearings.hearings.push(
    hearing(REVIEW_AT_CREWE, "2024-06-03T10:00:00+01:00", {
      type: "REVIEW",
      orderId: CHESHIRE.orderId,
      respondentId: CHESHIRE.respondentId,
      courtCode: CHESHIRE.courtCode,
    }),
  );
  reviews.orders.orders.push(
    order({
      id: MOVING,
      kind: "FULL",
      applicantForceCode: CHESHIRE.forceCode,
      respondentId: CHESHIRE.respondentId,
      madeOn: "2026-01-10",
      untilFurtherOrder: true,
    }),
  );
  reviews.hearings.hearings.push(
    hearing(VARIATION_AT_CREWE, "2024-06-04T10:00:00+01:00", {
      type: "VARIATION",
      orderId: CHESHIRE.orderId,
      respondentId: CHESHIRE.respondentId,
      courtCode: CHESHIRE.courtCode,
    }),
  );
  return mergeChunks(seedCasesChunk(), reviews);
}
/** A Cheshire order whose management a Cheshire officer transfers to Staffordshire. */
const MOVING = "replay-moving-cheshire";

const RECORD = `mutation($input: HearingOutcomeInput!) {
  recordHearingOutcome(input: $input) {
    id caseNumber status decision listedFor
    order { id reference }
    respondent { id pncId dateOfBirth name { given family } }
  }
}`;

const REPORT = `mutation($input: ReportBreachInput!) {
  reportBreach(input: $input) {
    id status description reportedOn
    order { id reference }
    offender { id pncId dateOfBirth name { given family } }
  }
}`;

/** Every string value of a response's data, at any depth: what a refusal must not contain. */
function stringsOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(stringsOf);
  return [];
}

describe("idempotent replays are authorized like first requests", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ chunks: [fixture()], clock: fixedClock(TODAY) });
  });
  afterAll(() => stack?.stop());

  /** Everything a replay could change: keys, hearing outcomes, outbox events, breaches. */
  const state = async () => ({
    hearingKeys: await stack.databases.hearings.db.query(
      `SELECT caller, jurisdiction, idempotency_key, result_id FROM idempotent_request ORDER BY 1, 2, 3`,
    ),
    hearings: await stack.databases.hearings.db.query(`SELECT id, status, decision, outcome_note FROM court_hearing ORDER BY id`),
    outbox: await stack.databases.hearings.db.query(`SELECT position FROM event_outbox ORDER BY position`),
    breachKeys: await stack.databases.breaches.db.query(
      `SELECT caller, jurisdiction, idempotency_key, result_id FROM idempotent_request ORDER BY 1, 2, 3`,
    ),
    breaches: await stack.databases.breaches.db.query(`SELECT id, status, description FROM breach_offence ORDER BY id`),
    orderKeys: await stack.databases.orders.db.query(
      `SELECT caller, jurisdiction, idempotency_key, result_id FROM idempotent_request ORDER BY 1, 2, 3`,
    ),
    orders: await stack.databases.orders.db.query(`SELECT id, managing_force_code, version FROM stalking_protection_order ORDER BY id`),
    transfers: await stack.databases.orders.db.query(`SELECT * FROM order_management_transfer ORDER BY 1, 2`),
    amendments: await stack.databases.hearings.db.query(`SELECT hearing_id, number FROM hearing_outcome_amendment ORDER BY 1, 2`),
  });

  const as = (persona: PersonaName, sub: string, jurisdiction: Jurisdiction) => principalFor(persona, jurisdiction, sub);

  /** The replay's answer equals a first request's from the same place, and shows none of the first result's values. */
  function expectRefusedLikeAFirstRequest(replay: GraphQLHttpResponse, firstFromThere: GraphQLHttpResponse, disclosed: string[]): void {
    expect(replay.status).toBe(200);
    expect(replay.body.data).toBeNull();
    expect(replay.body).toEqual(firstFromThere.body);
    const text = JSON.stringify(replay.body);
    for (const value of disclosed) expect(text).not.toContain(value);
  }

  describe("recordHearingOutcome", () => {
    const SUB = "listing-svc-replay";
    const CREWE: Jurisdiction = { kind: "courts", courts: [CHESHIRE.courtCode] };
    const CANNOCK: Jurisdiction = { kind: "courts", courts: [STAFFORDSHIRE.courtCode] };
    const input = {
      hearingId: REVIEW_AT_CREWE,
      status: "ADJOURNED",
      decision: "ADJOURNED",
      outcomeNote: "Adjourned for a probation report",
      idempotencyKey: "crewe-review-adjourned",
    };
    let first: GraphQLHttpResponse;

    beforeAll(async () => {
      first = await stack.query(RECORD, { input }, as("court-listing", SUB, CREWE));
    });

    it("records the outcome the first time, at the caller's court", () => {
      expect(first.body.errors).toBeUndefined();
      expect(first.body.data?.recordHearingOutcome).toMatchObject({ id: REVIEW_AT_CREWE, status: "ADJOURNED", decision: "ADJOURNED" });
      // The identity the refusals below must not show.
      expect(first.body.data?.recordHearingOutcome.respondent).toMatchObject({ id: CHESHIRE.respondentId, pncId: expect.any(String) });
    });

    it("refuses the same subject's replay from another court exactly like a first request from there, disclosing and changing nothing", async () => {
      const before = await state();
      const replay = await stack.query(RECORD, { input }, as("court-listing", SUB, CANNOCK));
      const after = await state();
      const firstFromCannock = await stack.query(
        RECORD,
        { input: { ...input, idempotencyKey: "cannock-fresh-key" } },
        as("court-listing", SUB, CANNOCK),
      );

      expect(replay.body.errors?.map((error) => error.extensions)).toEqual([{ code: "BAD_USER_INPUT", argument: "input.hearingId" }]);
      expectRefusedLikeAFirstRequest(replay, firstFromCannock, stringsOf(first.body.data));
      expect(after).toEqual(before);
    });

    it("gives the same subject's replay from the same court the same result, changing nothing", async () => {
      const before = await state();
      const replay = await stack.query(RECORD, { input }, as("court-listing", SUB, CREWE));
      expect(replay.body).toEqual(first.body);
      expect(await state()).toEqual(before);
    });
  });

  // After recordHearingOutcome's describe above: its adjournment is the outcome corrected here.
  describe("amendHearingOutcome", () => {
    const SUB = "listing-svc-replay";
    const CREWE: Jurisdiction = { kind: "courts", courts: [CHESHIRE.courtCode] };
    const CANNOCK: Jurisdiction = { kind: "courts", courts: [STAFFORDSHIRE.courtCode] };
    const AMEND = RECORD.replace("HearingOutcomeInput", "AmendHearingOutcomeInput").replace("recordHearingOutcome", "amendHearingOutcome");
    const input = {
      hearingId: REVIEW_AT_CREWE,
      status: "ADJOURNED",
      decision: "ADJOURNED",
      outcomeNote: "Adjourned for a pre-sentence report",
      reason: "the report ordered was a pre-sentence report, not a probation report",
      idempotencyKey: "crewe-review-note-corrected",
    };
    let first: GraphQLHttpResponse;

    beforeAll(async () => {
      first = await stack.query(AMEND, { input }, as("court-listing", SUB, CREWE));
    });

    it("corrects the outcome the first time, at the caller's court", () => {
      expect(first.body.errors).toBeUndefined();
      expect(first.body.data?.amendHearingOutcome).toMatchObject({ id: REVIEW_AT_CREWE, status: "ADJOURNED" });
    });

    it("refuses the same subject's replay from another court exactly like a first request from there, disclosing and changing nothing", async () => {
      const before = await state();
      const replay = await stack.query(AMEND, { input }, as("court-listing", SUB, CANNOCK));
      const after = await state();
      const firstFromCannock = await stack.query(
        AMEND,
        { input: { ...input, idempotencyKey: "cannock-fresh-amend-key" } },
        as("court-listing", SUB, CANNOCK),
      );
      expect(replay.body.errors?.map((error) => error.extensions)).toEqual([{ code: "BAD_USER_INPUT", argument: "input.hearingId" }]);
      expectRefusedLikeAFirstRequest(replay, firstFromCannock, stringsOf(first.body.data));
      expect(after).toEqual(before);
    });

    it("gives the same subject's replay from the same court the same result, changing nothing; another input under the key is refused", async () => {
      const before = await state();
      const replay = await stack.query(AMEND, { input }, as("court-listing", SUB, CREWE));
      expect(replay.body).toEqual(first.body);
      const other = await stack.query(AMEND, { input: { ...input, outcomeNote: "Adjourned." } }, as("court-listing", SUB, CREWE));
      expect(other.body.errors?.map((error) => error.extensions)).toEqual([{ code: "BAD_USER_INPUT", argument: "input.idempotencyKey" }]);
      expect(await state()).toEqual(before);
    });
  });

  describe("reportBreach", () => {
    const SUB = "officer-replay";
    const CHESHIRE_AND_STAFFORDSHIRE: Jurisdiction = { kind: "forces", forces: [CHESHIRE.forceCode, STAFFORDSHIRE.forceCode] };
    const STAFFORDSHIRE_ONLY: Jurisdiction = { kind: "forces", forces: [STAFFORDSHIRE.forceCode] };
    const input = {
      orderId: CHESHIRE.orderId,
      offenceType: "BREACH_OF_ORDER",
      occurredOn: CHESHIRE_IN_FORCE_ON,
      description: "Waited outside her workplace",
      idempotencyKey: "cheshire-crime-ref-replay",
    };
    let first: GraphQLHttpResponse;

    beforeAll(async () => {
      first = await stack.query(REPORT, { input }, as("force-officer", SUB, CHESHIRE_AND_STAFFORDSHIRE));
    });

    it("reports the breach the first time, for a force the caller covers", () => {
      expect(first.body.errors).toBeUndefined();
      expect(first.body.data?.reportBreach).toMatchObject({
        id: expect.stringMatching(/^breach-/),
        status: "REPORTED",
        order: { id: CHESHIRE.orderId },
      });
      expect(first.body.data?.reportBreach.offender).toMatchObject({ id: CHESHIRE.respondentId, pncId: expect.any(String) });
    });

    it("refuses the same subject's replay from a force not covering the order exactly like a first request from there, disclosing and changing nothing", async () => {
      const before = await state();
      const replay = await stack.query(REPORT, { input }, as("force-officer", SUB, STAFFORDSHIRE_ONLY));
      const after = await state();
      const firstFromStaffordshire = await stack.query(
        REPORT,
        { input: { ...input, idempotencyKey: "staffordshire-fresh-key" } },
        as("force-officer", SUB, STAFFORDSHIRE_ONLY),
      );

      expect(replay.body.errors?.map((error) => error.extensions)).toEqual([{ code: "FORBIDDEN", reason: "OUT_OF_JURISDICTION" }]);
      expectRefusedLikeAFirstRequest(replay, firstFromStaffordshire, stringsOf(first.body.data));
      expect(after).toEqual(before);
    });

    it("gives the same subject's replay from the same forces, listed in another order, the same breach, changing nothing", async () => {
      const before = await state();
      const sameForcesReordered: Jurisdiction = {
        kind: "forces",
        forces: [STAFFORDSHIRE.forceCode, CHESHIRE.forceCode, CHESHIRE.forceCode],
      };
      const replay = await stack.query(REPORT, { input }, as("force-officer", SUB, sameForcesReordered));
      expect(replay.body).toEqual(first.body);
      expect(await state()).toEqual(before);
    });
  });

  describe("transferManagement", () => {
    const SUB = "officer-transfer-replay";
    const CHESHIRE_ONLY: Jurisdiction = { kind: "forces", forces: [CHESHIRE.forceCode] };
    /** West Midlands Police: neither the managing force nor the receiving one. */
    const WEST_MIDLANDS_ONLY: Jurisdiction = { kind: "forces", forces: ["20"] };
    const TRANSFER = `mutation($input: TransferManagementInput!) {
      transferManagement(input: $input) { id managingForce { code } managementHistory { force { code } from requestedBy { code } } }
    }`;
    const input = { orderId: MOVING, toForce: STAFFORDSHIRE.forceCode, transferredOn: "2026-11-20", idempotencyKey: "cheshire-hands-on" };
    let first: GraphQLHttpResponse;

    beforeAll(async () => {
      first = await stack.query(TRANSFER, { input }, as("force-officer", SUB, CHESHIRE_ONLY));
    });

    it("transfers management the first time, asked for by the managing force", () => {
      expect(first.body.errors).toBeUndefined();
      expect(first.body.data?.transferManagement).toMatchObject({ id: MOVING, managingForce: { code: STAFFORDSHIRE.forceCode } });
    });

    it("refuses the same subject's replay from a force neither managing nor receiving exactly like a first request from there, changing nothing", async () => {
      const before = await state();
      const replay = await stack.query(TRANSFER, { input }, as("force-officer", SUB, WEST_MIDLANDS_ONLY));
      const after = await state();
      const firstFromThere = await stack.query(
        TRANSFER,
        { input: { ...input, idempotencyKey: "west-midlands-fresh-key" } },
        as("force-officer", SUB, WEST_MIDLANDS_ONLY),
      );
      expect(replay.body.errors?.map((error) => error.extensions)).toEqual([{ code: "FORBIDDEN", reason: "OUT_OF_JURISDICTION" }]);
      expectRefusedLikeAFirstRequest(replay, firstFromThere, []);
      expect(after).toEqual(before);
    });

    it("gives the same subject's replay from the same force the same order, though it no longer manages it, changing nothing", async () => {
      const before = await state();
      const replay = await stack.query(TRANSFER, { input }, as("force-officer", SUB, CHESHIRE_ONLY));
      expect(replay.body).toEqual(first.body);
      expect(await state()).toEqual(before);
    });
  });

  describe("recordHearingOutcome with terms", () => {
    const SUB = "listing-svc-terms-replay";
    const CREWE: Jurisdiction = { kind: "courts", courts: [CHESHIRE.courtCode] };
    const terms = [{ action: "MAKE", type: "PROHIBITION", category: "ONLINE", description: "Not to post about her online" }];
    const input = { hearingId: VARIATION_AT_CREWE, status: "HEARD", decision: "ORDER_VARIED", terms, idempotencyKey: "vary-terms-once" };
    const termDecisions = () =>
      stack.databases.orders.db.query(`SELECT order_id, hearing_id, changes::text FROM order_term_decision ORDER BY 1, 2`);
    let first: GraphQLHttpResponse;

    it("records the terms once: a replay gets the same hearing and makes no second term, and the key with other terms is refused", async () => {
      first = await stack.query(RECORD, { input }, as("court-listing", SUB, CREWE));
      expect(first.body.errors).toBeUndefined();
      await stack.settle();
      const recorded = await termDecisions();
      expect(recorded).toHaveLength(1);
      const before = await state();

      const replay = await stack.query(RECORD, { input }, as("court-listing", SUB, CREWE));
      expect(replay.body).toEqual(first.body);
      const otherTerms = { ...input, terms: [{ ...terms[0], description: "Not to message her" }] };
      const refused = await stack.query(RECORD, { input: otherTerms }, as("court-listing", SUB, CREWE));
      expect(refused.body.errors!.map((error) => error.extensions)).toEqual([{ code: "BAD_USER_INPUT", argument: "input.idempotencyKey" }]);
      await stack.settle();
      expect(await state()).toEqual(before);
      expect(await termDecisions()).toEqual(recorded);
    });
  });
});
