import type { Db } from "../kit/db";
import type { SubgraphContext } from "../kit/subgraph";
import { createBreachLoaders } from "./breach/breach.loaders";
import { createStatisticsLoaders } from "./statistics/statistics.loaders";

export function createBreachesLoaders(db: Db) {
  return { ...createBreachLoaders(db), ...createStatisticsLoaders(db) };
}

export type BreachesLoaders = ReturnType<typeof createBreachesLoaders>;
export type BreachesContext = SubgraphContext<BreachesLoaders>;
