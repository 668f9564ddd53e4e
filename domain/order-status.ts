import { OrderStatus, type OrderEndReason } from "./vocabulary";

/**
 * An order's status is derived, never stored: from the facts its events
 * established (made, expiry, end) and the day asked about. Orders serves it;
 * hearings and breaches check decisions and breaches against it.
 *
 * The rule is written twice more, in SQL, side by side with this one:
 * `order_status(o, as_of)` in subgraphs/orders/migrations/004_order_status.sql
 * is what the orders' status filter and statistics query call, and what the
 * statistics trigger (order_statistics_contributions) counts an order in force
 * by. subgraphs/orders/__tests__/order-status.property.test.ts holds the three
 * together: this function, the SQL function, and the trigger's counts.
 */
export interface OrderStatusFacts {
  madeOn: string | null;
  /** The day the order ceases to have effect; null when it runs until further order or (interim) until the full application is determined. */
  expiresOn: string | null;
  untilFurtherOrder: boolean;
  endedOn: string | null;
  endReason: `${OrderEndReason}` | null;
}

/** ISO dates compare correctly as strings. */
export function deriveOrderStatus(facts: OrderStatusFacts, asOf: string): `${OrderStatus}` {
  if (facts.endedOn !== null && facts.endReason !== null && facts.endedOn <= asOf) return facts.endReason;
  if (facts.madeOn === null || facts.madeOn > asOf) return OrderStatus.APPLIED;
  if (!facts.untilFurtherOrder && facts.expiresOn !== null && facts.expiresOn <= asOf) return OrderStatus.EXPIRED;
  return OrderStatus.IN_FORCE;
}
