import { defineJurisdiction, type RecordCoverage } from "../../platform/subgraph/jurisdiction-table";
import { KEY_ONLY, STATISTICS_AGGREGATE } from "../../domain/protection-classes";
import type { OrdersContext } from "./context";
import { coversOrder } from "./order/order-jurisdiction";
import type { OrderEvent, StalkingProtectionOrder } from "./order/order.type";

const ORDER_FOUND_BY = "the order: its applicant force; for court callers, the court that made it or held any of its events";

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

/** Record-level access of the orders subgraph (see platform/subgraph/jurisdiction-table.ts). */
export const ordersJurisdiction = defineJurisdiction<OrdersContext>({
  types: {
    StalkingProtectionOrder: {
      protection: "summary",
      visibility: "every order to every spo:read caller, in every force (whom to call); court callers only the orders they cover (in SQL)",
    },
    OrderConnection: { protection: "summary", visibility: "as its orders" },
    PageInfo: { protection: "summary", visibility: "as its orders" },
    OrderEvent: { protection: "summary", visibility: "as its order; the note is case notes" },
    OrderTerm: { protection: "detail", visibility: "only through prohibitions and requirements" },
    SpoStatistics: STATISTICS_AGGREGATE,
    Person: KEY_ONLY.Person,
    Force: KEY_ONLY.Force,
    Court: KEY_ONLY.Court,
  },
  fields: {
    "StalkingProtectionOrder.prohibitions": { protection: "detail", record: order },
    "StalkingProtectionOrder.requirements": { protection: "detail", record: order },
    "StalkingProtectionOrder.protectedPersons": { protection: "protected-person", record: order },
    "OrderEvent.note": { protection: "case-notes", record: orderOfEvent },
    "Person.protectedBy": {
      protection: "protected-person",
      filteredBy: "only the orders the caller covers, without an error (the link itself is protected-person detail; in SQL)",
    },
  },
});
