import { bulkInsert } from "../../platform/db/bulk-insert";
import type { Db } from "../../platform/db/db";
import { ORDER_FACTS_COLUMN_TYPES } from "../../domain/order-facts/order-facts";
import type { DatasetChunk, OrderEventRow, OrderProtectedPersonRow, OrderRow, OrderTermRow } from "../../domain/records";

/** Writes the orders share of a dataset chunk (demo data, benchmark loads). */
export async function insertOrdersChunk(db: Db, chunk: DatasetChunk): Promise<void> {
  await bulkInsert<OrderRow>(
    db,
    "stalking_protection_order",
    { ...ORDER_FACTS_COLUMN_TYPES, reference: "text", servedOn: "date" },
    chunk.orders.orders,
  );
  await bulkInsert<OrderProtectedPersonRow>(
    db,
    "order_protected_person",
    { orderId: "text", personId: "text" },
    chunk.orders.protectedPersons,
  );
  await bulkInsert<OrderTermRow>(
    db,
    "order_term",
    { orderId: "text", category: "text", position: "int", description: "text", exclusionArea: "text" },
    chunk.orders.terms,
  );
  await bulkInsert<OrderEventRow>(
    db,
    "order_event",
    {
      orderId: "text",
      position: "int",
      type: "text",
      occurredOn: "date",
      courtCode: "text",
      note: "text",
      expiresOn: "date",
      untilFurtherOrder: "boolean",
    },
    chunk.orders.events,
  );
}
