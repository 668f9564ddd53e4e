import type { OrderRow } from "../records";
import { bulkInsert, camelCaseRow, type ColumnTypes } from "../../platform/db/bulk-insert";
import type { Db } from "../../platform/db/db";
import type { DomainEvent } from "../../platform/events/event";
import { repoPath } from "../../platform/repo-root";
import type { OrderStatusFacts } from "../order-status";

/** The migrations of the order-facts projection, for subgraphs that keep one. */
export const ORDER_FACTS_MIGRATIONS = repoPath("domain", "order-facts", "migrations");

/** What hearings and breaches need to know of an order to check decisions and breaches against it. */
export interface OrderFacts extends OrderStatusFacts {
  id: string;
  kind: OrderRow["kind"];
  applicantForceCode: string;
  courtCode: string | null;
  respondentId: string;
  appliedOn: string | null;
  supersedesId: string | null;
  /** Grows by one with every change; a copy only ever moves to a higher version. */
  version: number;
}

export const ORDER_FACTS_CHANGED = "OrderFactsChanged";

/** Who an order is about: the people subgraph decides whose identity may be shown from these. */
export interface OrderParties {
  respondentId: string;
  protectedPersonIds: string[];
}

export interface OrderFactsChangedPayload {
  order: OrderFacts;
  /**
   * The order's parties as they are after the change (every event carries them, so a consumer needs no
   * earlier one). Absent from events published before parties were added.
   */
  parties?: OrderParties;
  /** The hearing at which a decision made this order (a full order made at a full application hearing), if any. */
  madeAtHearingId: string | null;
}

/** The columns of an order's facts, named alike in the orders table and in this copy. */
export const ORDER_FACTS_COLUMNS = `id, kind, applicant_force_code, court_code, respondent_id, applied_on, made_on, expires_on,
  until_further_order, ended_on, end_reason, supersedes_id, version`;

export async function findOrderFacts(db: Db, orderId: string): Promise<OrderFacts | null> {
  const [row] = await db.query(`SELECT ${ORDER_FACTS_COLUMNS} FROM order_facts WHERE id = $1`, [orderId]);
  return row ? camelCaseRow<OrderFacts>(row) : null;
}

/** Stores a published copy unless a newer one is already here (events may arrive out of order or twice). */
export async function storeOrderFacts(tx: Db, facts: OrderFacts): Promise<void> {
  await tx.query(
    `INSERT INTO order_facts (id, kind, applicant_force_code, court_code, respondent_id, applied_on, made_on, expires_on,
                              until_further_order, ended_on, end_reason, supersedes_id, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (id) DO UPDATE SET
       kind = excluded.kind, applicant_force_code = excluded.applicant_force_code, court_code = excluded.court_code,
       respondent_id = excluded.respondent_id, applied_on = excluded.applied_on, made_on = excluded.made_on,
       expires_on = excluded.expires_on, until_further_order = excluded.until_further_order, ended_on = excluded.ended_on,
       end_reason = excluded.end_reason, supersedes_id = excluded.supersedes_id, version = excluded.version
     WHERE order_facts.version < excluded.version`,
    [
      facts.id,
      facts.kind,
      facts.applicantForceCode,
      facts.courtCode,
      facts.respondentId,
      facts.appliedOn,
      facts.madeOn,
      facts.expiresOn,
      facts.untilFurtherOrder,
      facts.endedOn,
      facts.endReason,
      facts.supersedesId,
      facts.version,
    ],
  );
}

/** The payload of an OrderFactsChanged event, or null when the event is of another type. */
export function orderFactsChange(event: DomainEvent): OrderFactsChangedPayload | null {
  return event.type === ORDER_FACTS_CHANGED ? (event.payload as OrderFactsChangedPayload) : null;
}

/** The consumer of stream order-facts for a subgraph whose only use of it is the copy itself. */
export async function applyOrderFactsChange(tx: Db, event: DomainEvent): Promise<void> {
  const change = orderFactsChange(event);
  if (change) await storeOrderFacts(tx, change.order);
}

type OrderFactsRow = Omit<OrderRow, "reference" | "servedOn">;

/** Column types of an order's facts, in the orders table and in this copy alike (bulk loads). */
export const ORDER_FACTS_COLUMN_TYPES: ColumnTypes<OrderFactsRow> = {
  id: "text",
  kind: "text",
  applicantForceCode: "text",
  courtCode: "text",
  respondentId: "text",
  appliedOn: "date",
  madeOn: "date",
  expiresOn: "date",
  untilFurtherOrder: "boolean",
  endedOn: "date",
  endReason: "text",
  supersedesId: "text",
};

/** The orders of a dataset as first facts (version 1): a dataset load fills the copy like the events would. */
export async function insertOrderFactsRows(db: Db, orders: readonly OrderRow[]): Promise<void> {
  await bulkInsert<OrderFactsRow & { version: number }>(
    db,
    "order_facts",
    { ...ORDER_FACTS_COLUMN_TYPES, version: "int" },
    orders.map((order) => ({ ...order, version: 1 })),
  );
}
