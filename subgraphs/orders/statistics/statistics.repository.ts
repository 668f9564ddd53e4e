import type { Db } from "../../kit/db";
import { inForceOnSql } from "../order/order-status";

export const ORDER_COUNT_KEYS = ["interimOrdersMade", "fullOrdersMade", "activeOrders"] as const;
export type OrderCounts = Record<(typeof ORDER_COUNT_KEYS)[number], number>;

export class StatisticsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Per applicant force, in ONE aggregate statement: orders made in [from, to]
   * by kind, and orders in force on `to`. Rows never leave the database.
   */
  async countOrdersByForce(from: string, to: string): Promise<Map<string, OrderCounts>> {
    const rows = await this.db.query<{ force_code: string; interim: number; full: number; active: number }>(
      `SELECT o.applicant_force_code AS force_code,
              count(*) FILTER (WHERE o.kind = 'INTERIM' AND o.made_on >= $1::date)::int AS interim,
              count(*) FILTER (WHERE o.kind = 'FULL' AND o.made_on >= $1::date)::int AS full,
              count(*) FILTER (WHERE ${inForceOnSql("$2")})::int AS active
         FROM stalking_protection_order o
        WHERE o.made_on <= $2::date
        GROUP BY o.applicant_force_code`,
      [from, to],
    );
    return new Map(
      rows.map((row) => [row.force_code, { interimOrdersMade: row.interim, fullOrdersMade: row.full, activeOrders: row.active }]),
    );
  }
}
