import { confinedToCourts, type Principal } from "../../../platform/identity/principal";
import { coversOrderDetailForces } from "../../../domain/order-facts/order-facts";
import type { OrderVisibility } from "./order.repository";
import type { OrderEvent, StalkingProtectionOrder } from "./order.type";

/**
 * Record-level jurisdiction of orders (the rules; jurisdiction.ts says which field each guards):
 * - Anyone may see that an order exists anywhere (id, reference, kind, status,
 *   dates, expiry, applicant force, court, respondent key, supersedes, history)
 *   — except court-listing callers, who see only the orders they cover.
 * - Its DETAIL (prohibitions, requirements, protected persons) is for callers
 *   covering the order; for others it resolves to null with FORBIDDEN /
 *   OUT_OF_JURISDICTION.
 * "Covers the order": national → always; forces → the applicant force or the
 * force managing the order (after a transfer of management, s.14(1)) is one of
 * theirs; courts → the order was made at one of their courts, or one of its
 * events was at one of them.
 */

/** Whether a force caller covers the order: its applicant force or its managing force is one of theirs (national: always). */
export const coversOrderForces = coversOrderDetailForces;

/** Which orders the caller sees exist: every order, except that court callers see only the orders they cover. */
export function existenceVisibility(principal: Principal): OrderVisibility {
  const courts = confinedToCourts(principal);
  return courts ? { courts } : null;
}

/** Exactly the orders the caller covers (the same rule as coversOrder, in SQL). */
export function coverageVisibility(principal: Principal): OrderVisibility {
  switch (principal.jurisdiction.kind) {
    case "national":
      return null;
    case "forces":
      return { forces: [...principal.jurisdiction.forces] };
    case "courts":
      return { courts: [...principal.jurisdiction.courts] };
  }
}

/**
 * Whether the caller covers the order. Court callers need the order's events:
 * `eventsOf` is the per-request events loader, so the events of sibling orders
 * load in one batch. They are loaded even when the order was made at one of
 * the caller's courts, so every order's detail waits for the same batch and
 * the detail loaders stay one batch each.
 */
export async function coversOrder(
  principal: Principal,
  order: StalkingProtectionOrder,
  eventsOf: (orderId: string) => Promise<OrderEvent[]>,
): Promise<boolean> {
  const { jurisdiction } = principal;
  if (jurisdiction.kind !== "courts") return coversOrderForces(principal, order);
  const atOurCourt = (code: string | null | undefined) => code != null && jurisdiction.courts.includes(code);
  const events = await eventsOf(order.id);
  return atOurCourt(order.courtCode) || events.some((event) => atOurCourt(event.court?.code));
}
