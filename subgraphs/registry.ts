import type { SubgraphName } from "./kit/config";
import type { SubgraphDefinition } from "./kit/subgraph";
import { breachesSubgraph } from "./breaches/server";
import { hearingsSubgraph } from "./hearings/server";
import { ordersSubgraph } from "./orders/server";
import { peopleSubgraph } from "./people/server";

/** Every subgraph of the supergraph, by name: for composition, seeding and tests. */
export const SUBGRAPHS: Record<SubgraphName, SubgraphDefinition<any>> = {
  people: peopleSubgraph,
  orders: ordersSubgraph,
  hearings: hearingsSubgraph,
  breaches: breachesSubgraph,
};
