import { scope, type AccessRules } from "../../platform/subgraph/access-rules";

/** Breaches: reading needs breach:read, description and sentence (free text) spo:terms too, reporting breach:write; the statistics columns stats:read. */
export const breachesAccess: AccessRules = {
  "Query.breachOffence": scope("breach:read"),
  BreachOffence: scope("breach:read"),
  // Orders' and people's types, which this subgraph extends or returns: stated here so the subgraph enforces them on its own.
  StalkingProtectionOrder: scope("spo:read"),
  Person: scope("person:read"),
  "StalkingProtectionOrder.breaches": scope("breach:read"),
  "Person.breachOffences": scope("breach:read"),
  "Mutation.reportBreach": scope("breach:write"),
  // Free text: case detail.
  "BreachOffence.description": scope("spo:terms"),
  "BreachOffence.sentence": scope("spo:terms"),
  SpoStatistics: scope("stats:read"),
};
