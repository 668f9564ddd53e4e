import type { Db } from "../../../platform/db/db";
import { BREACH_TABLE, type BreachOffenceRow } from "./breach.table";
import type { BreachDisposal } from "../../../domain/breach-disposals";

/** A breach as reported: no decision yet. */
export type NewBreachReport = Omit<BreachOffenceRow, "status" | "decidedOn" | "sentence" | "disposal">;

export interface BreachDecision {
  status: "CONVICTED" | "ACQUITTED";
  decidedOn: string;
  /** Set from a sentencing hearing; null keeps the sentence there is. */
  sentence: string | null;
  /** The checked disposals from a sentencing hearing; null keeps the disposal there is. */
  disposal: readonly BreachDisposal[] | null;
}

/**
 * Writes of the breaches subgraph, inside the transaction of the mutation or event that makes them
 * (a reported breach, a court's decision on one); reads are the repository's.
 */
export class BreachWriter {
  constructor(private readonly tx: Db) {}

  async insertReportedBreach(report: NewBreachReport): Promise<void> {
    await BREACH_TABLE.insert(this.tx, [{ ...report, status: "REPORTED" }]);
  }

  /** The terms a reported breach is of, in the order named. */
  async insertTermsBreached(breachId: string, termIds: readonly string[]): Promise<void> {
    if (termIds.length === 0) return;
    await this.tx.query(
      `INSERT INTO breach_term_breached (breach_id, position, term_id)
       SELECT $1, t.ordinality - 1, t.term_id FROM unnest($2::text[]) WITH ORDINALITY AS t (term_id, ordinality)`,
      [breachId, termIds],
    );
  }

  /** Records a court's decision on a breach; false when there is no such breach. */
  async recordDecision(id: string, decision: BreachDecision): Promise<boolean> {
    const rows = await this.tx.query(
      `UPDATE breach_offence SET status = $2, decided_on = $3, sentence = coalesce($4, sentence), disposal = coalesce($5, disposal)
        WHERE id = $1 RETURNING id`,
      [id, decision.status, decision.decidedOn, decision.sentence, decision.disposal === null ? null : JSON.stringify(decision.disposal)],
    );
    return rows.length === 1;
  }

  /** The breach as it is before hearing `hearingId` decides it, kept so a correction of that decision can undo it. */
  async keepStateBeforeDecision(hearingId: string, breachId: string): Promise<void> {
    await this.tx.query(
      `INSERT INTO breach_decision_by_hearing (hearing_id, breach_id, status_before, decided_on_before, sentence_before, disposal_before)
       SELECT $1, id, status, decided_on, sentence, disposal FROM breach_offence WHERE id = $2
       ON CONFLICT (hearing_id) DO NOTHING`,
      [hearingId, breachId],
    );
  }

  /**
   * Puts the breach back as it was before hearing `hearingId` decided it, and takes that off the record; false
   * when the decision was not kept (recorded before decisions were, or never made here).
   */
  async undoDecision(hearingId: string): Promise<boolean> {
    const rows = await this.tx.query(
      `WITH taken AS (DELETE FROM breach_decision_by_hearing WHERE hearing_id = $1 RETURNING *)
       UPDATE breach_offence b
          SET status = t.status_before, decided_on = t.decided_on_before, sentence = t.sentence_before, disposal = t.disposal_before
         FROM taken t WHERE b.id = t.breach_id RETURNING b.id`,
      [hearingId],
    );
    return rows.length === 1;
  }

  /** A decision recorded before decisions were kept, undone as far as is known: before a court decides, a breach is charged. */
  async undoUnkeptDecision(breachId: string, sentenceWasSet: boolean): Promise<void> {
    await this.tx.query(
      `UPDATE breach_offence SET status = 'CHARGED', decided_on = NULL, sentence = CASE WHEN $2 THEN NULL ELSE sentence END,
              disposal = CASE WHEN $2 THEN NULL ELSE disposal END
        WHERE id = $1`,
      [breachId, sentenceWasSet],
    );
  }
}
