import { fixedClock } from "../platform/clock";
import { emptyChunk } from "./support/database";
import { principalFor } from "./support/identity";
import { breach, hearing, order } from "./support/rows";
import { startTestStack, type TestStack } from "./support/stack";

/**
 * Crown Court appeals (s.7) and the structured disposal of a breach, recorded through recordHearingOutcome and
 * followed through the events to the order and the breach: each appeal outcome's effect, an allowed appeal against
 * a refusal making the order, and refusals that change nothing.
 */
const TODAY = "2026-11-23";
const HEARD_ON = "2026-11-10T10:00:00Z";
const CHESTER_AND_CREWE = principalFor("court-listing", { kind: "courts", courts: ["C07CH", "B07ED"] }, "chester-crown-svc");

const inForce = (id: string) =>
  order({
    id,
    kind: "FULL",
    applicantForceCode: "07",
    courtCode: "B07ED",
    respondentId: `r-${id}`,
    madeOn: "2025-01-10",
    untilFurtherOrder: true,
  });
const APPEALS = ["allowed", "varied", "dismissed", "abandoned", "wrong-appellant", "at-magistrates"];

function fixture() {
  const chunk = emptyChunk();
  chunk.orders.orders.push(
    order({
      id: "refused",
      kind: "FULL",
      applicantForceCode: "07",
      courtCode: "B07ED",
      respondentId: "r-refused",
      appliedOn: "2026-01-05",
      endedOn: "2026-02-01",
      endReason: "REFUSED",
    }),
    ...APPEALS.map(inForce),
    inForce("breached"),
  );
  chunk.hearings.hearings.push(
    hearing("appeal-refused", HEARD_ON, { type: "APPEAL", courtCode: "C07CH", orderId: "refused", respondentId: "r-refused" }),
    ...APPEALS.map((id) =>
      hearing(`appeal-${id}`, HEARD_ON, {
        type: "APPEAL",
        courtCode: id === "at-magistrates" ? "B07ED" : "C07CH",
        orderId: id,
        respondentId: `r-${id}`,
      }),
    ),
    hearing("sentence", HEARD_ON, { type: "BREACH_SENTENCE", orderId: "breached", breachId: "breach-1", respondentId: "r-breached" }),
  );
  chunk.breaches.breaches.push(
    breach("breach-1", "07", "2026-06-01", { orderId: "breached", orderForceCode: "07", offenderId: "r-breached", status: "CHARGED" }),
  );
  return chunk;
}

const RECORD = `mutation($input: HearingOutcomeInput!) {
  recordHearingOutcome(input: $input) { id status decision appealOutcome appealAgainst appellant section4ApplicationBy }
}`;
const ORDER = `query($id: ID!) { order(id: $id) { status madeOn expiresOn untilFurtherOrder history { type on } } }`;

describe("Crown Court appeals and breach disposals through recordHearingOutcome", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ chunks: [fixture()], clock: fixedClock(TODAY) });
  });
  afterAll(() => stack?.stop());

  const record = (hearingId: string, input: Record<string, unknown>) =>
    stack.query(RECORD, { input: { hearingId, status: "HEARD", idempotencyKey: `key-${hearingId}`, ...input } }, CHESTER_AND_CREWE);
  const orderOf = async (id: string) => (await stack.query(ORDER, { id })).body.data!.order;

  it("an appeal allowed against a refusal makes the order, in force from the appeal with the Crown Court's expiry", async () => {
    const { body } = await record("appeal-refused", {
      appeal: { outcome: "ALLOWED", against: "ORDER_REFUSED", appellant: "APPLICANT_CHIEF_OFFICER" },
      expiresOn: "2029-11-10",
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.recordHearingOutcome).toEqual({
      id: "appeal-refused",
      status: "HEARD",
      decision: "FULL_ORDER_MADE",
      appealOutcome: "ALLOWED",
      appealAgainst: "ORDER_REFUSED",
      appellant: "APPLICANT_CHIEF_OFFICER",
      section4ApplicationBy: null,
    });
    await stack.settle();
    const made = await orderOf("refused");
    expect(made).toMatchObject({ status: "IN_FORCE", madeOn: "2026-11-10", expiresOn: "2029-11-10" });
    expect(made.history.slice(-2)).toEqual([
      { type: "APPEALED", on: "2026-11-10" },
      { type: "MADE", on: "2026-11-10" },
    ]);
  });

  it("replays the appeal outcome with the same key and input, changing nothing; the key with another outcome is refused", async () => {
    const input = {
      appeal: { outcome: "ALLOWED", against: "ORDER_REFUSED", appellant: "APPLICANT_CHIEF_OFFICER" },
      expiresOn: "2029-11-10",
    };
    const before = await orderOf("refused");
    const replay = await record("appeal-refused", input);
    expect(replay.body.errors).toBeUndefined();
    expect(replay.body.data!.recordHearingOutcome).toMatchObject({ decision: "FULL_ORDER_MADE", appealOutcome: "ALLOWED" });
    const other = await record("appeal-refused", { ...input, appeal: { ...input.appeal, outcome: "DISMISSED" }, expiresOn: undefined });
    expect(other.body.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "input.idempotencyKey" });
    await stack.settle();
    expect(await orderOf("refused")).toEqual(before);
  });

  it.each([
    ["allowed", { outcome: "ALLOWED" }, "ORDER_DISCHARGED", { status: "DISCHARGED" }],
    ["varied", { outcome: "VARIED" }, "ORDER_VARIED", { status: "IN_FORCE", expiresOn: "2028-01-10", untilFurtherOrder: false }],
    ["dismissed", { outcome: "DISMISSED" }, "APPLICATION_REFUSED", { status: "IN_FORCE", expiresOn: null, untilFurtherOrder: true }],
    ["abandoned", { outcome: "ABANDONED" }, "APPLICATION_WITHDRAWN", { status: "IN_FORCE", expiresOn: null, untilFurtherOrder: true }],
  ])("an appeal %s against the order is recorded as its decision and has its effect", async (id, appeal, decision, effect) => {
    const before = await orderOf(id);
    const { body } = await record(`appeal-${id}`, {
      appeal: { ...appeal, against: "ORDER_MADE", appellant: "DEFENDANT" },
      ...(id === "varied" && { expiresOn: "2028-01-10" }),
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.recordHearingOutcome).toMatchObject({ decision, appealOutcome: appeal.outcome });
    await stack.settle();
    const after = await orderOf(id);
    expect(after).toMatchObject(effect);
    if (decision === "APPLICATION_REFUSED" || decision === "APPLICATION_WITHDRAWN") expect(after).toEqual(before);
  });

  it.each([
    [
      "at a magistrates' court",
      "appeal-at-magistrates",
      { appeal: { outcome: "DISMISSED", against: "ORDER_MADE", appellant: "DEFENDANT" } },
      "input.hearingId",
    ],
    [
      "by someone who may not appeal against it",
      "appeal-wrong-appellant",
      { appeal: { outcome: "ALLOWED", against: "ORDER_MADE", appellant: "APPLICANT_CHIEF_OFFICER" } },
      "input.appeal.appellant",
    ],
    [
      "with a decision the outcome is not recorded as",
      "appeal-wrong-appellant",
      { appeal: { outcome: "DISMISSED", against: "ORDER_MADE", appellant: "DEFENDANT" }, decision: "ORDER_DISCHARGED" },
      "input.decision",
    ],
    [
      "on a hearing that is not an appeal",
      "sentence",
      { appeal: { outcome: "DISMISSED", against: "ORDER_MADE", appellant: "DEFENDANT" }, decision: "CONVICTED" },
      "input.appeal",
    ],
  ])("refuses an appeal outcome %s, changing nothing", async (_name, hearingId, input, argument) => {
    const hearingBefore = (await stack.query(`query($id: ID!) { hearing(id: $id) { status decision appealOutcome } }`, { id: hearingId }))
      .body.data!.hearing;
    const { body } = await record(hearingId, { ...input, idempotencyKey: `refused-${argument}-${hearingId}` });
    expect(body.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument });
    const hearingAfter = (await stack.query(`query($id: ID!) { hearing(id: $id) { status decision appealOutcome } }`, { id: hearingId }))
      .body.data!.hearing;
    expect(hearingAfter).toEqual(hearingBefore);
    expect(hearingAfter).toMatchObject({ status: "LISTED", decision: null, appealOutcome: null });
  });

  describe("a sentence with its structured disposal", () => {
    const BREACH = `query { order(id: "breached") { breaches { status sentence disposal { type length { value unit } suspendedFor { value unit } amountPence } } } }`;

    it("refuses a disposal outside the limits, changing nothing", async () => {
      const { body } = await record("sentence", {
        decision: "CONVICTED",
        disposal: [{ type: "CUSTODY", length: { value: 6, unit: "YEARS" } }],
        idempotencyKey: "sentence-too-long",
      });
      expect(body.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "input.disposal" });
      expect(body.errors![0].message).toMatch(/imprisonment for breach is of 1 days to 5 years; got 6 years/);
      expect((await stack.query(BREACH)).body.data!.order.breaches).toEqual([{ status: "CHARGED", sentence: null, disposal: null }]);
    });

    it("shows the disposal on the breach once the conviction reaches it", async () => {
      const { body } = await record("sentence", {
        decision: "CONVICTED",
        outcomeNote: "20 weeks suspended for 2 years, £200 fine",
        disposal: [
          { type: "SUSPENDED", length: { value: 20, unit: "WEEKS" }, suspendedFor: { value: 2, unit: "YEARS" } },
          { type: "FINE", amountPence: 20_000 },
        ],
      });
      expect(body.errors).toBeUndefined();
      await stack.settle();
      expect((await stack.query(BREACH)).body.data!.order.breaches).toEqual([
        {
          status: "CONVICTED",
          sentence: "20 weeks suspended for 2 years, £200 fine",
          disposal: [
            { type: "SUSPENDED", length: { value: 20, unit: "WEEKS" }, suspendedFor: { value: 2, unit: "YEARS" }, amountPence: null },
            { type: "FINE", length: null, suspendedFor: null, amountPence: 20_000 },
          ],
        },
      ]);
    });
  });
});
