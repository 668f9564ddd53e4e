import type { Clock } from "../../platform/clock";
import type { Db } from "../../platform/db/db";
import type { Principal } from "../../platform/identity/principal";
import type { SubgraphContext } from "../../platform/subgraph/subgraph";
import { createPersonLoaders } from "./person/person.loaders";
import { loaderOfOne } from "../../platform/loaders";
import { findOrderFactsByIds } from "../../domain/order-facts/order-facts-copy";

/** The loaders of one request (subgraph.ts hands this to the builder, which calls it per request). */
export function createLoaders(db: Db, _clock: Clock, principal: Principal) {
  return {
    ...createPersonLoaders(db, principal),
    // People's copy of the orders' facts (stream order-facts): who covers an order, and whom it is about.
    orderFactsById: loaderOfOne(
      (ids) => findOrderFactsByIds(db, ids),
      (facts) => facts.id,
    ),
  };
}

export type PeopleLoaders = ReturnType<typeof createLoaders>;
export type PeopleContext = SubgraphContext<PeopleLoaders>;
