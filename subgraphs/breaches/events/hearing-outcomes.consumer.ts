import { HEARING_OUTCOME_RECORDED, type HearingOutcomeRecordedPayload } from "../../../domain/court-decisions";
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
 */
export async function applyHearingOutcomeToBreaches(tx: Db, event: DomainEvent): Promise<void> {
  if (event.type !== HEARING_OUTCOME_RECORDED) return;
  const outcome = event.payload as HearingOutcomeRecordedPayload;
  if (outcome.breachId === null || (outcome.decision !== "CONVICTED" && outcome.decision !== "ACQUITTED")) return;
  const sentencing = outcome.hearingType === "BREACH_SENTENCE";
  const disposal = sentencing ? (outcome.disposal ?? null) : null;
  if (disposal !== null) {
    const check = checkDisposals(disposal);
    if (!check.ok) throw new EventRejectedError(`disposal: ${check.reason} (hearing ${outcome.hearingId})`);
  }
  const decided = await new BreachWriter(tx).recordDecision(outcome.breachId, {
    status: outcome.decision,
    decidedOn: outcome.decidedOn,
    sentence: sentencing ? outcome.outcomeNote : null,
    disposal,
  });
  if (!decided) throw new EventRejectedError(`no breach offence "${outcome.breachId}" (hearing ${outcome.hearingId})`);
}
