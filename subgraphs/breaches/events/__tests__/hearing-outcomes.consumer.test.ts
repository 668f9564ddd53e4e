import { randomUUID } from "node:crypto";
import { HEARING_OUTCOME_RECORDED, type HearingOutcomeRecordedPayload } from "../../../../domain/court-decisions";
import { HEARING_OUTCOME_AMENDED, type HearingOutcomeAmendedPayload } from "../../../../domain/outcome-amendments";
import type { DomainEvent } from "../../../../platform/events/event";
import { idempotentHandler } from "../../../../platform/events/inbox";
import { emptyChunk, type TestDatabase } from "../../../../test/support/database";
import { breach } from "../../../../test/support/rows";
import { startSubgraphUnderTest } from "../../../../test/support/subgraph-under-test";
import { applyHearingOutcomeToBreaches } from "../hearing-outcomes.consumer";
import { breachesSubgraph } from "../../subgraph";

/** Breaches applying decisions of breach hearings and their corrections: the breach put back, then decided as corrected. */
function fixture() {
  const chunk = emptyChunk();
  chunk.breaches.breaches.push(
    breach("charged", "07", "2026-01-10", { status: "CHARGED" }),
    // Decided before decisions were kept with their hearing.
    breach("seeded", "07", "2025-01-10", { status: "CONVICTED", decidedOn: "2025-03-01", sentence: "Fine." }),
  );
  return chunk;
}

type Decision = Pick<HearingOutcomeRecordedPayload, "status" | "decision" | "outcomeNote">;
const base = (breachId: string, hearingType: HearingOutcomeRecordedPayload["hearingType"]) => ({
  hearingId: `hearing-of-${breachId}`,
  hearingType,
  courtCode: "B07ED",
  orderId: null,
  breachId,
  decidedOn: "2026-03-02",
  expiresOn: null,
  untilFurtherOrder: null,
});
const recorded = (
  breachId: string,
  decision: Decision,
  type: HearingOutcomeRecordedPayload["hearingType"] = "BREACH_TRIAL",
): DomainEvent => ({
  id: randomUUID(),
  type: HEARING_OUTCOME_RECORDED,
  occurredAt: "2026-03-02T15:00:00.000Z",
  payload: { ...base(breachId, type), ...decision } satisfies HearingOutcomeRecordedPayload,
});
const amended = (
  breachId: string,
  from: Decision,
  to: Decision,
  type: HearingOutcomeRecordedPayload["hearingType"] = "BREACH_TRIAL",
): DomainEvent => ({
  id: randomUUID(),
  type: HEARING_OUTCOME_AMENDED,
  occurredAt: "2026-03-09T10:00:00.000Z",
  payload: {
    ...base(breachId, type),
    ...to,
    amendment: {
      number: 1,
      correctedOn: "2026-03-09",
      corrected: { ...from, expiresOn: null, untilFurtherOrder: null },
      effectChanged: false,
    },
  } satisfies HearingOutcomeAmendedPayload,
});

const CONVICTED: Decision = { status: "HEARD", decision: "CONVICTED", outcomeNote: null };
const ACQUITTED: Decision = { status: "HEARD", decision: "ACQUITTED", outcomeNote: null };
const ADJOURNED: Decision = { status: "ADJOURNED", decision: "ADJOURNED", outcomeNote: null };

describe("breaches applies corrections of breach hearings' outcomes", () => {
  let database: TestDatabase;
  let handle: (event: DomainEvent) => Promise<void>;

  beforeEach(async () => {
    ({ database } = await startSubgraphUnderTest(breachesSubgraph, [fixture()], "2026-11-23"));
    const handler = idempotentHandler({ db: database.db, group: "breaches", apply: applyHearingOutcomeToBreaches, log: () => {} });
    handle = (event) => handler(event, "hearing-outcomes");
  });
  afterEach(() => database.dispose());

  const breachNow = async (id: string) =>
    (await database.db.query(`SELECT status, decided_on AS "decidedOn", sentence FROM breach_offence WHERE id = $1`, [id]))[0];

  it("corrects a conviction to an acquittal", async () => {
    await handle(recorded("charged", CONVICTED));
    await handle(amended("charged", CONVICTED, ACQUITTED));
    expect(await breachNow("charged")).toEqual({ status: "ACQUITTED", decidedOn: "2026-03-02", sentence: null });
  });

  it("puts the breach back as it was before the hearing when a conviction is corrected to an adjournment; a replay changes nothing", async () => {
    await handle(recorded("charged", CONVICTED));
    const correction = amended("charged", CONVICTED, ADJOURNED);
    await handle(correction);
    await handle(correction);
    expect(await breachNow("charged")).toEqual({ status: "CHARGED", decidedOn: null, sentence: null });
  });

  it("replaces a mistyped sentence from a sentencing hearing", async () => {
    const typed = { ...CONVICTED, outcomeNote: "Custody 12 weeks." };
    await handle(recorded("charged", typed, "BREACH_SENTENCE"));
    await handle(amended("charged", typed, { ...CONVICTED, outcomeNote: "Custody 16 weeks." }, "BREACH_SENTENCE"));
    expect(await breachNow("charged")).toEqual({ status: "CONVICTED", decidedOn: "2026-03-02", sentence: "Custody 16 weeks." });
  });

  it("undoes a decision recorded before decisions were kept as far as is known: charged, no day decided", async () => {
    await handle(amended("seeded", CONVICTED, ADJOURNED));
    expect(await breachNow("seeded")).toEqual({ status: "CHARGED", decidedOn: null, sentence: "Fine." });
  });

  it("applies a decision that corrects an adjournment", async () => {
    await handle(recorded("charged", ADJOURNED));
    await handle(amended("charged", ADJOURNED, CONVICTED));
    expect(await breachNow("charged")).toEqual({ status: "CONVICTED", decidedOn: "2026-03-02", sentence: null });
  });
});
