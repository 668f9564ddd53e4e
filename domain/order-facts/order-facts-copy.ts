import type { Db } from "../../platform/db/db";
import type { DomainEvent } from "../../platform/events/event";
import { defineTable, type InsertRowOf } from "../../platform/db/table";
import { repoPath } from "../../platform/repo-root";
import { ORDER_FACTS_COLUMNS, orderFactsChange, type OrderFacts } from "./order-facts";

/**
 * The copy of every order's facts that hearings and breaches keep (stream
 * order-facts), to check decisions and breaches against an order in one local
 * transaction: its table, reads, writes and migrations. The facts themselves
 * are the contract (order-facts.ts).
 */
export const ORDER_FACTS_MIGRATIONS = repoPath("domain", "order-facts", "migrations");

const ORDER_FACTS_TABLE = defineTable("order_facts", ORDER_FACTS_COLUMNS);
const SELECT_FACTS = `SELECT ${ORDER_FACTS_TABLE.selectList()} FROM order_facts WHERE id = $1`;
/** An older copy never overwrites a newer one, whatever order events arrive in. */
const NEWER_ONLY = ORDER_FACTS_TABLE.upsertClause(["id"], "order_facts.version < excluded.version");

export async function findOrderFacts(db: Db, orderId: string): Promise<OrderFacts | null> {
  const [row] = await db.query<OrderFacts>(SELECT_FACTS, [orderId]);
  return row ?? null;
}

/** The copies of these orders' facts (a per-request loader's batch); orders with no copy are left out. */
export async function findOrderFactsByIds(db: Db, orderIds: readonly string[]): Promise<OrderFacts[]> {
  return db.query<OrderFacts>(`SELECT ${ORDER_FACTS_TABLE.selectList()} FROM order_facts WHERE id = ANY($1)`, [orderIds]);
}

/** Stores a published copy unless a newer one is already here (events may arrive out of order or twice). */
export async function storeOrderFacts(tx: Db, facts: OrderFacts): Promise<void> {
  await ORDER_FACTS_TABLE.insert(tx, [facts], { onConflict: NEWER_ONLY });
}

/** The consumer of stream order-facts for a subgraph whose only use of it is the copy itself. */
export async function applyOrderFactsChange(tx: Db, event: DomainEvent): Promise<void> {
  const change = orderFactsChange(event);
  if (change) await storeOrderFacts(tx, change.order);
}

/** The orders of a dataset as first facts (version 1): a dataset load fills the copy like the events would. */
export async function insertOrderFactsRows(
  db: Db,
  orders: readonly Omit<InsertRowOf<typeof ORDER_FACTS_COLUMNS>, "version">[],
): Promise<void> {
  await ORDER_FACTS_TABLE.insert(
    db,
    orders.map((order) => ({ ...order, version: 1 })),
  );
}
