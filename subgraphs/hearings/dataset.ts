import { bulkInsert } from "../../platform/db/bulk-insert";
import type { Db } from "../../platform/db/db";
import type { CourtHearingRow, DatasetChunk } from "../../domain/records";
import { insertOrderFactsRows } from "../../domain/order-facts/order-facts";

/** Writes the hearings share of a dataset chunk (demo data, benchmark loads), and the order facts it keeps a copy of. */
export async function insertHearingsChunk(db: Db, chunk: DatasetChunk): Promise<void> {
  await bulkInsert<CourtHearingRow>(
    db,
    "court_hearing",
    {
      id: "text",
      caseNumber: "text",
      courtCode: "text",
      forceCode: "text",
      type: "text",
      status: "text",
      listedFor: "timestamptz",
      courtroom: "text",
      orderId: "text",
      respondentId: "text",
      breachId: "text",
      decision: "text",
      outcomeNote: "text",
    },
    chunk.hearings.hearings,
  );
  await insertOrderFactsRows(db, chunk.orders.orders);
}
