import { STREAMS } from "../../domain/topology";
import { EVENT_MIGRATIONS } from "../../platform/events/runtime";
import { IDEMPOTENCY_MIGRATIONS } from "../../platform/subgraph/idempotency";
import { ORDER_FACTS_MIGRATIONS } from "../../domain/order-facts/order-facts-copy";
import { repoPath } from "../../platform/repo-root";
import { hearingsAccess } from "./access";
import { defineSubgraph } from "../../platform/subgraph/subgraph";
import { createLoaders } from "./context";
import { insertHearingsChunk } from "./dataset";
import { hearingReferenceResolver } from "./hearing/hearing.reference";
import { HearingResolver } from "./hearing/hearing.resolver";
import { applyOrderFactsToHearings } from "./events/order-facts.consumer";
import { OrderHearingsResolver } from "./order/order.resolver";

/**
 * Hearings: court hearings about orders and breaches, court lists, outcomes.
 * Publishes each recorded outcome (stream hearing-outcomes); keeps a copy of
 * order facts (stream order-facts) to check decisions against.
 * StalkingProtectionOrder needs no reference resolver: its key is all this
 * subgraph knows of it, and the representation itself ({ id }) is what the
 * `hearings` field resolver reads.
 */
export const hearingsSubgraph = defineSubgraph({
  name: "hearings",
  migrationsDir: repoPath("subgraphs", "hearings", "migrations"),
  sharedMigrations: [EVENT_MIGRATIONS, ORDER_FACTS_MIGRATIONS, IDEMPOTENCY_MIGRATIONS],
  consumes: { [STREAMS.orderFacts.name]: applyOrderFactsToHearings },
  resolvers: [HearingResolver, OrderHearingsResolver],
  access: hearingsAccess,
  referenceResolvers: { CourtHearing: hearingReferenceResolver },
  createLoaders,
  insertDatasetChunk: insertHearingsChunk,
});
