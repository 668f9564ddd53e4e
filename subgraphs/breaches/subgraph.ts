import { STREAMS } from "../../domain/topology";
import { EVENT_MIGRATIONS } from "../../platform/events/runtime";
import { STATISTICS_TRIGGER_MIGRATIONS } from "../../platform/db/statistics-triggers";
import { IDEMPOTENCY_MIGRATIONS } from "../../platform/subgraph/idempotency";
import { ORDER_FACTS_MIGRATIONS } from "../../domain/order-facts/order-facts-copy";
import { repoPath } from "../../platform/repo-root";
import { breachesAccess } from "./access";
import { defineSubgraph } from "../../platform/subgraph/subgraph";
import { createLoaders } from "./context";
import { breachReferenceResolver } from "./breach/breach.reference";
import { BreachResolver } from "./breach/breach.resolver";
import { applyHearingOutcomeToBreaches } from "./events/hearing-outcomes.consumer";
import { applyOrderFactsToBreaches } from "./events/order-facts.consumer";
import { insertBreachesChunk } from "./dataset";
import { OrderBreachesResolver } from "./order/order.resolver";
import { PersonBreachesResolver } from "./person/person.resolver";
import { statisticsReferenceResolver } from "./statistics/statistics.reference";
import { SpoStatisticsBreaches } from "./statistics/statistics.type";

/**
 * Breaches: offences under s.8 and s.11, and the breach columns of the
 * statistics. Applies convictions and acquittals recorded at breach hearings
 * (stream hearing-outcomes); keeps a copy of order facts (stream order-facts)
 * to check breach reports against. StalkingProtectionOrder and Person need no reference resolver:
 * their key is all this subgraph knows of them, and the representation itself
 * ({ id }) is what the contributed list fields read.
 */
export const breachesSubgraph = defineSubgraph({
  name: "breaches",
  migrationsDir: repoPath("subgraphs", "breaches", "migrations"),
  sharedMigrations: [EVENT_MIGRATIONS, ORDER_FACTS_MIGRATIONS, IDEMPOTENCY_MIGRATIONS, STATISTICS_TRIGGER_MIGRATIONS],
  consumes: { [STREAMS.hearingOutcomes.name]: applyHearingOutcomeToBreaches, [STREAMS.orderFacts.name]: applyOrderFactsToBreaches },
  resolvers: [BreachResolver, OrderBreachesResolver, PersonBreachesResolver],
  // Reached only through _entities, so no field of a resolver leads to it.
  orphanedTypes: [SpoStatisticsBreaches],
  access: breachesAccess,
  referenceResolvers: { BreachOffence: breachReferenceResolver, SpoStatistics: statisticsReferenceResolver },
  createLoaders,
  insertDatasetChunk: insertBreachesChunk,
});
