import type { HearingOutcomeRecordedPayload, OrderEffect } from "../../../domain/court-decisions";
import type { OrderFacts } from "../../../domain/order-facts/order-facts";
import {
  checkTermChanges,
  initialDecisionId,
  initialTermChanges,
  makesOrder,
  setsTerms,
  termsInForceOn,
  type TermChange,
  type TermsDecision,
} from "../../../domain/terms";
import type { Db } from "../../../platform/db/db";
import { EventRejectedError } from "../../../platform/events/inbox";
import { OrderTermsRepository } from "./order-terms.repository";

/**
 * Records the terms a decision makes, varies or removes (domain/terms.ts) on the order it is about, or on the
 * full order it made. A decision that gives none: one making an order makes the terms applied for; a full order
 * made on an interim order's application makes the interim order's terms in force that day (the same terms, now
 * the full order's, made by this decision); an extension or variation changes none. Checked again here with the
 * rules hearings checked them with, against the terms as this subgraph holds them: a change that no longer fits
 * is rejected and kept for a person, never half-applied.
 */
export async function applyDecisionTerms(
  tx: Db,
  order: OrderFacts,
  effect: OrderEffect,
  outcome: HearingOutcomeRecordedPayload,
  fullOrderId: string | null,
): Promise<void> {
  const given = outcome.terms ?? null;
  if (!setsTerms(effect.kind)) {
    if (given !== null && given.length > 0)
      throw new EventRejectedError(`terms: ${effect.kind} sets no terms (hearing ${outcome.hearingId})`);
    return;
  }
  const repository = new OrderTermsRepository(tx);
  const targetId = fullOrderId ?? order.id;
  const [own, target] = await repository
    .decisionsOf(fullOrderId ? [order.id, fullOrderId] : [order.id])
    .then((all) => [all.find((held) => held.orderId === order.id)!, all.find((held) => held.orderId === targetId)!]);
  const changes: TermChange[] =
    given ??
    (effect.kind === "makeFullSuperseding"
      ? carriedOver(own.decisions, outcome.decidedOn)
      : makesOrder(effect.kind)
        ? initialTermChanges(order.id, own.initialRows)
        : []);
  if (changes.length === 0) return;
  const decision: TermsDecision = { decisionId: outcome.hearingId, decidedOn: outcome.decidedOn, effect: effect.kind, changes };
  // The order's facts have already changed: a making decision sees its initial terms as made, but they are what
  // it makes, not decisions before it.
  const earlier = makesOrder(effect.kind)
    ? target.decisions.filter((held) => held.decisionId !== initialDecisionId(targetId))
    : target.decisions;
  const check = checkTermChanges(earlier, decision);
  if (!check.ok) throw new EventRejectedError(`${check.argument}: ${check.reason} (hearing ${outcome.hearingId})`);
  await repository.record(targetId, decision);
}

/** The interim order's terms in force on the day, as terms the full order makes (their ids kept). */
function carriedOver(interimDecisions: readonly TermsDecision[], day: string): TermChange[] {
  return termsInForceOn(interimDecisions, day).map(({ termId, type, category, description, exclusionArea, until }) => ({
    action: "MAKE",
    termId,
    content: { type, category, description, exclusionArea, until },
  }));
}
