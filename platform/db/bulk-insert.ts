import type { Db } from "./db";

/** Postgres type of each column, used to cast the array parameters of unnest. */
export type ColumnTypes<Row> = { [K in keyof Row]: "text" | "date" | "timestamptz" | "int" | "boolean" };

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * Inserts many rows with ONE statement: one array parameter per column,
 * expanded by unnest. Far faster than row-by-row inserts (the 1M-order load)
 * and the parameter count does not grow with the number of rows.
 * `onConflict` is appended as is (e.g. "ON CONFLICT (id) DO NOTHING") for
 * writers that may see a row again (redelivered events).
 */
export async function bulkInsert<Row extends object>(
  db: Db,
  table: string,
  columns: ColumnTypes<Row>,
  rows: readonly Row[],
  onConflict = "",
): Promise<void> {
  if (rows.length === 0) return;
  const keys = Object.keys(columns) as (keyof Row & string)[];
  const columnList = keys.map(snakeCase).join(", ");
  const unnestArgs = keys.map((key, i) => `$${i + 1}::${columns[key]}[]`).join(", ");
  const params = keys.map((key) => rows.map((row) => row[key] ?? null));
  await db.query(`INSERT INTO ${table} (${columnList}) SELECT * FROM unnest(${unnestArgs}) ${onConflict}`, params);
}

/** Column names seen so far and their camelCase: a handful per table, converted once instead of on every row. */
const camelCaseKeys = new Map<string, string>();

function camelCaseKey(key: string): string {
  let camel = camelCaseKeys.get(key);
  if (camel === undefined) {
    camel = key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
    camelCaseKeys.set(key, camel);
  }
  return camel;
}

/**
 * Maps a snake_case SQL row to the camelCase shape repositories return. On
 * every row of every page, so the key conversion is memoised (profiled: the
 * regex per key per row was an eighth of the busiest subgraph's CPU).
 */
export function camelCaseRow<Row>(row: Record<string, unknown>): Row {
  const result: Record<string, unknown> = {};
  for (const key in row) result[camelCaseKey(key)] = row[key];
  return result as Row;
}
