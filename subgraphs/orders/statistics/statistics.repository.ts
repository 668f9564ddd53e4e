import type { Db } from "../../../platform/db/db";
import { sumCountsOverPeriodSql } from "../../../domain/statistics-counts";
import { inForceOnSql } from "../order/order-status";

export const ORDER_COUNT_KEYS = ["interimOrdersMade", "fullOrdersMade", "activeOrders"] as const;
export type OrderCounts = Record<(typeof ORDER_COUNT_KEYS)[number], number>;

interface ForceCountRow {
  forceCode: string;
  interim: number;
  full: number;
  active: number;
}

function byForce(rows: ForceCountRow[]): Map<string, OrderCounts> {
  return new Map(
    rows.map((row) => [row.forceCode, { interimOrdersMade: row.interim, fullOrdersMade: row.full, activeOrders: row.active }]),
  );
}

export class StatisticsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Per applicant force, in ONE aggregate statement: orders made in [from, to]
   * by kind, and orders in force on `to` — read from the per-day and per-month
   * counts that migration 002_order_statistics.sql keeps current with
   * triggers, never from the order rows.
   *
   * Made in [from, to] = made through `to` - made through the day before
   * `from`; in force on `to` = active changes through `to` (see
   * domain/statistics-counts.ts). Forces with nothing to count may be absent.
   */
  async countOrdersByForce(from: string, to: string): Promise<Map<string, OrderCounts>> {
    const rows = await this.db.query<ForceCountRow>(
      sumCountsOverPeriodSql(
        { day: "order_statistics_day", month: "order_statistics_month", columns: ["interim_made", "full_made", "active_change"] },
        `sum(interim_made * (through_to - through_before))::int AS interim,
         sum(full_made * (through_to - through_before))::int AS full,
         sum(active_change * through_to)::int AS active`,
      ),
      [from, to],
    );
    return byForce(rows);
  }

  /**
   * The same figures straight from the order rows: the definition the
   * pre-aggregated counts must equal. It reads every order made up to `to`,
   * too slow for requests at national scale; the property tests use it as
   * their oracle and the statistics benchmark as its baseline.
   */
  async countOrdersByForceFromOrderRows(from: string, to: string): Promise<Map<string, OrderCounts>> {
    const rows = await this.db.query<ForceCountRow>(
      `SELECT o.applicant_force_code AS "forceCode",
              count(*) FILTER (WHERE o.kind = 'INTERIM' AND o.made_on >= $1::date)::int AS interim,
              count(*) FILTER (WHERE o.kind = 'FULL' AND o.made_on >= $1::date)::int AS full,
              count(*) FILTER (WHERE ${inForceOnSql("$2")})::int AS active
         FROM stalking_protection_order o
        WHERE o.made_on <= $2::date
        GROUP BY o.applicant_force_code`,
      [from, to],
    );
    return byForce(rows);
  }
}
