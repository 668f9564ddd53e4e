import type { Db } from "../../platform/db/db";
import type { SubgraphContext } from "../../platform/subgraph/subgraph";
import { createBreachLoaders } from "./breach/breach.loaders";
import { createStatisticsLoaders } from "./statistics/statistics.loaders";

export function createBreachesLoaders(db: Db) {
  return { ...createBreachLoaders(db), ...createStatisticsLoaders(db) };
}

export type BreachesLoaders = ReturnType<typeof createBreachesLoaders>;
export type BreachesContext = SubgraphContext<BreachesLoaders>;
