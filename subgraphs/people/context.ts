import type { SubgraphContext } from "../kit/subgraph";
import type { PersonLoaders } from "./person/person.loaders";

export type PeopleContext = SubgraphContext<PersonLoaders>;
