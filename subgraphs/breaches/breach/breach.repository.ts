import { camelCaseRow } from "../../../platform/db/bulk-insert";
import type { Db } from "../../../platform/db/db";
import { BreachOffence } from "./breach.type";

const BREACH_COLUMNS = `id, offence_type, offence_code, order_id, order_force_code, offender_id, reporting_force_code,
  occurred_on, reported_on, description, status, decided_on, sentence`;

function toBreach(row: Record<string, unknown>): BreachOffence {
  return Object.assign(new BreachOffence(), camelCaseRow<BreachOffence>(row));
}

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

export class BreachRepository {
  constructor(private readonly db: Db) {}

  async findBreachesByIds(ids: readonly string[]): Promise<BreachOffence[]> {
    const rows = await this.db.query(`SELECT ${BREACH_COLUMNS} FROM breach_offence WHERE id = ANY($1)`, [ids]);
    return rows.map(toBreach);
  }

  /** Breaches of each order, in the order they occurred. */
  async findBreachesByOrderIds(orderIds: readonly string[]): Promise<BreachOffence[]> {
    const rows = await this.db.query(
      `SELECT ${BREACH_COLUMNS} FROM breach_offence WHERE order_id = ANY($1) ORDER BY occurred_on, id`,
      [orderIds],
    );
    return rows.map(toBreach);
  }

  /** Breaches committed by each person, in the order they occurred. */
  async findBreachesByOffenderIds(offenderIds: readonly string[]): Promise<BreachOffence[]> {
    const rows = await this.db.query(
      `SELECT ${BREACH_COLUMNS} FROM breach_offence WHERE offender_id = ANY($1) ORDER BY occurred_on, id`,
      [offenderIds],
    );
    return rows.map(toBreach);
  }

  async insertReportedBreach(report: NewBreachReport): Promise<void> {
    await this.db.query(
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
    const rows = await this.db.query(
      `UPDATE breach_offence SET status = $2, decided_on = $3, sentence = coalesce($4, sentence) WHERE id = $1 RETURNING id`,
      [id, decision.status, decision.decidedOn, decision.sentence],
    );
    return rows.length === 1;
  }
}
