import type { Db } from "../../kit/db";
import { inForceOnSql } from "../order/order-status";

export const ORDER_COUNT_KEYS = ["interimOrdersMade", "fullOrdersMade", "activeOrders"] as const;
export type OrderCounts = Record<(typeof ORDER_COUNT_KEYS)[number], number>;

interface ForceCountRow {
  force_code: string;
  interim: number;
  full: number;
  active: number;
}

function byForce(rows: ForceCountRow[]): Map<string, OrderCounts> {
  return new Map(
    rows.map((row) => [row.force_code, { interimOrdersMade: row.interim, fullOrdersMade: row.full, activeOrders: row.active }]),
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
   * Every figure is a running total or a difference of two: made in
   * [from, to] = made through `to` - made through the day before `from`; in
   * force on `to` = active changes through `to`. A running total through day
   * D is the months before D's month plus the days of D's month up to D, so
   * the statement reads about forces x (months of history + 2 x 31) rows
   * however long the period. Forces with nothing to count may be absent.
   */
  async countOrdersByForce(from: string, to: string): Promise<Map<string, OrderCounts>> {
    const rows = await this.db.query<ForceCountRow>(
      `WITH bounds AS (
         SELECT $2::date AS to_day,
                date_trunc('month', $2::date::timestamp)::date AS to_month,
                $1::date - 1 AS before_from,
                date_trunc('month', ($1::date - 1)::timestamp)::date AS before_from_month
       )
       SELECT force_code,
              sum(interim_made * (through_to - through_before))::int AS interim,
              sum(full_made * (through_to - through_before))::int AS full,
              sum(active_change * through_to)::int AS active
         FROM (SELECT m.force_code, m.interim_made, m.full_made, m.active_change,
                      1 AS through_to,
                      (m.month < b.before_from_month)::int AS through_before
                 FROM order_statistics_month m, bounds b
                WHERE m.month < b.to_month
               UNION ALL
               SELECT d.force_code, d.interim_made, d.full_made, d.active_change,
                      (d.day BETWEEN b.to_month AND b.to_day)::int,
                      (d.day BETWEEN b.before_from_month AND b.before_from)::int
                 FROM order_statistics_day d, bounds b
                WHERE d.day BETWEEN b.to_month AND b.to_day
                   OR d.day BETWEEN b.before_from_month AND b.before_from) AS parts
        GROUP BY force_code`,
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
      `SELECT o.applicant_force_code AS force_code,
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
