import type { Db } from "../../../platform/db/db";
import { sumCountsOverPeriodSql, sumCountsWithinPeriodSql } from "../../../domain/statistics-counts";
import type { WaitingHistograms } from "../../../domain/statistics-median";
import { inForceOnSql, orderStatusSql } from "../order/order-status";

export const ORDER_COUNT_KEYS = [
  "interimOrdersMade",
  "fullOrdersMade",
  "activeOrders",
  "interimApplications",
  "fullApplications",
  "applicationsPending",
  "youthOrders",
] as const;
export type OrderCounts = Record<(typeof ORDER_COUNT_KEYS)[number], number>;

export const DECISION_COUNT_KEYS = [
  "ordersVaried",
  "ordersRenewed",
  "ordersDischarged",
  "applicationsRefused",
  "applicationsWithdrawn",
  "appealsAllowed",
] as const;
export type DecisionCounts = Record<(typeof DECISION_COUNT_KEYS)[number], number>;

type ForceRow<Counts> = { forceCode: string } & Counts;

function byForce<Counts>(rows: ForceRow<Counts>[]): Map<string, Counts> {
  return new Map(rows.map(({ forceCode, ...counts }) => [forceCode, counts as Counts]));
}

interface WaitingRow {
  forceCode: string;
  kind: "INTERIM" | "FULL";
  waited_days: number;
  orders: number;
}

function histogramsByForce(rows: WaitingRow[]): Map<string, WaitingHistograms> {
  const byForce = new Map<string, WaitingHistograms>();
  for (const row of rows) {
    if (row.orders === 0) continue;
    let histograms = byForce.get(row.forceCode);
    if (!histograms) byForce.set(row.forceCode, (histograms = { INTERIM: new Map(), FULL: new Map() }));
    const histogram = histograms[row.kind];
    histogram.set(row.waited_days, (histogram.get(row.waited_days) ?? 0) + row.orders);
  }
  return byForce;
}

/** The SQL twin of "an application": an order row applied for that supersedes none (migration 011). */
const APPLICATION = `o.applied_on IS NOT NULL AND o.supersedes_id IS NULL`;
const YOUTH = `spo_respondent_youth((SELECT p.date_of_birth FROM person_facts p WHERE p.person_id = o.respondent_id), o.applied_on)`;

export class StatisticsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Per applicant force, in ONE aggregate statement: orders made in [from, to]
   * by kind, orders in force on `to`, applications made in the period (all of
   * them, and those seeking an interim order), applications pending on `to`,
   * and orders made in the period against a respondent aged 10 to 17 on the
   * day of application — read from the per-day and per-month counts that
   * migrations 002 and 011 keep current with triggers, never from the order rows.
   *
   * Made in [from, to] = made through `to` - made through the day before
   * `from`; in force (pending) on `to` = active (pending) changes through `to` (see
   * domain/statistics-counts.ts). Forces with nothing to count may be absent.
   */
  async countOrdersByForce(from: string, to: string): Promise<Map<string, OrderCounts>> {
    const inPeriod = (column: string, as: string) => `sum(${column} * (through_to - through_before))::int AS "${as}"`;
    const rows = await this.db.query<ForceRow<OrderCounts>>(
      sumCountsOverPeriodSql(
        {
          day: "order_statistics_day",
          month: "order_statistics_month",
          columns: ["interim_made", "full_made", "active_change", "interim_applied", "full_applied", "pending_change", "youth_made"],
        },
        [
          inPeriod("interim_made", "interimOrdersMade"),
          inPeriod("full_made", "fullOrdersMade"),
          `sum(active_change * through_to)::int AS "activeOrders"`,
          inPeriod("interim_applied", "interimApplications"),
          inPeriod("full_applied", "fullApplications"),
          `sum(pending_change * through_to)::int AS "applicationsPending"`,
          inPeriod("youth_made", "youthOrders"),
        ].join(", "),
      ),
      [from, to],
    );
    return byForce(rows);
  }

  /**
   * The same figures straight from the order rows: the definition the
   * pre-aggregated counts must equal. It reads every order, too slow for
   * requests at national scale; the property tests use it as their oracle and
   * the statistics benchmark as its baseline.
   */
  async countOrdersByForceFromOrderRows(from: string, to: string): Promise<Map<string, OrderCounts>> {
    const rows = await this.db.query<ForceRow<OrderCounts>>(
      `SELECT o.applicant_force_code AS "forceCode",
              count(*) FILTER (WHERE o.kind = 'INTERIM' AND o.made_on BETWEEN $1::date AND $2::date)::int AS "interimOrdersMade",
              count(*) FILTER (WHERE o.kind = 'FULL' AND o.made_on BETWEEN $1::date AND $2::date)::int AS "fullOrdersMade",
              count(*) FILTER (WHERE o.made_on <= $2::date AND ${inForceOnSql("$2")})::int AS "activeOrders",
              count(*) FILTER (WHERE ${APPLICATION} AND o.kind = 'INTERIM' AND o.applied_on BETWEEN $1::date AND $2::date)::int
                AS "interimApplications",
              count(*) FILTER (WHERE ${APPLICATION} AND o.applied_on BETWEEN $1::date AND $2::date)::int AS "fullApplications",
              count(*) FILTER (WHERE ${APPLICATION} AND o.applied_on <= $2::date AND ${orderStatusSql("$2")} = 'APPLIED')::int
                AS "applicationsPending",
              count(*) FILTER (WHERE o.made_on BETWEEN $1::date AND $2::date AND ${YOUTH})::int AS "youthOrders"
         FROM stalking_protection_order o
        GROUP BY o.applicant_force_code`,
      [from, to],
    );
    return byForce(rows);
  }

  /**
   * Per applicant force: the decisions of the orders' histories in [from, to] (variations, renewals,
   * discharges, refusals and withdrawals of applications, appeals that changed an order), from the counts of
   * migration 011 (order_decision_statistics), never from the events.
   */
  async countDecisionsByForce(from: string, to: string): Promise<Map<string, DecisionCounts>> {
    const rows = await this.db.query<ForceRow<DecisionCounts>>(
      sumCountsWithinPeriodSql(
        {
          day: "order_decision_statistics_day",
          month: "order_decision_statistics_month",
          columns: ["varied", "renewed", "discharged", "refused", "withdrawn", "appealed"],
        },
        `sum(varied)::int AS "ordersVaried", sum(renewed)::int AS "ordersRenewed", sum(discharged)::int AS "ordersDischarged",
         sum(refused)::int AS "applicationsRefused", sum(withdrawn)::int AS "applicationsWithdrawn", sum(appealed)::int AS "appealsAllowed"`,
      ),
      [from, to],
    );
    return byForce(rows);
  }

  /** The same straight from the events and their orders: the oracle of the property tests. */
  async countDecisionsByForceFromEventRows(from: string, to: string): Promise<Map<string, DecisionCounts>> {
    const rows = await this.db.query<ForceRow<DecisionCounts>>(
      `SELECT o.applicant_force_code AS "forceCode",
              count(*) FILTER (WHERE e.type = 'VARIED')::int AS "ordersVaried",
              count(*) FILTER (WHERE e.type = 'RENEWED')::int AS "ordersRenewed",
              count(*) FILTER (WHERE e.type = 'DISCHARGED')::int AS "ordersDischarged",
              count(*) FILTER (WHERE e.type = 'REFUSED')::int AS "applicationsRefused",
              count(*) FILTER (WHERE e.type = 'WITHDRAWN')::int AS "applicationsWithdrawn",
              count(*) FILTER (WHERE e.type = 'APPEALED')::int AS "appealsAllowed"
         FROM order_event e JOIN stalking_protection_order o ON o.id = e.order_id
        WHERE e.occurred_on BETWEEN $1::date AND $2::date
        GROUP BY o.applicant_force_code`,
      [from, to],
    );
    return byForce(rows);
  }

  /**
   * Per applicant force: the histograms, per kind, of the days from application to the orders made in
   * [from, to], from the counts of migration 011 (order_waiting_statistics). Medians are read off them,
   * summed over a scope's forces (domain/statistics-median.ts).
   */
  async waitingHistogramsByForce(from: string, to: string): Promise<Map<string, WaitingHistograms>> {
    const rows = await this.db.query<WaitingRow>(
      sumCountsWithinPeriodSql(
        {
          day: "order_waiting_statistics_day",
          month: "order_waiting_statistics_month",
          columns: ["orders"],
          keys: ["kind", "waited_days"],
        },
        `sum(orders)::int AS orders`,
      ),
      [from, to],
    );
    return histogramsByForce(rows);
  }

  /** The same straight from the order rows: the oracle of the property tests. */
  async waitingHistogramsByForceFromOrderRows(from: string, to: string): Promise<Map<string, WaitingHistograms>> {
    const rows = await this.db.query<WaitingRow>(
      `SELECT o.applicant_force_code AS "forceCode", o.kind, o.made_on - o.applied_on AS waited_days, count(*)::int AS orders
         FROM stalking_protection_order o
        WHERE o.made_on BETWEEN $1::date AND $2::date AND o.applied_on IS NOT NULL
        GROUP BY 1, 2, 3`,
      [from, to],
    );
    return histogramsByForce(rows);
  }
}
