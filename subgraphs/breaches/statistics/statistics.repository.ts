import type { Db } from "../../../platform/db/db";
import { sumCountsOverPeriodSql, sumCountsWithinPeriodSql } from "../../../domain/statistics-counts";

export interface ForceBreachCounts {
  forceCode: string;
  breachesReported: number;
  breachConvictions: number;
}

export interface ForceBreachTypeCount {
  forceCode: string;
  offenceType: string;
  count: number;
}

export class StatisticsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Per reporting force, over one period (both ends inclusive): breaches
   * reported in it, and convictions decided in it. Breaches are attributed to
   * the force they were reported to, not to the applicant force of the order.
   *
   * One aggregate statement over the per-day and per-month counts that
   * migration 002_breach_statistics.sql keeps current with triggers (read as
   * domain/statistics-counts.ts explains); no breach row is read. Forces with
   * nothing to count may be absent.
   */
  async countBreachesByReportingForce(periodFrom: string, periodTo: string): Promise<ForceBreachCounts[]> {
    return this.db.query<ForceBreachCounts>(
      sumCountsOverPeriodSql(
        { day: "breach_statistics_day", month: "breach_statistics_month", columns: ["reported", "convicted"] },
        `sum(reported * (through_to - through_before))::int AS "breachesReported",
         sum(convicted * (through_to - through_before))::int AS "breachConvictions"`,
      ),
      [periodFrom, periodTo],
    );
  }

  /**
   * The same figures straight from the breach rows: the definition the
   * pre-aggregated counts must equal. The property tests use it as their
   * oracle and the statistics benchmark as its baseline.
   */
  async countBreachesByReportingForceFromBreachRows(periodFrom: string, periodTo: string): Promise<ForceBreachCounts[]> {
    return this.db.query<ForceBreachCounts>(
      `SELECT reporting_force_code AS "forceCode",
              (count(*) FILTER (WHERE reported_on BETWEEN $1::date AND $2::date))::int AS "breachesReported",
              (count(*) FILTER (WHERE status = 'CONVICTED' AND decided_on BETWEEN $1::date AND $2::date))::int
                AS "breachConvictions"
         FROM breach_offence
        WHERE reported_on BETWEEN $1::date AND $2::date
           OR (status = 'CONVICTED' AND decided_on BETWEEN $1::date AND $2::date)
        GROUP BY reporting_force_code`,
      [periodFrom, periodTo],
    );
  }

  /**
   * Per reporting force and offence type: breaches reported in [from, to], from the counts of migration
   * 008_breach_type_statistics.sql (never the breach rows). Pairs with nothing to count may be absent.
   */
  async countBreachTypesByReportingForce(periodFrom: string, periodTo: string): Promise<ForceBreachTypeCount[]> {
    return this.db.query<ForceBreachTypeCount>(
      `SELECT "forceCode", offence_type AS "offenceType", count FROM (${sumCountsWithinPeriodSql(
        { day: "breach_type_statistics_day", month: "breach_type_statistics_month", columns: ["reported"], keys: ["offence_type"] },
        `sum(reported)::int AS count`,
      )}) AS counts`,
      [periodFrom, periodTo],
    );
  }

  /** The same straight from the breach rows: the oracle of the property tests. */
  async countBreachTypesByReportingForceFromBreachRows(periodFrom: string, periodTo: string): Promise<ForceBreachTypeCount[]> {
    return this.db.query<ForceBreachTypeCount>(
      `SELECT reporting_force_code AS "forceCode", offence_type AS "offenceType", count(*)::int AS count
         FROM breach_offence WHERE reported_on BETWEEN $1::date AND $2::date GROUP BY 1, 2`,
      [periodFrom, periodTo],
    );
  }
}
