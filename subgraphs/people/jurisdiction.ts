import { defineJurisdiction } from "../../platform/subgraph/jurisdiction-table";
import { coversForce } from "../../platform/identity/principal";
import type { PeopleContext } from "./context";
import type { Person } from "./person/person.type";

/** Record-level access of the people subgraph (see platform/subgraph/jurisdiction-table.ts). */
export const peopleJurisdiction = defineJurisdiction<PeopleContext>({
  types: {
    Force: { protection: "reference", visibility: "every caller" },
    Court: { protection: "reference", visibility: "every caller" },
    Person: {
      protection: "identity",
      visibility:
        "respondents: every caller, every force; a person only ever protected: callers with person:protected covering an order " +
        "protecting them; a person no order names: nobody. Others get null or no search hit, never an error (person_role, in SQL)",
    },
    PersonName: { protection: "identity", visibility: "as its Person" },
    NotifiedAddress: { protection: "detail", visibility: "only through Person.notifiedAddresses" },
  },
  fields: {
    "Person.notifiedAddresses": {
      protection: "address",
      record: {
        foundBy: "the person's recording force",
        covers: (principal, person: Person) => coversForce(principal, person.forceCode),
      },
    },
  },
});
