import { repoPath } from "../kit/repo-root";
import { peopleAccess } from "./access";
import { defineSubgraph } from "../kit/subgraph";
import { CourtResolver } from "./court/court.resolver";
import { courtReference } from "./court/court.reference";
import { insertPeopleChunk } from "./dataset";
import { ForceResolver } from "./force/force.resolver";
import { forceReference } from "./force/force.reference";
import { createPersonLoaders } from "./person/person.loaders";
import { PersonResolver } from "./person/person.resolver";
import { personReference } from "./person/person.reference";

/** People: respondents and protected persons, and the reference data (forces, courts). */
export const peopleSubgraph = defineSubgraph({
  name: "people",
  migrationsDir: repoPath("subgraphs", "people", "migrations"),
  resolvers: [PersonResolver, ForceResolver, CourtResolver],
  access: peopleAccess,
  referenceResolvers: { Person: personReference, Force: forceReference, Court: courtReference },
  createLoaders: (db) => createPersonLoaders(db),
  insertDatasetChunk: insertPeopleChunk,
});
