import { isIsoDate } from "../platform/dates";
import { deriveOrderStatus, type OrderStatusFacts } from "./order-status";
import { refuse, type Refusal } from "./refusal";

/**
 * Recording that an order was served on the respondent: the day the notification requirements start from (s.9,
 * domain/notification.ts). An order is served once, on a day it was in force (made, not yet expired or ended),
 * and not on a day still to come.
 */
export type ServiceArgument = "orderId" | "servedOn";

export interface ServedOrder extends OrderStatusFacts {
  kind: "INTERIM" | "FULL";
  servedOn: string | null;
}

export function checkService(order: ServedOrder, servedOn: string, today: string): { ok: true } | Refusal<ServiceArgument> {
  if (!isIsoDate(servedOn)) return refuse("servedOn", `must be a date YYYY-MM-DD; got ${servedOn}`);
  if (servedOn > today) return refuse("servedOn", `is in the future (${servedOn}; today is ${today})`);
  if (order.servedOn !== null) return refuse("orderId", `the order was served on ${order.servedOn}; service is recorded once`);
  const status = deriveOrderStatus(order, servedOn);
  if (status !== "IN_FORCE") {
    return refuse("servedOn", `the ${order.kind.toLowerCase()} order is ${status} on ${servedOn}: only an order in force is served`);
  }
  return { ok: true };
}
