import { HEARING_OUTCOME_RECORDED, type HearingOutcomeRecordedPayload } from "../../../domain/court-decisions";
import { HEARING_OUTCOME_AMENDED, type HearingOutcomeAmendedPayload } from "../../../domain/outcome-amendments";
import type { Db } from "../../../platform/db/db";
import type { DomainEvent } from "../../../platform/events/event";
import { EventRejectedError } from "../../../platform/events/inbox";
import { BreachWriter } from "../breach/breach.writer";
import { checkDisposals } from "../../../domain/breach-disposals";

/**
 * A conviction or acquittal recorded at a breach hearing decides the breach
 * offence: its status, the day decided (statistics count convictions by it)
 * and, from a sentencing hearing, the sentence (the hearing's outcome note) and its structured disposal, held again
 * to the limits hearings checked it with: one that no longer fits is rejected and kept for a person, never stored.
 * The breach as it was before is kept, so a correction of the outcome can undo it.
 */
export async function applyHearingOutcomeToBreaches(tx: Db, event: DomainEvent): Promise<void> {
  if (event.type === HEARING_OUTCOME_AMENDED) return applyOutcomeCorrectionToBreaches(tx, event.payload as HearingOutcomeAmendedPayload);
  if (event.type !== HEARING_OUTCOME_RECORDED) return;
  await applyDecision(new BreachWriter(tx), event.payload as HearingOutcomeRecordedPayload);
}

const decidesBreach = (outcome: Pick<HearingOutcomeRecordedPayload, "breachId" | "decision">) =>
  outcome.breachId !== null && (outcome.decision === "CONVICTED" || outcome.decision === "ACQUITTED");

async function applyDecision(writer: BreachWriter, outcome: HearingOutcomeRecordedPayload): Promise<void> {
  if (!decidesBreach(outcome)) return;
  const sentencing = outcome.hearingType === "BREACH_SENTENCE";
  const disposal = sentencing ? (outcome.disposal ?? null) : null;
  if (disposal !== null) {
    const check = checkDisposals(disposal);
    if (!check.ok) throw new EventRejectedError(`disposal: ${check.reason} (hearing ${outcome.hearingId})`);
  }
  await writer.keepStateBeforeDecision(outcome.hearingId, outcome.breachId!);
  const decided = await writer.recordDecision(outcome.breachId!, {
    status: outcome.decision as "CONVICTED" | "ACQUITTED",
    decidedOn: outcome.decidedOn,
    sentence: sentencing ? outcome.outcomeNote : null,
    disposal,
  });
  if (!decided) throw new EventRejectedError(`no breach offence "${outcome.breachId}" (hearing ${outcome.hearingId})`);
}

/**
 * A correction of a breach hearing's outcome: the decision it corrects is undone (the breach put back as it was
 * before that hearing decided it) and the corrected one applied, in one transaction. A conviction corrected to an
 * acquittal, or to an adjournment, no longer counts as a conviction; a sentence mistyped is replaced.
 */
async function applyOutcomeCorrectionToBreaches(tx: Db, correction: HearingOutcomeAmendedPayload): Promise<void> {
  const before = correction.amendment.corrected;
  if (
    correction.breachId === null ||
    (!decidesBreach({ breachId: correction.breachId, decision: before.decision }) && !decidesBreach(correction))
  ) {
    return;
  }
  const writer = new BreachWriter(tx);
  if (decidesBreach({ breachId: correction.breachId, decision: before.decision })) {
    const undone = await writer.undoDecision(correction.hearingId);
    if (!undone) await writer.undoUnkeptDecision(correction.breachId, correction.hearingType === "BREACH_SENTENCE");
  }
  await applyDecision(writer, correction);
}
