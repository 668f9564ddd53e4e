import { orderReferenceType } from "../../shared/entity-references";

/**
 * StalkingProtectionOrder as the breaches subgraph sees it: the key only. The orders subgraph owns
 * the order; this subgraph contributes its `breaches` (order.resolver.ts).
 */
export const OrderReference = orderReferenceType();
export type OrderReference = InstanceType<typeof OrderReference>;
