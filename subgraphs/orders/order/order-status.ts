/**
 * The SQL twin of the status rule (domain/order-status.ts) is the function
 * order_status(o, as_of) of migration 004_order_status.sql; these fragments are
 * how the orders' queries call it. A property test holds it, the TypeScript and
 * the statistics trigger to the same answers.
 */
export { deriveOrderStatus, type OrderStatusFacts } from "../../../domain/order-status";

/**
 * The status of stalking_protection_order aliased `o` on a day; `asOf` is the
 * placeholder of the date parameter (e.g. "$3").
 */
export function orderStatusSql(asOf: string): string {
  return `order_status(o, ${asOf}::date)`;
}

/** SQL condition: the order was in force on the given day. */
export function inForceOnSql(day: string): string {
  return `(${orderStatusSql(day)} = 'IN_FORCE')`;
}
