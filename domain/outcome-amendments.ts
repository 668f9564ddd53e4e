import { checkHearingOutcome, type HearingOutcome, type HearingUnderDecision, type OrderEffect } from "./court-decisions";
import type { OrderFacts } from "./order-facts/order-facts";
import { refuse, type Refusal } from "./refusal";

/**
 * Correcting a recorded hearing outcome (a clerk's slip: the wrong decision, a mistyped expiry). The correction is
 * held to the same rule book as the original, against the order as it stood before the original took effect, and
 * says what it changes; the original is kept beside it, never overwritten, with the reason for the correction.
 */

/** A reason says what was wrong: this many characters at least. */
export const AMENDMENT_REASON_MINIMUM = 10;

export interface RecordedOutcome {
  hearing: HearingUnderDecision;
  decidedOn: string;
  outcome: HearingOutcome;
  effect: OrderEffect;
}

export type AmendmentArgument = "reason" | "outcome" | "status" | "decision" | "expiresOn" | "untilFurtherOrder" | "hearingId";

export interface Amendment {
  ok: true;
  original: RecordedOutcome;
  corrected: RecordedOutcome;
  reason: string;
  /** Whether the order is affected differently: if so the orders subgraph must undo the original effect and apply the corrected one. */
  effectChanged: boolean;
}

const sameOutcome = (a: HearingOutcome, b: HearingOutcome) =>
  a.status === b.status &&
  a.decision === b.decision &&
  a.expiresOn === b.expiresOn &&
  (a.untilFurtherOrder ?? false) === (b.untilFurtherOrder ?? false);

/**
 * Checks a correction of `original`. `orderBefore` is the order's facts as they were before the original outcome
 * took effect (null when the hearing is about no order), so the correction is judged as the original was.
 */
export function amendHearingOutcome(
  original: RecordedOutcome,
  corrected: HearingOutcome,
  reason: string,
  orderBefore: OrderFacts | null,
): Amendment | Refusal<AmendmentArgument> {
  const trimmed = reason.trim();
  if (trimmed.length < AMENDMENT_REASON_MINIMUM) {
    return refuse("reason", `say what was wrong with the recorded outcome, in ${AMENDMENT_REASON_MINIMUM} characters at least`);
  }
  if (sameOutcome(original.outcome, corrected)) return refuse("outcome", "the correction is the outcome already recorded");
  const check = checkHearingOutcome(original.hearing, corrected, original.decidedOn, orderBefore);
  if (!check.ok) return refuse(check.field, check.problem);
  const effect = check.orderEffect;
  return {
    ok: true,
    original,
    corrected: { ...original, outcome: corrected, effect },
    reason: trimmed,
    effectChanged: JSON.stringify(effect) !== JSON.stringify(original.effect),
  };
}
