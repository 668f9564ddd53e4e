import { repoPath } from "../kit/repo-root";
import { ordersAccess } from "./access";
import { defineSubgraph } from "../kit/subgraph";
import { insertOrdersChunk } from "./dataset";
import { createOrderLoaders } from "./order/order.loaders";
import { orderReference } from "./order/order.reference";
import { OrderResolver } from "./order/order.resolver";
import { PersonOrdersResolver } from "./person/person.resolver";
import { StatisticsResolver } from "./statistics/statistics.resolver";

/** Orders: stalking protection orders, their terms and history, statistics; order relations of Person. */
export const ordersSubgraph = defineSubgraph({
  name: "orders",
  migrationsDir: repoPath("subgraphs", "orders", "migrations"),
  resolvers: [OrderResolver, PersonOrdersResolver, StatisticsResolver],
  access: ordersAccess,
  referenceResolvers: { StalkingProtectionOrder: orderReference },
  createLoaders: (db, _clock, principal) => createOrderLoaders(db, principal),
  insertDatasetChunk: insertOrdersChunk,
});
