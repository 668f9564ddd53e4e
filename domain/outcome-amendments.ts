import {
  checkHearingOutcome,
  type HearingOutcome,
  type HearingOutcomeRecordedPayload,
  type HearingUnderDecision,
  type OrderEffect,
} from "./court-decisions";
import type { OrderFacts } from "./order-facts/order-facts";
import { refuse, type Refusal } from "./refusal";

/**
 * Correcting a recorded hearing outcome (a clerk's slip: the wrong decision, a mistyped expiry). The correction is
 * held to the same rule book as the original, against the order as it stood before the original took effect, and
 * says what it changes; the original is kept beside it, never overwritten, with the reason for the correction.
 */

/** A reason says what was wrong: this many characters at least. */
export const AMENDMENT_REASON_MINIMUM = 10;

/** An outcome as recorded, with the court's note: a correction of the note alone (a mistyped sentence) is a correction too. */
export interface AmendableOutcome extends HearingOutcome {
  outcomeNote?: string | null;
}

export interface RecordedOutcome {
  hearing: HearingUnderDecision;
  decidedOn: string;
  outcome: AmendableOutcome;
  effect: OrderEffect;
}

/** What else the correction is judged against, beyond the order as it stood before the original. */
export interface AmendmentCircumstances {
  /**
   * Another hearing of the same order has had an outcome recorded since this one: its decision was checked
   * against the order this outcome left, so changing this outcome's effect would pull the ground from under it.
   */
  laterOutcomeOfOrder: boolean;
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

const sameOutcome = (a: AmendableOutcome, b: AmendableOutcome) =>
  a.status === b.status &&
  a.decision === b.decision &&
  a.expiresOn === b.expiresOn &&
  (a.untilFurtherOrder ?? false) === (b.untilFurtherOrder ?? false) &&
  (a.outcomeNote ?? null) === (b.outcomeNote ?? null);

/**
 * Checks a correction of `original`. `orderBefore` is the order's facts as they were before the original outcome
 * took effect (null when the hearing is about no order), so the correction is judged as the original was.
 */
export function amendHearingOutcome(
  original: RecordedOutcome,
  corrected: AmendableOutcome,
  reason: string,
  orderBefore: OrderFacts | null,
  circumstances: AmendmentCircumstances = { laterOutcomeOfOrder: false },
): Amendment | Refusal<AmendmentArgument> {
  const trimmed = reason.trim();
  if (trimmed.length < AMENDMENT_REASON_MINIMUM) {
    return refuse("reason", `say what was wrong with the recorded outcome, in ${AMENDMENT_REASON_MINIMUM} characters at least`);
  }
  if (sameOutcome(original.outcome, corrected)) return refuse("outcome", "the correction is the outcome already recorded");
  const check = checkHearingOutcome(original.hearing, corrected, original.decidedOn, orderBefore);
  if (!check.ok) return refuse(check.field, check.problem);
  const effect = check.orderEffect;
  const effectChanged = JSON.stringify(effect) !== JSON.stringify(original.effect);
  if (effectChanged && circumstances.laterOutcomeOfOrder) {
    return refuse(
      "hearingId",
      "a later hearing of this order has an outcome recorded since, decided on the order this outcome left; correct the later outcome first",
    );
  }
  return {
    ok: true,
    original,
    corrected: { ...original, outcome: corrected, effect },
    reason: trimmed,
    effectChanged,
  };
}

/**
 * The event hearings publishes (stream hearing-outcomes, after the outcome it corrects, so every consumer meets
 * the two in order) when a recorded outcome is corrected. The payload is the corrected outcome, shaped as a
 * recorded one, with what it corrects; the reason stays with the hearing (it is the court's case detail).
 */
export const HEARING_OUTCOME_AMENDED = "HearingOutcomeAmended";

export interface HearingOutcomeAmendedPayload extends HearingOutcomeRecordedPayload {
  amendment: {
    /** 1 for the first correction of the hearing's outcome, 2 for a correction of that one, and so on. */
    number: number;
    /** The day the correction was made (England and Wales): the day the events of the outcome corrected are marked corrected. */
    correctedOn: string;
    /** The outcome as it stood before this correction. */
    corrected: Pick<HearingOutcomeRecordedPayload, "status" | "decision" | "expiresOn" | "untilFurtherOrder" | "outcomeNote">;
    /** Whether the order is affected differently: only then do orders undo the effect and apply the corrected one. */
    effectChanged: boolean;
  };
}
