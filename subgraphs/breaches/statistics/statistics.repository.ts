import type { Db } from "../../kit/db";

export interface ForceBreachCounts {
  forceCode: string;
  breachesReported: number;
  breachConvictions: number;
}

export class StatisticsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Per reporting force, over one period (both ends inclusive): breaches
   * reported in it, and convictions decided in it. Breaches are attributed to
   * the force they were reported to, not to the applicant force of the order.
   *
   * One aggregate statement over the per-day and per-month counts that
   * migration 002_breach_statistics.sql keeps current with triggers; no
   * breach row is read. A count over [from, to] is the running total through
   * `to` minus the running total through the day before `from`, and a running
   * total through day D is the months before D's month plus the days of D's
   * month up to D: about forces x (months of history + 2 x 31) rows however
   * long the period. Forces with nothing to count may be absent.
   */
  async countBreachesByReportingForce(periodFrom: string, periodTo: string): Promise<ForceBreachCounts[]> {
    return this.db.query<ForceBreachCounts>(
      `WITH bounds AS (
         SELECT $2::date AS to_day,
                date_trunc('month', $2::date::timestamp)::date AS to_month,
                $1::date - 1 AS before_from,
                date_trunc('month', ($1::date - 1)::timestamp)::date AS before_from_month
       )
       SELECT force_code AS "forceCode",
              sum(reported * (through_to - through_before))::int AS "breachesReported",
              sum(convicted * (through_to - through_before))::int AS "breachConvictions"
         FROM (SELECT m.force_code, m.reported, m.convicted,
                      1 AS through_to,
                      (m.month < b.before_from_month)::int AS through_before
                 FROM breach_statistics_month m, bounds b
                WHERE m.month < b.to_month
               UNION ALL
               SELECT d.force_code, d.reported, d.convicted,
                      (d.day BETWEEN b.to_month AND b.to_day)::int,
                      (d.day BETWEEN b.before_from_month AND b.before_from)::int
                 FROM breach_statistics_day d, bounds b
                WHERE d.day BETWEEN b.to_month AND b.to_day
                   OR d.day BETWEEN b.before_from_month AND b.before_from) AS parts
        GROUP BY force_code`,
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
}
