import { STREAMS } from "../../domain/topology";
import { EVENT_MIGRATIONS } from "../../platform/events/runtime";
import { STATISTICS_TRIGGER_MIGRATIONS } from "../../platform/db/statistics-triggers";
import { IDEMPOTENCY_MIGRATIONS } from "../../platform/subgraph/idempotency";
import { repoPath } from "../../platform/repo-root";
import { ordersAccess } from "./access";
import { defineSubgraph } from "../../platform/subgraph/subgraph";
import { createLoaders } from "./context";
import { insertOrdersChunk } from "./dataset";
import { applyHearingOutcomeToOrders } from "./events/hearing-outcomes.consumer";
import { orderReferenceResolver } from "./order/order.reference";
import { OrderResolver } from "./order/order.resolver";
import { PersonOrdersResolver } from "./person/person.resolver";
import { StatisticsResolver } from "./statistics/statistics.resolver";

/**
 * Orders: stalking protection orders, their terms and history, statistics;
 * order relations of Person. Applies recorded hearing outcomes (stream
 * hearing-outcomes), takes applications for orders (applyForOrder) and publishes every change of an order's
 * facts (stream order-facts).
 */
export const ordersSubgraph = defineSubgraph({
  name: "orders",
  migrationsDir: repoPath("subgraphs", "orders", "migrations"),
  sharedMigrations: [EVENT_MIGRATIONS, IDEMPOTENCY_MIGRATIONS, STATISTICS_TRIGGER_MIGRATIONS],
  consumes: { [STREAMS.hearingOutcomes.name]: applyHearingOutcomeToOrders },
  resolvers: [OrderResolver, PersonOrdersResolver, StatisticsResolver],
  access: ordersAccess,
  referenceResolvers: { StalkingProtectionOrder: orderReferenceResolver },
  createLoaders,
  insertDatasetChunk: insertOrdersChunk,
});
