/**
 * An order's status is derived, never stored: from the facts its events
 * established (made, expiry, end) and the day asked about. The same rule exists
 * twice — here for one order, in ORDER_STATUS_SQL for filters and aggregates —
 * and a property test holds the two to the same answers.
 */
export type OrderStatusName = "APPLIED" | "IN_FORCE" | "EXPIRED" | "DISCHARGED" | "SUPERSEDED" | "REFUSED" | "WITHDRAWN";

export interface OrderStatusFacts {
  madeOn: string | null;
  /** The day the order ceases to have effect; null when it runs until further order or (interim) until the full application is determined. */
  expiresOn: string | null;
  untilFurtherOrder: boolean;
  endedOn: string | null;
  endReason: "DISCHARGED" | "SUPERSEDED" | "REFUSED" | "WITHDRAWN" | null;
}

/** ISO dates compare correctly as strings. */
export function deriveOrderStatus(facts: OrderStatusFacts, asOf: string): OrderStatusName {
  if (facts.endedOn !== null && facts.endReason !== null && facts.endedOn <= asOf) return facts.endReason;
  if (facts.madeOn === null || facts.madeOn > asOf) return "APPLIED";
  if (!facts.untilFurtherOrder && facts.expiresOn !== null && facts.expiresOn <= asOf) return "EXPIRED";
  return "IN_FORCE";
}

/**
 * SQL twin of deriveOrderStatus over stalking_protection_order aliased `o`;
 * `asOf` is the placeholder of the date parameter (e.g. "$3").
 */
export function orderStatusSql(asOf: string): string {
  return `(CASE
    WHEN o.ended_on IS NOT NULL AND o.ended_on <= ${asOf}::date THEN o.end_reason
    WHEN o.made_on IS NULL OR o.made_on > ${asOf}::date THEN 'APPLIED'
    WHEN NOT o.until_further_order AND o.expires_on IS NOT NULL AND o.expires_on <= ${asOf}::date THEN 'EXPIRED'
    ELSE 'IN_FORCE'
  END)`;
}

/** SQL condition: the order was in force on the given day. */
export function inForceOnSql(day: string): string {
  return `(o.made_on <= ${day}::date
    AND (o.ended_on IS NULL OR o.ended_on > ${day}::date)
    AND (o.until_further_order OR o.expires_on IS NULL OR o.expires_on > ${day}::date))`;
}
