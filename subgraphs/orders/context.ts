import type { Clock } from "../../platform/clock";
import type { Db } from "../../platform/db/db";
import type { Principal } from "../../platform/identity/principal";
import type { SubgraphContext } from "../../platform/subgraph/subgraph";
import { createOrderLoaders } from "./order/order.loaders";

/** The loaders of one request (subgraph.ts hands this to the builder, which calls it per request). */
export function createLoaders(db: Db, _clock: Clock, principal: Principal) {
  return createOrderLoaders(db, principal);
}

export type OrdersLoaders = ReturnType<typeof createLoaders>;
export type OrdersContext = SubgraphContext<OrdersLoaders>;
