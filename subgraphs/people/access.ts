import { scope, type AccessRules } from "../../platform/subgraph/access-rules";

/** People: respondent identity needs person:read, addresses person:address; reference data any caller. */
export const peopleAccess: AccessRules = {
  "Query.forces": "authenticated",
  "Query.courts": "authenticated",
  Force: "authenticated",
  Court: "authenticated",
  "Query.person": scope("person:read"),
  "Query.searchPeople": scope("person:read"),
  Person: scope("person:read"),
  PersonName: scope("person:read"),
  "Person.notifiedAddresses": scope("person:address"),
  NotifiedAddress: scope("person:address"),
};
