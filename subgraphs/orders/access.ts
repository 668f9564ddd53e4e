import { scope } from "../../platform/subgraph/access-rules";
import { defineAccess } from "../../platform/subgraph/access-table";
import type { RecordCoverage } from "../../platform/subgraph/jurisdiction-table";
import { KEY_ONLY, STATISTICS_AGGREGATE } from "../../domain/protection-classes";
import type { OrdersContext } from "./context";
import { coversOrder } from "./order/order-jurisdiction";
import type { OrderEvent, OrderTerm, OrderTermVersion, StalkingProtectionOrder } from "./order/order.type";

const ORDER_FOUND_BY =
  "the order: its applicant force or the force managing it; for court callers, the court that made it or held any of its events";

const order: RecordCoverage<StalkingProtectionOrder, OrdersContext> = {
  foundBy: ORDER_FOUND_BY,
  covers: (principal, record, context) => coversOrder(principal, record, (id) => context.loaders.eventsByOrderId.load(id)),
};

/** An event is covered with its order (reached only through a visible order's history, so the order loads from cache). */
const orderOfEvent: RecordCoverage<OrderEvent, OrdersContext> = {
  foundBy: `the event's order (${ORDER_FOUND_BY})`,
  covers: async (principal, event, context) => {
    const parent = await context.loaders.orderById.load(event.orderId);
    return parent !== null && (await order.covers(principal, parent, context));
  },
};

/** A term (or a version of it) is covered with the order it was reached through (its prohibitions, requirements, terms); else not at all. */
const orderOfTerm: RecordCoverage<OrderTerm | OrderTermVersion, OrdersContext> = {
  foundBy: `the term's order (${ORDER_FOUND_BY})`,
  covers: async (principal, term, context) => term.order !== undefined && (await order.covers(principal, term.order, context)),
};

/**
 * Who may see what of orders (see platform/subgraph/access-table.ts): the summary needs spo:read, terms and
 * history notes (free text) spo:terms and covering the order, protected persons person:protected and covering
 * the order; statistics stats:read.
 */
export const ordersAccess = defineAccess<OrdersContext>({
  types: {
    StalkingProtectionOrder: {
      requires: scope("spo:read"),
      protection: "summary",
      visibility: "every order to every spo:read caller, in every force (whom to call); court callers only the orders they cover (in SQL)",
    },
    OrderConnection: { requires: scope("spo:read"), protection: "summary", visibility: "as its orders" },
    PageInfo: { requires: "authenticated", protection: "summary", visibility: "as its orders" },
    OrderEvent: { requires: scope("spo:read"), protection: "summary", visibility: "as its order; the note is case notes" },
    OrderTerm: { requires: scope("spo:terms"), protection: "detail", visibility: "only through prohibitions, requirements and terms" },
    OrderTermVersion: { requires: scope("spo:terms"), protection: "detail", visibility: "only through a term's history" },
    // Which force managed the order when, like the applicant force: whom to call.
    ManagementPeriod: { requires: scope("spo:read"), protection: "summary", visibility: "as its order" },
    SpoStatistics: { requires: scope("stats:read"), ...STATISTICS_AGGREGATE },
    // People's type, which this subgraph extends: its scope stated here so the subgraph enforces it on its own.
    Person: { requires: scope("person:read"), ...KEY_ONLY.Person },
    Force: KEY_ONLY.Force,
    Court: KEY_ONLY.Court,
  },
  fields: {
    "Query.order": { requires: scope("spo:read") },
    "Query.orders": { requires: scope("spo:read") },
    "Query.spoStatistics": { requires: scope("stats:read") },
    "Mutation.applyForOrder": { requires: scope("spo:write") },
    "Mutation.recordService": { requires: scope("spo:write") },
    "Mutation.transferManagement": { requires: scope("spo:write") },
    "StalkingProtectionOrder.prohibitions": { requires: scope("spo:terms"), protection: "detail", record: order },
    "StalkingProtectionOrder.requirements": { requires: scope("spo:terms"), protection: "detail", record: order },
    "StalkingProtectionOrder.terms": { requires: scope("spo:terms"), protection: "detail", record: order },
    "StalkingProtectionOrder.protectedPersons": { requires: scope("person:protected"), protection: "protected-person", record: order },
    // Free text: case detail. A term's text is typed by the applicant (applyForOrder) as a note is.
    "OrderTerm.description": { requires: scope("spo:terms"), protection: "case-notes", record: orderOfTerm },
    "OrderTerm.exclusionArea": { requires: scope("spo:terms"), protection: "case-notes", record: orderOfTerm },
    // A term's text as each decision left it: the same text, the same guard.
    "OrderTermVersion.description": { requires: scope("spo:terms"), protection: "case-notes", record: orderOfTerm },
    "OrderTermVersion.exclusionArea": { requires: scope("spo:terms"), protection: "case-notes", record: orderOfTerm },
    "OrderEvent.note": { requires: scope("spo:terms"), protection: "case-notes", record: orderOfEvent },
    "Person.stalkingProtectionOrders": { requires: scope("spo:read") },
    "Person.spoStatus": { requires: scope("spo:read") },
    "Person.protectedBy": {
      requires: scope("person:protected"),
      protection: "protected-person",
      filteredBy: "only the orders the caller covers, without an error (the link itself is protected-person detail; in SQL)",
    },
  },
});
