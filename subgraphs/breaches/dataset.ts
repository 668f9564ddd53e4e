import { bulkInsert } from "../../platform/db/bulk-insert";
import type { Db } from "../../platform/db/db";
import type { BreachOffenceRow, DatasetChunk } from "../../domain/records";
import { insertOrderFactsRows } from "../../domain/order-facts/order-facts";

/** Writes the breaches share of a dataset chunk (demo data, benchmark loads), and the order facts it keeps a copy of. */
export async function insertBreachesChunk(db: Db, chunk: DatasetChunk): Promise<void> {
  await bulkInsert<BreachOffenceRow>(
    db,
    "breach_offence",
    {
      id: "text",
      offenceType: "text",
      offenceCode: "text",
      orderId: "text",
      orderForceCode: "text",
      offenderId: "text",
      reportingForceCode: "text",
      occurredOn: "date",
      reportedOn: "date",
      description: "text",
      status: "text",
      decidedOn: "date",
      sentence: "text",
    },
    chunk.breaches.breaches,
  );
  await insertOrderFactsRows(db, chunk.orders.orders);
}
