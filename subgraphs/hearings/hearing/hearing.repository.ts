import { camelCaseRow } from "../../kit/bulk-insert";
import type { Db } from "../../kit/db";
import { CourtHearing } from "./hearing.type";

const HEARING_COLUMNS = `id, case_number, court_code, force_code, type, status, listed_for, courtroom,
  order_id, respondent_id, breach_id, decision, outcome_note`;

/** Listing order: time, then courtroom, then id so equal listings never swap between calls. */
const LISTING_ORDER = `listed_for, courtroom, id`;

function toHearing(row: Record<string, unknown>): CourtHearing {
  return Object.assign(new CourtHearing(), camelCaseRow<CourtHearing>(row));
}

export class HearingRepository {
  constructor(private readonly db: Db) {}

  async findHearingsByIds(ids: readonly string[]): Promise<CourtHearing[]> {
    const rows = await this.db.query(`SELECT ${HEARING_COLUMNS} FROM court_hearing WHERE id = ANY($1)`, [ids]);
    return rows.map(toHearing);
  }

  /** Every hearing of each order, in listing order (so each order's list is in listing order too). */
  async findHearingsByOrderIds(orderIds: readonly string[]): Promise<CourtHearing[]> {
    const rows = await this.db.query(
      `SELECT ${HEARING_COLUMNS} FROM court_hearing WHERE order_id = ANY($1) ORDER BY ${LISTING_ORDER}`,
      [orderIds],
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
}
