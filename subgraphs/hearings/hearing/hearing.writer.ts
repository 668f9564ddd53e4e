import type { Db } from "../../../platform/db/db";
import type { ListingMarkers, ListingSlot } from "../../../domain/listing";
import type { ListingChangeKind } from "../../../domain/vocabulary";
import type { OrderFacts } from "../../../domain/order-facts/order-facts";
import { HEARING_COLUMNS, toHearing } from "./hearing.repository";
import { HEARING_TABLE, type CourtHearingRow } from "./hearing.table";
import type { CourtHearing } from "./hearing.type";
import type { GivenAppeal } from "./appeal-outcome";

/** One change of a hearing's place in the list, for its listing history. */
export interface ListingChange {
  hearingId: string;
  kind: `${ListingChangeKind}`;
  slot: ListingSlot;
  reason: string | null;
  changedBy: string;
}

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

  // Court listing (listHearing, relistHearing, vacateHearing, an adjournment's next hearing).

  /**
   * Holds the lists of these courts until the transaction ends, in one order whatever the caller's, so two
   * listings at a court cannot take the same sequence or case number and two moves between courts cannot deadlock.
   */
  async lockCourtLists(courtCodes: readonly string[]): Promise<void> {
    for (const code of [...new Set(courtCodes)].sort()) {
      await this.tx.query(`SELECT pg_advisory_xact_lock(hashtext('court-list:' || $1::text))`, [code]);
    }
  }

  /** The sequences taken in a courtroom's list on the slot's day (Europe/London) by hearings still listed there, but `exceptId`. */
  async takenSequences(slot: ListingSlot, exceptId: string | null): Promise<number[]> {
    const rows = await this.tx.query<{ listingSequence: number }>(
      `SELECT listing_sequence AS "listingSequence" FROM court_hearing
        WHERE court_code = $1 AND status = 'LISTED' AND listing_sequence IS NOT NULL
          AND courtroom IS NOT DISTINCT FROM $2 AND id IS DISTINCT FROM $4
          AND listed_for >= (($3::timestamptz AT TIME ZONE 'Europe/London')::date::timestamp AT TIME ZONE 'Europe/London')
          AND listed_for < ((($3::timestamptz AT TIME ZONE 'Europe/London')::date + 1)::timestamp AT TIME ZONE 'Europe/London')`,
      [slot.courtCode, slot.courtroom, slot.listedFor.toISOString(), exceptId],
    );
    return rows.map((row) => row.listingSequence);
  }

  /** The next case number at a court in a year: the court's code, the year's two digits, six digits (as HMCTS numbers cases). */
  async nextCaseNumber(courtCode: string, year: number): Promise<string> {
    const prefix = `${courtCode}${String(year % 100).padStart(2, "0")}`;
    const [row] = await this.tx.query<{ last: number | null }>(
      `SELECT max(substr(case_number, length($1) + 1)::int) AS last FROM court_hearing WHERE case_number ~ ('^' || $1 || '[0-9]{6}$')`,
      [prefix],
    );
    return `${prefix}${String((row?.last ?? 0) + 1).padStart(6, "0")}`;
  }

  async insertHearing(row: CourtHearingRow): Promise<void> {
    await HEARING_TABLE.insert(this.tx, [row]);
  }

  /** A listed hearing moved: its place now, and the markers of the court it is now at. */
  async relist(id: string, slot: ListingSlot, forceCode: string, markers: ListingMarkers): Promise<void> {
    await this.tx.query(
      `UPDATE court_hearing
          SET court_code = $2, force_code = $3, listed_for = $4, courtroom = $5, listing_sequence = $6, listed_duration_minutes = $7,
              reporting_restriction_codes = $8, youth_marker = $9
        WHERE id = $1`,
      [
        id,
        slot.courtCode,
        forceCode,
        slot.listedFor.toISOString(),
        slot.courtroom,
        slot.listingSequence,
        slot.listedDurationMinutes,
        markers.reportingRestrictions.join(","),
        markers.youthMarker,
      ],
    );
  }

  /** A listed hearing taken out of the list: it stays, VACATED. */
  async vacate(id: string): Promise<void> {
    await this.tx.query(`UPDATE court_hearing SET status = 'VACATED' WHERE id = $1`, [id]);
  }

  /** Adds a change to the hearing's listing history, after its others. */
  async recordListingChange(change: ListingChange): Promise<void> {
    const { slot } = change;
    await this.tx.query(
      `INSERT INTO court_hearing_listing
         (hearing_id, position, kind, court_code, listed_for, courtroom, listing_sequence, listed_duration_minutes, reason, changed_by, changed_at)
       SELECT $1, coalesce(max(position), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, now() FROM court_hearing_listing WHERE hearing_id = $1`,
      [
        change.hearingId,
        change.kind,
        slot.courtCode,
        slot.listedFor.toISOString(),
        slot.courtroom,
        slot.listingSequence,
        slot.listedDurationMinutes,
        change.reason,
        change.changedBy,
      ],
    );
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
