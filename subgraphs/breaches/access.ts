import { scope, type AccessRules } from "../kit/access-rules";

/** Breaches: reading needs breach:read, description and sentence (free text) spo:terms too, reporting breach:write; the statistics columns stats:read. */
export const breachesAccess: AccessRules = {
  "Query.breachOffence": scope("breach:read"),
  BreachOffence: scope("breach:read"),
  "StalkingProtectionOrder.breaches": scope("breach:read"),
  "Person.breachOffences": scope("breach:read"),
  "Mutation.reportBreach": scope("breach:write"),
  // Free text: case detail.
  "BreachOffence.description": scope("spo:terms"),
  "BreachOffence.sentence": scope("spo:terms"),
  SpoStatistics: scope("stats:read"),
};
