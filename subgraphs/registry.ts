import type { SubgraphName } from "../platform/config";
import type { AnySubgraphDefinition } from "../platform/subgraph/subgraph";
import { breachesSubgraph } from "./breaches/server";
import { hearingsSubgraph } from "./hearings/server";
import { ordersSubgraph } from "./orders/server";
import { peopleSubgraph } from "./people/server";

/** Every subgraph of the supergraph, by name: for composition, seeding and tests. */
export const SUBGRAPHS: Record<SubgraphName, AnySubgraphDefinition> = {
  people: peopleSubgraph,
  orders: ordersSubgraph,
  hearings: hearingsSubgraph,
  breaches: breachesSubgraph,
};
