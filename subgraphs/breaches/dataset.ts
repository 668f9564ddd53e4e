import type { Db } from "../../platform/db/db";
import { insertOrderFactsRows } from "../../domain/order-facts/order-facts-copy";
import { BREACH_TABLE, type BreachOffenceRow } from "./breach/breach.table";

/** The breaches share of a dataset chunk, and the orders whose facts it keeps a copy of. */
export interface BreachesDatasetShare {
  breaches: { breaches: BreachOffenceRow[] };
  orders: { orders: Parameters<typeof insertOrderFactsRows>[1]; terms?: Parameters<typeof insertOrderFactsRows>[2] };
}

/** Writes the breaches share of a dataset chunk (demo data, benchmark loads), and the order facts it keeps a copy of. */
export async function insertBreachesChunk(db: Db, chunk: BreachesDatasetShare): Promise<void> {
  await BREACH_TABLE.insert(db, chunk.breaches.breaches);
  await insertOrderFactsRows(db, chunk.orders.orders, chunk.orders.terms);
}
