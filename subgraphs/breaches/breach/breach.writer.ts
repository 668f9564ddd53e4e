import type { Db } from "../../../platform/db/db";

export interface NewBreachReport {
  id: string;
  offenceType: string;
  offenceCode: string | null;
  orderId: string;
  orderForceCode: string;
  offenderId: string;
  reportingForceCode: string;
  occurredOn: string;
  reportedOn: string;
  description: string;
}

export interface BreachDecision {
  status: "CONVICTED" | "ACQUITTED";
  decidedOn: string;
  /** Set from a sentencing hearing; null keeps the sentence there is. */
  sentence: string | null;
}

/**
 * Writes of the breaches subgraph, inside the transaction of the mutation or event that makes them
 * (a reported breach, a court's decision on one); reads are the repository's.
 */
export class BreachWriter {
  constructor(private readonly tx: Db) {}

  async insertReportedBreach(report: NewBreachReport): Promise<void> {
    await this.tx.query(
      `INSERT INTO breach_offence (id, offence_type, offence_code, order_id, order_force_code, offender_id, reporting_force_code,
                                  occurred_on, reported_on, description, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'REPORTED')`,
      [
        report.id,
        report.offenceType,
        report.offenceCode,
        report.orderId,
        report.orderForceCode,
        report.offenderId,
        report.reportingForceCode,
        report.occurredOn,
        report.reportedOn,
        report.description,
      ],
    );
  }

  /** Records a court's decision on a breach; false when there is no such breach. */
  async recordDecision(id: string, decision: BreachDecision): Promise<boolean> {
    const rows = await this.tx.query(
      `UPDATE breach_offence SET status = $2, decided_on = $3, sentence = coalesce($4, sentence) WHERE id = $1 RETURNING id`,
      [id, decision.status, decision.decidedOn, decision.sentence],
    );
    return rows.length === 1;
  }
}
