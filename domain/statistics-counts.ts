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
  /** Key columns after force_code (a histogram's value, a breakdown's category): selected and grouped by. */
  keys?: readonly string[];
}

const keyList = (tables: CountTables, alias?: string) => (tables.keys ?? []).map((key) => (alias ? `${alias}.${key}` : key));
const selectedKeys = (tables: CountTables, alias?: string) =>
  keyList(tables, alias)
    .map((key) => `${key}, `)
    .join("");

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
    SELECT force_code AS "forceCode", ${selectedKeys(tables)}${sums}
      FROM (SELECT m.force_code, ${selectedKeys(tables, "m")}${columns("m")},
                   1 AS through_to,
                   (m.month < b.before_from_month)::int AS through_before
              FROM ${tables.month} m, bounds b
             WHERE m.month < b.to_month
            UNION ALL
            SELECT d.force_code, ${selectedKeys(tables, "d")}${columns("d")},
                   (d.day BETWEEN b.to_month AND b.to_day)::int,
                   (d.day BETWEEN b.before_from_month AND b.before_from)::int
              FROM ${tables.day} d, bounds b
             WHERE d.day BETWEEN b.to_month AND b.to_day
                OR d.day BETWEEN b.before_from_month AND b.before_from) AS parts
     GROUP BY ${["force_code", ...keyList(tables)].join(", ")}`;
}

/**
 * One aggregate statement per force (and key) of counts WITHIN [$1, $2] only, never a running total: whole
 * months inside the period from the month table, the days of a partly covered month from the day table. For
 * a histogram or a breakdown, whose keys multiply the rows: it reads only the period's months (the periods
 * the API answers are whole months, so only month rows), not the history before it. `sums` are select
 * expressions over the count columns (e.g. `sum(orders)::int AS orders`).
 */
export function sumCountsWithinPeriodSql(tables: CountTables, sums: string): string {
  const columns = (alias: string) => tables.columns.map((column) => `${alias}.${column}`).join(", ");
  return `WITH bounds AS (
      SELECT $1::date AS from_day, $2::date AS to_day,
             CASE WHEN $1::date = date_trunc('month', $1::date::timestamp)::date THEN $1::date
                  ELSE (date_trunc('month', $1::date::timestamp) + interval '1 month')::date END AS first_whole_month,
             (date_trunc('month', ($2::date + 1)::timestamp))::date AS after_whole_months
    )
    SELECT force_code AS "forceCode", ${selectedKeys(tables)}${sums}
      FROM (SELECT m.force_code, ${selectedKeys(tables, "m")}${columns("m")}
              FROM ${tables.month} m, bounds b
             WHERE m.month >= b.first_whole_month AND m.month < b.after_whole_months
            UNION ALL
            SELECT d.force_code, ${selectedKeys(tables, "d")}${columns("d")}
              FROM ${tables.day} d, bounds b
             WHERE (d.day BETWEEN b.from_day AND least(b.to_day, b.first_whole_month - 1))
                OR (d.day BETWEEN greatest(b.from_day, b.after_whole_months) AND b.to_day)) AS parts
     GROUP BY ${["force_code", ...keyList(tables)].join(", ")}`;
}
