import type { SubgraphContext } from "../../platform/subgraph/subgraph";
import type { OrderLoaders } from "./order/order.loaders";

export type OrdersContext = SubgraphContext<OrderLoaders>;
