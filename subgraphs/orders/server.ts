import { repoPath } from "../kit/repo-root";
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
  referenceResolvers: { StalkingProtectionOrder: orderReference },
  createLoaders: (db) => createOrderLoaders(db),
  insertDatasetChunk: insertOrdersChunk,
});
