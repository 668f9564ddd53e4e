import type { Db } from "../../../platform/db/db";
import type { OrderFacts } from "../../../domain/order-facts/order-facts";
import { HEARING_COLUMNS, toHearing } from "./hearing.repository";
import type { CourtHearing } from "./hearing.type";

export interface RecordedOutcome {
  status: string;
  decision: string | null;
  outcomeNote: string | null;
  expiresOn: string | null;
  untilFurtherOrder: boolean | null;
}

/**
 * Writes of the hearings subgraph, inside the transaction of the mutation or event that makes them
 * (a recorded outcome, a hearing moved to the full order it made); reads are the repository's.
 */
export class HearingWriter {
  constructor(private readonly tx: Db) {}

  /** One hearing, locked until the transaction ends (recording an outcome). */
  async lockHearing(id: string): Promise<CourtHearing | null> {
    const [row] = await this.tx.query(`SELECT ${HEARING_COLUMNS} FROM court_hearing WHERE id = $1 FOR UPDATE`, [id]);
    return row ? toHearing(row) : null;
  }

  async recordOutcome(id: string, outcome: RecordedOutcome): Promise<void> {
    await this.tx.query(
      `UPDATE court_hearing
          SET status = $2, decision = $3, outcome_note = $4, decided_expires_on = $5, decided_until_further_order = $6,
              outcome_recorded_at = now()
        WHERE id = $1`,
      [id, outcome.status, outcome.decision, outcome.outcomeNote, outcome.expiresOn, outcome.untilFurtherOrder],
    );
  }

  /** A full order made at a hearing becomes the hearing's order (it was listed against the interim order). */
  async relinkToOrder(hearingId: string, orderId: string): Promise<void> {
    await this.tx.query(`UPDATE court_hearing SET order_id = $2 WHERE id = $1`, [hearingId, orderId]);
  }

  /** The order facts an outcome was checked against, kept so a correction of it is judged against the same order. */
  async keepOrderFactsJudgedAgainst(id: string, order: OrderFacts | null): Promise<void> {
    await this.tx.query(`UPDATE court_hearing SET order_facts_before = $2::jsonb WHERE id = $1`, [
      id,
      order === null ? null : JSON.stringify(order),
    ]);
  }

  /** What a correction needs of the recorded outcome beyond the hearing's fields (the hearing is locked by lockHearing). */
  async outcomeRecordOf(id: string): Promise<OutcomeRecord> {
    const [row] = await this.tx.query<OutcomeRecord>(
      `SELECT decided_expires_on AS "expiresOn", decided_until_further_order AS "untilFurtherOrder",
              outcome_recorded_at AS "recordedAt", order_facts_before AS "orderFactsBefore",
              (SELECT count(*)::int FROM hearing_outcome_amendment a WHERE a.hearing_id = court_hearing.id) AS "amendments"
         FROM court_hearing WHERE id = $1`,
      [id],
    );
    return row;
  }

  /** Whether another hearing of the order has had an outcome recorded (or corrected: that records it again) since `since`. */
  async laterOutcomeOfOrder(hearingId: string, orderIds: readonly string[], since: string | Date | null): Promise<boolean> {
    const rows = await this.tx.query(
      `SELECT 1 FROM court_hearing h
        WHERE h.order_id = ANY($2) AND h.id <> $1 AND h.outcome_recorded_at IS NOT NULL
          AND ($3::timestamptz IS NULL OR h.outcome_recorded_at > $3::timestamptz)
        LIMIT 1`,
      [hearingId, orderIds, since],
    );
    return rows.length > 0;
  }

  /**
   * Keeps the outcome standing as corrected (number `number`, with the reason) in the hearing's history, then
   * records the correction in its place. The hearing's order becomes the one the outcome was decided about.
   */
  async amendOutcome(
    id: string,
    amendment: { number: number; standing: RecordedOutcome; recordedAt: string | Date | null; reason: string },
    corrected: RecordedOutcome,
    orderId: string | null,
  ): Promise<void> {
    const standing = amendment.standing;
    await this.tx.query(
      `INSERT INTO hearing_outcome_amendment
         (hearing_id, number, status, decision, outcome_note, expires_on, until_further_order, recorded_at, corrected_at, correction_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), $9)`,
      [
        id,
        amendment.number,
        standing.status,
        standing.decision,
        standing.outcomeNote,
        standing.expiresOn,
        standing.untilFurtherOrder,
        amendment.recordedAt,
        amendment.reason,
      ],
    );
    await this.recordOutcome(id, corrected);
    await this.tx.query(`UPDATE court_hearing SET order_id = $2 WHERE id = $1`, [id, orderId]);
  }
}

export interface OutcomeRecord {
  expiresOn: string | null;
  untilFurtherOrder: boolean | null;
  recordedAt: Date | null;
  /** The order facts the outcome was checked against; null when it was about no order, or recorded before they were kept. */
  orderFactsBefore: OrderFacts | null;
  /** How many corrections the hearing's outcome has had. */
  amendments: number;
}
