import type { SubgraphName } from "../domain/topology";
import type { AnySubgraphDefinition } from "../platform/subgraph/subgraph";
import { breachesSubgraph } from "./breaches/subgraph";
import { hearingsSubgraph } from "./hearings/subgraph";
import { ordersSubgraph } from "./orders/subgraph";
import { peopleSubgraph } from "./people/subgraph";

/**
 * Every subgraph of the topology (domain/topology.ts), by name: for composition, seeding and tests.
 * Each entry's definition carries the name it is registered under.
 */
export const SUBGRAPHS: { readonly [Name in SubgraphName]: AnySubgraphDefinition<Name> } = {
  people: peopleSubgraph,
  orders: ordersSubgraph,
  hearings: hearingsSubgraph,
  breaches: breachesSubgraph,
};
