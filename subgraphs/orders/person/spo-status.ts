import { deriveOrderStatus, type OrderStatusFacts } from "../order/order-status";
import { SpoStatus, type OrderKind } from "../../../domain/vocabulary";

/** A person's SPO status across every force: the strongest order in force today wins. */
export function deriveSpoStatus(orders: readonly (OrderStatusFacts & { kind: `${OrderKind}` })[], today: string): SpoStatus {
  const inForce = orders.filter((order) => deriveOrderStatus(order, today) === "IN_FORCE");
  if (inForce.some((order) => order.kind === "FULL")) return SpoStatus.ACTIVE_FULL;
  if (inForce.length > 0) return SpoStatus.ACTIVE_INTERIM;
  if (orders.some((order) => order.madeOn !== null && order.madeOn <= today)) return SpoStatus.ENDED;
  return SpoStatus.NONE;
}
