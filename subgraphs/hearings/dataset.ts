import type { Db } from "../../platform/db/db";
import { insertOrderFactsRows } from "../../domain/order-facts/order-facts-copy";
import { HEARING_TABLE, type CourtHearingRow } from "./hearing/hearing.table";

/** The hearings share of a dataset chunk, and the orders whose facts it keeps a copy of. */
export interface HearingsDatasetShare {
  hearings: { hearings: CourtHearingRow[] };
  orders: { orders: Parameters<typeof insertOrderFactsRows>[1]; terms?: Parameters<typeof insertOrderFactsRows>[2] };
}

/** Writes the hearings share of a dataset chunk (demo data, benchmark loads), and the order facts it keeps a copy of. */
export async function insertHearingsChunk(db: Db, chunk: HearingsDatasetShare): Promise<void> {
  await HEARING_TABLE.insert(db, chunk.hearings.hearings);
  await insertOrderFactsRows(db, chunk.orders.orders, chunk.orders.terms);
}
