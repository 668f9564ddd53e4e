import type { DomainEvent } from "../../platform/events/event";
import { coversForce, type Principal } from "../../platform/identity/principal";
import { boolean, date, int, text, type RowOf } from "../../platform/db/table";
import type { TermsDecision } from "../terms";
import type { OrderStatusFacts } from "../order-status";
import type { OrderEndReason, OrderKind } from "../vocabulary";

/**
 * What hearings and breaches need to know of an order to check decisions and breaches against it: the
 * columns of its facts, named and typed alike in the orders table and in the copies (order-facts-copy.ts).
 * `version` grows by one with every change; a copy only ever moves to a higher version.
 */
export const ORDER_FACTS_COLUMNS = {
  id: text(),
  kind: text<`${OrderKind}`>(),
  applicantForceCode: text(),
  courtCode: text().nullable(),
  respondentId: text(),
  appliedOn: date().nullable(),
  madeOn: date().nullable(),
  expiresOn: date().nullable(),
  untilFurtherOrder: boolean(),
  endedOn: date().nullable(),
  endReason: text<`${OrderEndReason}`>().nullable(),
  supersedesId: text().nullable(),
  /**
   * The force managing the order after management was transferred to it (domain/management.ts, s.14(1)); null
   * while the applicant force manages it. Its callers see the order's detail as the applicant force's do.
   */
  managingForceCode: text().nullable(),
  /** The day the order was served on the respondent: the notification requirements (s.9) run from it. */
  servedOn: date().nullable(),
  version: int(),
};

/** An order's facts, the row of its columns: what its status is derived from, and more (the compiler holds the two together). */
export interface OrderFacts extends RowOf<typeof ORDER_FACTS_COLUMNS>, OrderStatusFacts {}

/**
 * The forces whose callers cover the order's detail: the applicant force and the force managing it (the same
 * rule in every subgraph that decides detail access: orders, and the copies hearings, breaches and people keep).
 */
export function detailForcesOfOrder(facts: Pick<OrderFacts, "applicantForceCode" | "managingForceCode">): string[] {
  const { applicantForceCode, managingForceCode } = facts;
  return managingForceCode == null || managingForceCode === applicantForceCode
    ? [applicantForceCode]
    : [applicantForceCode, managingForceCode];
}

/** Whether the caller covers the order's detail by force: its applicant force or its managing force is one of theirs. */
export function coversOrderDetailForces(
  principal: Principal,
  facts: Pick<OrderFacts, "applicantForceCode" | "managingForceCode">,
): boolean {
  return detailForcesOfOrder(facts).some((forceCode) => coversForce(principal, forceCode));
}

export const ORDER_FACTS_CHANGED = "OrderFactsChanged";

/** Who an order is about: the people subgraph decides whose identity may be shown from these. */
export interface OrderParties {
  respondentId: string;
  protectedPersonIds: string[];
}

export interface OrderFactsChangedPayload {
  order: OrderFacts;
  /**
   * The order's parties as they are after the change (every event carries them, so a consumer needs no
   * earlier one). Absent from events published before parties were added.
   */
  parties?: OrderParties;
  /**
   * The order's decisions on terms after the change, without the terms' text (domain/terms.ts withoutText): which
   * terms existed when, to check decisions and breaches against. Absent from events published before decisions
   * carried terms, and from those that change no terms (a copy then keeps what it holds).
   */
  terms?: TermsDecision[];
  /** The hearing at which a decision made this order (a full order made at a full application hearing), if any. */
  madeAtHearingId: string | null;
}

/** The payload of an OrderFactsChanged event, or null when the event is of another type. */
export function orderFactsChange(event: DomainEvent): OrderFactsChangedPayload | null {
  return event.type === ORDER_FACTS_CHANGED ? (event.payload as OrderFactsChangedPayload) : null;
}
