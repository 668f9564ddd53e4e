import { initialDecisionId, initialTermChanges, termHistories, termsInForceOn, type TermHistory } from "../../../domain/terms";
import { TermAction, type TermCategory, type TermType } from "../../../domain/vocabulary";
import type { OrderTermDecisions } from "./order-terms.repository";
import { OrderTerm, OrderTermVersion, type StalkingProtectionOrder } from "./order.type";

/**
 * An order's terms as the API shows them, from its decisions (domain/terms.ts): those in force on a day, each
 * with its whole history; an order not yet made shows the terms applied for, with no history. Each term knows the
 * order it was reached through: its text's guard asks that order.
 */
export function orderTermsOn(order: StalkingProtectionOrder, held: OrderTermDecisions, day: string): OrderTerm[] {
  if (order.madeOn === null) return proposedTerms(order, held);
  const histories = termHistories(held.decisions);
  return termsInForceOn(held.decisions, day).map((term) =>
    Object.assign(new OrderTerm(), {
      id: term.termId,
      type: term.type as TermType,
      category: term.category as TermCategory,
      description: term.description,
      exclusionArea: term.exclusionArea,
      until: term.until,
      madeOn: term.madeOn,
      history: versionsOf(order, histories.get(term.termId)!),
      orderId: order.id,
      order,
    }),
  );
}

function proposedTerms(order: StalkingProtectionOrder, held: OrderTermDecisions): OrderTerm[] {
  return initialTermChanges(order.id, held.initialRows).flatMap((change) =>
    change.action !== "MAKE"
      ? []
      : [
          Object.assign(new OrderTerm(), {
            id: change.termId,
            ...change.content,
            madeOn: null,
            history: [],
            orderId: order.id,
            order,
          }),
        ],
  );
}

/** Each version runs until the next, the term's removal or the end of its own period, whichever is first. */
function versionsOf(order: StalkingProtectionOrder, history: TermHistory): OrderTermVersion[] {
  const hearingIdOf = (decisionId: string) => (decisionId === initialDecisionId(order.id) ? null : decisionId);
  const versions = history.versions.map((version, i) => {
    const next = history.versions[i + 1]?.effectiveFrom ?? history.removed?.on ?? null;
    const ends = [next, version.until].filter((day): day is string => day !== null).sort()[0] ?? null;
    return Object.assign(new OrderTermVersion(), {
      action: i === 0 ? TermAction.MAKE : TermAction.VARY,
      hearingId: hearingIdOf(version.decisionId),
      effectiveFrom: version.effectiveFrom,
      effectiveTo: ends,
      category: version.category as TermCategory,
      description: version.description,
      exclusionArea: version.exclusionArea,
      until: version.until,
      order,
    });
  });
  if (!history.removed) return versions;
  const last = history.versions[history.versions.length - 1];
  const removal = Object.assign(new OrderTermVersion(), {
    action: TermAction.REMOVE,
    hearingId: hearingIdOf(history.removed.decisionId),
    effectiveFrom: history.removed.on,
    effectiveTo: null,
    category: last.category as TermCategory,
    description: last.description,
    exclusionArea: last.exclusionArea,
    until: last.until,
    order,
  });
  return [...versions, removal];
}
