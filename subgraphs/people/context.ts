import type { SubgraphContext } from "../../platform/subgraph/subgraph";
import type { PersonLoaders } from "./person/person.loaders";

export type PeopleContext = SubgraphContext<PersonLoaders>;
