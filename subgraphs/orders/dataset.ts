import type { Db } from "../../platform/db/db";
import {
  ORDER_EVENT_TABLE,
  ORDER_PROTECTED_PERSON_TABLE,
  ORDER_TABLE,
  ORDER_TERM_TABLE,
  type OrderEventRow,
  type OrderProtectedPersonRow,
  type OrderRow,
  type OrderTermRow,
} from "./order/order.table";

/** The orders share of a dataset chunk. */
export interface OrdersDatasetShare {
  orders: { orders: OrderRow[]; protectedPersons: OrderProtectedPersonRow[]; terms: OrderTermRow[]; events: OrderEventRow[] };
}

/** Writes the orders share of a dataset chunk (demo data, benchmark loads). */
export async function insertOrdersChunk(db: Db, chunk: OrdersDatasetShare): Promise<void> {
  await ORDER_TABLE.insert(db, chunk.orders.orders);
  await ORDER_PROTECTED_PERSON_TABLE.insert(db, chunk.orders.protectedPersons);
  await ORDER_TERM_TABLE.insert(db, chunk.orders.terms);
  await ORDER_EVENT_TABLE.insert(db, chunk.orders.events);
}
