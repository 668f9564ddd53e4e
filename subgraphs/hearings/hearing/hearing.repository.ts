import type { Db } from "../../../platform/db/db";
import { HEARING_FIELDS, HEARING_TABLE } from "./hearing.table";
import { CourtHearing } from "./hearing.type";
import { CorrectedHearingOutcome } from "./corrected-outcome.type";

/** The hearing's columns, and its order's applicant and managing forces from the order-facts copy (whose detail the hearing is). */
export const HEARING_COLUMNS = `${HEARING_TABLE.selectList({ only: HEARING_FIELDS })},
  (SELECT f.applicant_force_code FROM order_facts f WHERE f.id = court_hearing.order_id) AS "orderForceCode",
  (SELECT f.managing_force_code FROM order_facts f WHERE f.id = court_hearing.order_id) AS "orderManagingForceCode"`;

/**
 * Listing order: time, then courtroom, then the place in the courtroom's list (hearings listed before sequences
 * were kept after those with one), then id so equal listings never swap between calls.
 */
const LISTING_ORDER = `listed_for, courtroom, listing_sequence NULLS LAST, id`;

export function toHearing(row: Record<string, unknown>): CourtHearing {
  return Object.assign(new CourtHearing(), row);
}

/**
 * " AND court_code = ANY($2)" when the caller is confined to some courts (court
 * listing systems see only their courts' hearings), "" otherwise; binds the
 * courts as the statement's second parameter.
 */
function atCourts(courts: readonly string[] | null, params: unknown[]): string {
  if (courts === null) return "";
  params.push(courts);
  return ` AND court_code = ANY($${params.length})`;
}

/** Reads of hearings, for the loaders and the court list; writes are the writer's (hearing.writer.ts). */
export class HearingRepository {
  constructor(private readonly db: Db) {}

  /** @param courts null for every court, or the only courts whose hearings may be returned. */
  async findHearingsByIds(ids: readonly string[], courts: readonly string[] | null = null): Promise<CourtHearing[]> {
    const params: unknown[] = [ids];
    const rows = await this.db.query(`SELECT ${HEARING_COLUMNS} FROM court_hearing WHERE id = ANY($1)${atCourts(courts, params)}`, params);
    return rows.map(toHearing);
  }

  /** Every hearing of each order (at `courts` only, unless null), in listing order (so each order's list is in listing order too). */
  async findHearingsByOrderIds(orderIds: readonly string[], courts: readonly string[] | null = null): Promise<CourtHearing[]> {
    const params: unknown[] = [orderIds];
    const rows = await this.db.query(
      `SELECT ${HEARING_COLUMNS} FROM court_hearing WHERE order_id = ANY($1)${atCourts(courts, params)} ORDER BY ${LISTING_ORDER}`,
      params,
    );
    return rows.map(toHearing);
  }

  /** The hearings continuing each of these adjourned ones (at `courts` only, unless null). */
  async findHearingsByPreviousIds(previousIds: readonly string[], courts: readonly string[] | null = null): Promise<CourtHearing[]> {
    const params: unknown[] = [previousIds];
    const rows = await this.db.query(
      `SELECT ${HEARING_COLUMNS} FROM court_hearing WHERE previous_hearing_id = ANY($1)${atCourts(courts, params)}`,
      params,
    );
    return rows.map(toHearing);
  }

  /**
   * The hearings at one court on one calendar day in England and Wales. The
   * day's bounds are computed in SQL as instants (midnight London time, which
   * is 23:00 UTC the day before in summer) so the comparison is on the bare
   * listed_for column and the (court_code, listed_for) index serves it.
   */
  async findCourtList(courtCode: string, date: string): Promise<CourtHearing[]> {
    const rows = await this.db.query(
      `SELECT ${HEARING_COLUMNS} FROM court_hearing
        WHERE court_code = $1
          AND listed_for >= ($2::date::timestamp AT TIME ZONE 'Europe/London')
          AND listed_for < (($2::date + 1)::timestamp AT TIME ZONE 'Europe/London')
        ORDER BY ${LISTING_ORDER}`,
      [courtCode, date],
    );
    return rows.map(toHearing);
  }

  /** The corrected outcomes of each hearing, oldest first, with the hearing's court and order force (who may read their text). */
  async findCorrectedOutcomesByHearingIds(hearingIds: readonly string[]): Promise<CorrectedHearingOutcome[]> {
    const rows = await this.db.query(
      `SELECT a.hearing_id AS "hearingId", a.status, a.decision, a.outcome_note AS "outcomeNote", a.expires_on AS "expiresOn",
              a.until_further_order AS "untilFurtherOrder", a.recorded_at AS "recordedAt", a.corrected_at AS "correctedAt",
              a.correction_reason AS "correctionReason", h.court_code AS "courtCode",
              (SELECT f.applicant_force_code FROM order_facts f WHERE f.id = h.order_id) AS "orderForceCode",
              (SELECT f.managing_force_code FROM order_facts f WHERE f.id = h.order_id) AS "orderManagingForceCode"
         FROM hearing_outcome_amendment a JOIN court_hearing h ON h.id = a.hearing_id
        WHERE a.hearing_id = ANY($1) ORDER BY a.hearing_id, a.number`,
      [hearingIds],
    );
    return rows.map((row) => Object.assign(new CorrectedHearingOutcome(), row));
  }
}
