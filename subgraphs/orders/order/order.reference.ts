import type { OrdersContext } from "../context";
import type { StalkingProtectionOrder } from "./order.type";

export const orderReferenceResolver = {
  __resolveReference(reference: { id?: unknown }, context: OrdersContext): Promise<StalkingProtectionOrder | null> | null {
    return typeof reference.id === "string" ? context.loaders.orderById.load(reference.id) : null;
  },
};
