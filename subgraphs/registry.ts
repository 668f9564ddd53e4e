import type { SubgraphName } from "../platform/config";
import type { AnySubgraphDefinition } from "../platform/subgraph/subgraph";
import { breachesSubgraph } from "./breaches/subgraph";
import { hearingsSubgraph } from "./hearings/subgraph";
import { ordersSubgraph } from "./orders/subgraph";
import { peopleSubgraph } from "./people/subgraph";

/** Every subgraph of the supergraph, by name: for composition, seeding and tests. */
export const SUBGRAPHS: Record<SubgraphName, AnySubgraphDefinition> = {
  people: peopleSubgraph,
  orders: ordersSubgraph,
  hearings: hearingsSubgraph,
  breaches: breachesSubgraph,
};
