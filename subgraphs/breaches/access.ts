import { scope, type AccessRules } from "../kit/access-rules";

/** Breaches: reading needs breach:read, reporting breach:write; the statistics columns stats:read. */
export const breachesAccess: AccessRules = {
  "Query.breachOffence": scope("breach:read"),
  BreachOffence: scope("breach:read"),
  "StalkingProtectionOrder.breaches": scope("breach:read"),
  "Person.breachOffences": scope("breach:read"),
  "Mutation.reportBreach": scope("breach:write"),
  SpoStatistics: scope("stats:read"),
};
