import { scope } from "../../platform/subgraph/access-rules";
import { defineAccess } from "../../platform/subgraph/access-table";
import { coversForce } from "../../platform/identity/principal";
import type { PeopleContext } from "./context";
import type { Person } from "./person/person.type";
import { KEY_ONLY } from "../../domain/protection-classes";
import type { OrderReference } from "./order/order.type";
import { coversProposal } from "./order/proposed-transfer";

/**
 * Who may see what of people (see platform/subgraph/access-table.ts): respondent identity needs person:read,
 * addresses person:address and covering the recording force; estate data any caller.
 */
export const peopleAccess = defineAccess<PeopleContext>({
  types: {
    Force: { requires: "authenticated", protection: "shared", visibility: "every caller" },
    Court: { requires: "authenticated", protection: "shared", visibility: "every caller" },
    Person: {
      requires: scope("person:read"),
      protection: "identity",
      visibility:
        "respondents: every caller, every force; a person only ever protected: callers with person:protected covering an order " +
        "protecting them; a person no order names: nobody. Others get null or no search hit, never an error (person_role, in SQL)",
    },
    PersonName: { requires: scope("person:read"), protection: "identity", visibility: "as its Person" },
    NotifiedAddress: { requires: scope("person:address"), protection: "detail", visibility: "only through Person.notifiedAddresses" },
    ProposedTransfer: {
      requires: scope("spo:read"),
      protection: "detail",
      visibility: "only through StalkingProtectionOrder.proposedTransfer",
    },
    // Orders' type, which this subgraph extends: its scope stated here so the subgraph enforces it on its own.
    StalkingProtectionOrder: { requires: scope("spo:read"), ...KEY_ONLY.StalkingProtectionOrder },
  },
  fields: {
    "Query.forces": { requires: "authenticated" },
    "Query.courts": { requires: "authenticated" },
    "Query.person": { requires: scope("person:read") },
    "Query.searchPeople": { requires: scope("person:read") },
    "Person.notifiedAddresses": {
      requires: scope("person:address"),
      protection: "address",
      record: {
        foundBy: "the person's recording force",
        covers: (principal, person: Person) => coversForce(principal, person.forceCode),
      },
    },
    // Which area the respondent now lives in: for the two forces the proposal is between.
    "StalkingProtectionOrder.proposedTransfer": {
      requires: scope("spo:read"),
      protection: "detail",
      record: {
        foundBy: "the order: its applicant force or the force managing it (people's copy of its facts), or the force proposed",
        covers: (principal, order: OrderReference, context) => coversProposal(principal, order.id, context),
      },
    },
  },
});
