import { STREAMS } from "../../domain/topology";
import { EVENT_MIGRATIONS } from "../../platform/events/runtime";
import { ORDER_FACTS_MIGRATIONS } from "../../domain/order-facts/order-facts-copy";
import { repoPath } from "../../platform/repo-root";
import { peopleAccess } from "./access";
import { defineSubgraph } from "../../platform/subgraph/subgraph";
import { createLoaders } from "./context";
import { CourtResolver } from "./court/court.resolver";
import { courtReferenceResolver } from "./court/court.reference";
import { insertPeopleChunk } from "./dataset";
import { ForceResolver } from "./force/force.resolver";
import { forceReferenceResolver } from "./force/force.reference";
import { PersonResolver } from "./person/person.resolver";
import { personReferenceResolver } from "./person/person.reference";
import { applyOrderFactsToPeople } from "./events/order-facts.consumer";
import { OrderProposedTransferResolver } from "./order/order.resolver";
import { OrderReference } from "./order/order.type";

/**
 * People: respondents and protected persons, and the estate data (forces, courts).
 * Keeps each person's roles in orders, and the orders' facts, current from the
 * order-facts stream: they decide whose identity a caller may see.
 */
export const peopleSubgraph = defineSubgraph({
  name: "people",
  migrationsDir: repoPath("subgraphs", "people", "migrations"),
  sharedMigrations: [EVENT_MIGRATIONS, ORDER_FACTS_MIGRATIONS],
  consumes: { [STREAMS.orderFacts.name]: applyOrderFactsToPeople },
  resolvers: [PersonResolver, ForceResolver, CourtResolver, OrderProposedTransferResolver],
  // Extended here, returned by no field of this subgraph: named so the schema holds it.
  orphanedTypes: [OrderReference],
  access: peopleAccess,
  referenceResolvers: { Person: personReferenceResolver, Force: forceReferenceResolver, Court: courtReferenceResolver },
  createLoaders,
  insertDatasetChunk: insertPeopleChunk,
});
