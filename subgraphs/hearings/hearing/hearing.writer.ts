import type { Db } from "../../../platform/db/db";
import { HEARING_COLUMNS, toHearing } from "./hearing.repository";
import type { CourtHearing } from "./hearing.type";
import type { GivenAppeal } from "./appeal-outcome";

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

  /** A Crown Court appeal's outcome, beside the decision it was recorded as (recordOutcome). */
  async recordAppeal(id: string, appeal: GivenAppeal): Promise<void> {
    await this.tx.query(
      `UPDATE court_hearing SET appeal_outcome = $2, appeal_against = $3, appellant = $4, section4_application_by = $5 WHERE id = $1`,
      [id, appeal.outcome, appeal.against, appeal.appellant, appeal.section4ApplicationBy],
    );
  }

  /** A full order made at a hearing becomes the hearing's order (it was listed against the interim order). */
  async relinkToOrder(hearingId: string, orderId: string): Promise<void> {
    await this.tx.query(`UPDATE court_hearing SET order_id = $2 WHERE id = $1`, [hearingId, orderId]);
  }
}
