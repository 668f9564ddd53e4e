import type { Db } from "../../../platform/db/db";
import { decisionsWithInitialTerms, type InitialTermRow, type TermsDecision } from "../../../domain/terms";

/** An order's decisions on terms, to fold (domain/terms.ts): its initial terms' making first where no decision recorded it. */
export interface OrderTermDecisions {
  orderId: string;
  decisions: TermsDecision[];
  /** The terms applied for, before the order is made (and the dataset's rows): shown as its terms until then. */
  initialRows: InitialTermRow[];
}

/**
 * The orders subgraph's record of terms decision by decision (migrations/007): read for the fold, written by the
 * consumer of hearing outcomes inside the event's transaction.
 */
export class OrderTermsRepository {
  constructor(private readonly db: Db) {}

  /** One statement per batch (the loaders' contract): each order with its initial rows and recorded decisions. */
  async decisionsOf(orderIds: readonly string[]): Promise<OrderTermDecisions[]> {
    const rows = await this.db.query<{ orderId: string; madeOn: string | null; initialRows: string; decisions: string }>(
      `SELECT o.id AS "orderId", o.made_on AS "madeOn",
              coalesce((SELECT json_agg(json_build_object('category', t.category, 'position', t.position,
                                 'description', t.description, 'exclusionArea', t.exclusion_area) ORDER BY t.category, t.position)
                          FROM order_term t WHERE t.order_id = o.id), '[]')::text AS "initialRows",
              coalesce((SELECT json_agg(json_build_object('decisionId', d.hearing_id, 'decidedOn', d.decided_on,
                                 'effect', d.effect, 'changes', d.changes) ORDER BY d.sequence)
                          FROM order_term_decision d WHERE d.order_id = o.id), '[]')::text AS decisions
         FROM stalking_protection_order o WHERE o.id = ANY($1)`,
      [orderIds],
    );
    return rows.map((row) => {
      const initialRows = JSON.parse(row.initialRows) as InitialTermRow[];
      const recorded = JSON.parse(row.decisions) as TermsDecision[];
      return {
        orderId: row.orderId,
        decisions: decisionsWithInitialTerms({ id: row.orderId, madeOn: row.madeOn }, initialRows, recorded),
        initialRows,
      };
    });
  }

  /** Appends a decision's changes after the order's last recorded decision; its id is the hearing's. */
  async record(orderId: string, decision: TermsDecision): Promise<void> {
    await this.db.query(
      `INSERT INTO order_term_decision (order_id, sequence, hearing_id, decided_on, effect, changes)
       SELECT $1, coalesce(max(sequence) + 1, 0), $2, $3, $4, $5::jsonb FROM order_term_decision WHERE order_id = $1`,
      [orderId, decision.decisionId, decision.decidedOn, decision.effect, JSON.stringify(decision.changes)],
    );
  }

  /**
   * Takes back what a hearing's decision did to these orders' terms (its outcome is being corrected): the terms in
   * force fold from the decisions left, and the corrected decision is recorded after them.
   */
  async forgetDecision(hearingId: string, orderIds: readonly string[]): Promise<void> {
    await this.db.query(`DELETE FROM order_term_decision WHERE hearing_id = $1 AND order_id = ANY($2)`, [hearingId, orderIds]);
  }
}
