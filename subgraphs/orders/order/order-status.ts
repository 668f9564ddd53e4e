/**
 * The SQL twins of the status rule (domain/order-status.ts), for filters and
 * aggregates; a property test holds them to the same answers as the TypeScript.
 */
export { deriveOrderStatus, type OrderStatusFacts, type OrderStatusName } from "../../../domain/order-status";

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
