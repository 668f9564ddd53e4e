import { findOrderTermFacts } from "../../../domain/order-facts/order-facts-copy";
import {
  checkTermChanges,
  initialDecisionId,
  makesOrder,
  type TermChange,
  type TermsCheck,
  type TermsDecision,
} from "../../../domain/terms";
import type { Db } from "../../../platform/db/db";

/**
 * Holds a decision's terms to domain/terms.ts against the order's terms as this subgraph's copy has them
 * (OrderFactsChanged.terms): a decision making a full order on an interim order's application makes the new
 * order's first terms; one making the order it is about, the order's first (the terms applied for are what it
 * replaces, not decisions before it).
 */
export async function checkDecisionTerms(
  db: Db,
  hearing: { id: string; orderId: string | null },
  effect: TermsDecision["effect"],
  decidedOn: string,
  changes: TermChange[],
): Promise<TermsCheck> {
  const held = hearing.orderId === null || effect === "makeFullSuperseding" ? [] : await findOrderTermFacts(db, hearing.orderId);
  const earlier = makesOrder(effect) ? held.filter((decision) => decision.decisionId !== initialDecisionId(hearing.orderId!)) : held;
  return checkTermChanges(earlier, { decisionId: hearing.id, decidedOn, effect, changes });
}
