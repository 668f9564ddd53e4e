import type { Db } from "../../platform/db/db";
import type { DomainEvent } from "../../platform/events/event";
import { defineTable, type InsertRowOf } from "../../platform/db/table";
import { repoPath } from "../../platform/repo-root";
import { decisionsWithInitialTerms, withoutText, type InitialTermRow, type TermsDecision } from "../terms";
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
  if (!change) return;
  await storeOrderFacts(tx, change.order);
  if (change.terms) await storeOrderTermFacts(tx, change.order.id, change.terms, change.order.version);
}

/** The order's decisions on terms, without their text ([] for an order the copy holds none of). */
export async function findOrderTermFacts(db: Db, orderId: string): Promise<TermsDecision[]> {
  const [row] = await db.query<{ decisions: string }>(`SELECT decisions::text AS decisions FROM order_term_facts WHERE id = $1`, [orderId]);
  return row ? (JSON.parse(row.decisions) as TermsDecision[]) : [];
}

/** Stores an order's decisions on terms unless a newer copy is already here (the version rule of the facts). */
async function storeOrderTermFacts(tx: Db, orderId: string, decisions: readonly TermsDecision[], version: number): Promise<void> {
  await tx.query(
    `INSERT INTO order_term_facts (id, decisions, version) VALUES ($1, $2::jsonb, $3)
     ON CONFLICT (id) DO UPDATE SET decisions = excluded.decisions, version = excluded.version
     WHERE order_term_facts.version < excluded.version`,
    [orderId, JSON.stringify(withoutText(decisions)), version],
  );
}

/** The orders of a dataset as first facts (version 1): a dataset load fills the copy like the events would. */
export async function insertOrderFactsRows(
  db: Db,
  orders: readonly Omit<InsertRowOf<typeof ORDER_FACTS_COLUMNS>, "version">[],
  terms: readonly (InitialTermRow & { orderId: string })[] = [],
): Promise<void> {
  await ORDER_FACTS_TABLE.insert(
    db,
    orders.map((order) => ({ ...order, version: 1 })),
  );
  // The dataset's terms are made by the decision that made each order (domain/terms.ts decisionsWithInitialTerms).
  const termsByOrder = new Map<string, InitialTermRow[]>();
  for (const { orderId, ...row } of terms) termsByOrder.set(orderId, [...(termsByOrder.get(orderId) ?? []), row]);
  const copies = orders.flatMap((order) => {
    const decisions = decisionsWithInitialTerms({ id: order.id, madeOn: order.madeOn ?? null }, termsByOrder.get(order.id) ?? [], []);
    return decisions.length === 0 ? [] : [{ id: order.id, decisions: JSON.stringify(withoutText(decisions)) }];
  });
  if (copies.length === 0) return;
  await db.query(
    `INSERT INTO order_term_facts (id, decisions, version) SELECT id, decisions::jsonb, 1 FROM unnest($1::text[], $2::text[]) AS c (id, decisions)`,
    [copies.map((copy) => copy.id), copies.map((copy) => copy.decisions)],
  );
}
