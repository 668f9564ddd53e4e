import { HEARING_OUTCOME_RECORDED, type HearingOutcomeRecordedPayload } from "../../../domain/court-decisions";
import type { Db } from "../../../platform/db/db";
import type { DomainEvent } from "../../../platform/events/event";
import { EventRejectedError } from "../../../platform/events/inbox";
import { BreachWriter } from "../breach/breach.writer";

/**
 * A conviction or acquittal recorded at a breach hearing decides the breach
 * offence: its status, the day decided (statistics count convictions by it)
 * and, from a sentencing hearing, the sentence (the hearing's outcome note).
 */
export async function applyHearingOutcomeToBreaches(tx: Db, event: DomainEvent): Promise<void> {
  if (event.type !== HEARING_OUTCOME_RECORDED) return;
  const outcome = event.payload as HearingOutcomeRecordedPayload;
  if (outcome.breachId === null || (outcome.decision !== "CONVICTED" && outcome.decision !== "ACQUITTED")) return;
  const decided = await new BreachWriter(tx).recordDecision(outcome.breachId, {
    status: outcome.decision,
    decidedOn: outcome.decidedOn,
    sentence: outcome.hearingType === "BREACH_SENTENCE" ? outcome.outcomeNote : null,
  });
  if (!decided) throw new EventRejectedError(`no breach offence "${outcome.breachId}" (hearing ${outcome.hearingId})`);
}
