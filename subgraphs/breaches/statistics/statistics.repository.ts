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
   * One aggregate statement; no breach row leaves the database. Forces with
   * nothing in the period are absent.
   */
  async countBreachesByReportingForce(periodFrom: string, periodTo: string): Promise<ForceBreachCounts[]> {
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
