import { scope, type AccessRules } from "../../platform/subgraph/access-rules";

/**
 * Orders: the summary needs spo:read, terms and history notes (free text) spo:terms, protected persons
 * person:protected; statistics stats:read.
 */
export const ordersAccess: AccessRules = {
  "Query.order": scope("spo:read"),
  "Query.orders": scope("spo:read"),
  StalkingProtectionOrder: scope("spo:read"),
  OrderConnection: scope("spo:read"),
  PageInfo: "authenticated",
  OrderEvent: scope("spo:read"),
  "StalkingProtectionOrder.prohibitions": scope("spo:terms"),
  "StalkingProtectionOrder.requirements": scope("spo:terms"),
  OrderTerm: scope("spo:terms"),
  // Free text: case detail.
  "OrderEvent.note": scope("spo:terms"),
  "StalkingProtectionOrder.protectedPersons": scope("person:protected"),
  // People's type, which this subgraph extends: stated here so the subgraph enforces it on its own.
  Person: scope("person:read"),
  "Person.stalkingProtectionOrders": scope("spo:read"),
  "Person.spoStatus": scope("spo:read"),
  "Person.protectedBy": scope("person:protected"),
  "Query.spoStatistics": scope("stats:read"),
  SpoStatistics: scope("stats:read"),
};
