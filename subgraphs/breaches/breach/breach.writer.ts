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

  /** Records a court's decision on a breach; false when there is no such breach. */
  async recordDecision(id: string, decision: BreachDecision): Promise<boolean> {
    const rows = await this.tx.query(
      `UPDATE breach_offence SET status = $2, decided_on = $3, sentence = coalesce($4, sentence), disposal = coalesce($5, disposal)
        WHERE id = $1 RETURNING id`,
      [id, decision.status, decision.decidedOn, decision.sentence, decision.disposal === null ? null : JSON.stringify(decision.disposal)],
    );
    return rows.length === 1;
  }
}
