import type { SubgraphContext } from "../kit/subgraph";
import type { OrderLoaders } from "./order/order.loaders";

export type OrdersContext = SubgraphContext<OrderLoaders>;
