import type { Clock } from "../../platform/clock";
import type { Db } from "../../platform/db/db";
import type { Principal } from "../../platform/identity/principal";
import type { SubgraphContext } from "../../platform/subgraph/subgraph";
import { createBreachLoaders } from "./breach/breach.loaders";
import { createStatisticsLoaders } from "./statistics/statistics.loaders";

/**
 * The loaders of one request (subgraph.ts hands this to the builder, which calls it per request).
 * Breaches filters no read by jurisdiction, so the principal goes unused: its guarded fields are
 * enforced by the jurisdiction table.
 */
export function createLoaders(db: Db, _clock: Clock, _principal: Principal) {
  return { ...createBreachLoaders(db), ...createStatisticsLoaders(db) };
}

export type BreachesLoaders = ReturnType<typeof createLoaders>;
export type BreachesContext = SubgraphContext<BreachesLoaders>;
