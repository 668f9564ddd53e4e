/**
 * An order's status is derived, never stored: from the facts its events
 * established (made, expiry, end) and the day asked about. Orders serves it;
 * hearings and breaches check decisions and breaches against it. Its SQL twin
 * (orders/order/order-status.ts) is held to the same answers by a property test.
 */
export type OrderStatusName = "APPLIED" | "IN_FORCE" | "EXPIRED" | "DISCHARGED" | "SUPERSEDED" | "REFUSED" | "WITHDRAWN";
export type OrderEndReason = "DISCHARGED" | "SUPERSEDED" | "REFUSED" | "WITHDRAWN";

export interface OrderStatusFacts {
  madeOn: string | null;
  /** The day the order ceases to have effect; null when it runs until further order or (interim) until the full application is determined. */
  expiresOn: string | null;
  untilFurtherOrder: boolean;
  endedOn: string | null;
  endReason: OrderEndReason | null;
}

/** ISO dates compare correctly as strings. */
export function deriveOrderStatus(facts: OrderStatusFacts, asOf: string): OrderStatusName {
  if (facts.endedOn !== null && facts.endReason !== null && facts.endedOn <= asOf) return facts.endReason;
  if (facts.madeOn === null || facts.madeOn > asOf) return "APPLIED";
  if (!facts.untilFurtherOrder && facts.expiresOn !== null && facts.expiresOn <= asOf) return "EXPIRED";
  return "IN_FORCE";
}
