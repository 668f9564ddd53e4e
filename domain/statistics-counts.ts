/**
 * Reading pre-aggregated counts (docs/adr/0001-statistics-pre-aggregation.md):
 * a subgraph keeps per-force counts in a per-day table and a per-month table
 * (month = its first day), both keyed (date, force_code). A count over
 * [from, to] is the running total through `to` minus the running total through
 * the day before `from`; a running total through day D is the whole months
 * before D's month plus the days of D's month up to D. So a query reads about
 * forces × (months of history + 2 × 31) rows, however long the period.
 */
export interface CountTables {
  day: string;
  month: string;
  /** The count columns both tables have. */
  columns: readonly string[];
}

/**
 * One aggregate statement per force (as "forceCode") over the count tables, with the period as
 * $1 (from) and $2 (to). `sums` are the select expressions: each row carries
 * `through_to` (1 if it counts towards the running total through `to`) and
 * `through_before` (1 if towards the total through the day before `from`), so
 * `sum(c * (through_to - through_before))` counts c within the period and
 * `sum(c * through_to)` counts it up to its last day.
 */
export function sumCountsOverPeriodSql(tables: CountTables, sums: string): string {
  const columns = (alias: string) => tables.columns.map((column) => `${alias}.${column}`).join(", ");
  return `WITH bounds AS (
      SELECT $2::date AS to_day,
             date_trunc('month', $2::date::timestamp)::date AS to_month,
             $1::date - 1 AS before_from,
             date_trunc('month', ($1::date - 1)::timestamp)::date AS before_from_month
    )
    SELECT force_code AS "forceCode", ${sums}
      FROM (SELECT m.force_code, ${columns("m")},
                   1 AS through_to,
                   (m.month < b.before_from_month)::int AS through_before
              FROM ${tables.month} m, bounds b
             WHERE m.month < b.to_month
            UNION ALL
            SELECT d.force_code, ${columns("d")},
                   (d.day BETWEEN b.to_month AND b.to_day)::int,
                   (d.day BETWEEN b.before_from_month AND b.before_from)::int
              FROM ${tables.day} d, bounds b
             WHERE d.day BETWEEN b.to_month AND b.to_day
                OR d.day BETWEEN b.before_from_month AND b.before_from) AS parts
     GROUP BY force_code`;
}
