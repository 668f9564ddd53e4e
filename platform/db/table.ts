import type { Db } from "./db";

/**
 * A table's columns, declared once: the SELECT lists, inserts, upserts and
 * bulk loads of the table are derived from the declaration, and so is the
 * TypeScript shape of its rows. A column added to the declaration is in every
 * statement at once; one left out of it is a compile error wherever a row
 * names it, never a silent null.
 *
 * Each key is a column in camelCase; its SQL name is the key in snake_case.
 * Every derived statement is built when the table is declared (module load),
 * never per call or per row.
 */

/** The Postgres type of a column, which casts the array parameters of bulk loads. */
export type SqlType = "text" | "date" | "timestamptz" | "int" | "boolean";

/** One column: its SQL type, and the TypeScript type of its values (`TValue`, null included when nullable). */
export interface Column<TValue = unknown, TOptional extends boolean = boolean> {
  readonly type: SqlType;
  /** True when an insert may leave it out (nullable, or a default in the migration). */
  readonly optional: TOptional;
  /** What an insert that leaves it out writes (null when not set). */
  readonly defaultValue?: TValue;
  /** Never set: carries the value type for the compiler. */
  readonly value?: TValue;
}

/** A column that every insert must give, unless made nullable or given a default. */
export interface ColumnBuilder<TValue> extends Column<TValue, false> {
  /** The column may hold null (and an insert that leaves it out writes null). */
  nullable(): Column<TValue | null, true>;
  /**
   * The migration's default, stated again: an insert that leaves the column out
   * writes it (one statement inserts every column of every row, so the
   * database's own default never applies).
   */
  withDefault(value: TValue): Column<TValue, true>;
}

function column<TValue>(type: SqlType): ColumnBuilder<TValue> {
  return {
    type,
    optional: false,
    nullable: () => ({ type, optional: true }),
    withDefault: (defaultValue) => ({ type, optional: true, defaultValue }),
  };
}

/** Text; `T` narrows it to a vocabulary (e.g. `` text<`${OrderKind}`>() ``). */
export const text = <T extends string = string>() => column<T>("text");
/** A calendar date, an ISO string ("2020-08-13") end to end. */
export const date = () => column<string>("date");
/** An instant, written as an ISO date-time with offset. */
export const timestamptz = () => column<string>("timestamptz");
export const int = () => column<number>("int");
export const boolean = () => column<boolean>("boolean");

export type Columns = Readonly<Record<string, Column>>;

type ValueOf<TColumn> = TColumn extends Column<infer TValue> ? TValue : never;
type OptionalKeys<TColumns extends Columns> = {
  [K in keyof TColumns]: TColumns[K] extends Column<unknown, true> ? K : never;
}[keyof TColumns];

/** A row as read: every column, with its value type. */
export type RowOf<TColumns extends Columns> = { -readonly [K in keyof TColumns]: ValueOf<TColumns[K]> };

/** A row as inserted: nullable and defaulted columns may be left out. */
export type InsertRowOf<TColumns extends Columns> = Omit<RowOf<TColumns>, OptionalKeys<TColumns>> &
  Partial<Pick<RowOf<TColumns>, OptionalKeys<TColumns>>>;

/** The SQL name of a column key. */
function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

export interface Table<TColumns extends Columns> {
  readonly name: string;
  readonly columns: TColumns;
  /** The column keys, in declaration order. */
  readonly keys: readonly (keyof TColumns & string)[];
  /**
   * The SELECT list of the given columns (every column when none are given),
   * each aliased to its key so rows come back in the shape of `RowOf` with no
   * conversion per row; `alias` qualifies them (`o.applied_on AS "appliedOn"`).
   * Call it once, at module load, and keep the string.
   */
  selectList(options?: { alias?: string; only?: readonly (keyof TColumns & string)[] }): string;
  /**
   * `ON CONFLICT (<keys>) DO UPDATE SET <every other column> = excluded.<column>`,
   * and `WHERE <where>` when given: the upsert of a copy. Call it once, at module load.
   */
  upsertClause(conflictKeys: readonly (keyof TColumns & string)[], where?: string): string;
  /**
   * Inserts rows with ONE statement: one array parameter per column, expanded
   * by unnest, so the parameter count does not grow with the rows (the 1M-order
   * load). `onConflict` is appended as is (`upsertClause`, or "ON CONFLICT DO NOTHING"),
   * then `returning` (a `selectList`), whose rows are returned.
   */
  insert<TReturned = never>(db: Db, rows: readonly InsertRowOf<TColumns>[], clauses?: InsertClauses): Promise<TReturned[]>;
}

interface InsertClauses {
  onConflict?: string;
  returning?: string;
}

export function defineTable<const TColumns extends Columns>(name: string, columns: TColumns): Table<TColumns> {
  const keys = Object.keys(columns) as (keyof TColumns & string)[];
  const sqlNames = new Map(keys.map((key) => [key, snakeCase(key)]));
  const sqlName = (key: keyof TColumns & string) => sqlNames.get(key)!;
  const defaults = keys.map((key) => columns[key].defaultValue ?? null);
  const insertPrefix =
    `INSERT INTO ${name} (${keys.map(sqlName).join(", ")}) ` +
    `SELECT * FROM unnest(${keys.map((key, i) => `$${i + 1}::${columns[key].type}[]`).join(", ")})`;
  return {
    name,
    columns,
    keys,
    selectList({ alias, only } = {}) {
      const qualifier = alias ? `${alias}.` : "";
      return (only ?? keys).map((key) => `${qualifier}${sqlName(key)} AS "${key}"`).join(", ");
    },
    upsertClause(conflictKeys, where) {
      const updated = keys.filter((key) => !conflictKeys.includes(key));
      const set = updated.map((key) => `${sqlName(key)} = excluded.${sqlName(key)}`).join(", ");
      return `ON CONFLICT (${conflictKeys.map(sqlName).join(", ")}) DO UPDATE SET ${set}${where ? ` WHERE ${where}` : ""}`;
    },
    async insert<TReturned>(db: Db, rows: readonly InsertRowOf<TColumns>[], { onConflict, returning }: InsertClauses = {}) {
      if (rows.length === 0) return [];
      const params = keys.map((key, i) => rows.map((row) => (row as Record<string, unknown>)[key] ?? defaults[i]));
      const statement =
        onConflict || returning ? `${insertPrefix} ${onConflict ?? ""}${returning ? ` RETURNING ${returning}` : ""}` : insertPrefix;
      return db.query<TReturned>(statement, params);
    },
  };
}

/** The table's column keys but `except`, in declaration order (the columns a type carries, for `selectList`). */
export function keysExcept<TColumns extends Columns, TExcept extends keyof TColumns & string>(
  table: Table<TColumns>,
  except: readonly TExcept[],
): Exclude<keyof TColumns & string, TExcept>[] {
  return table.keys.filter((key): key is Exclude<keyof TColumns & string, TExcept> => !(except as readonly string[]).includes(key));
}

/**
 * Compiles only when `TRow` and `TEntity` have the same fields, once the
 * entity's fields that are not columns (`TNotStored`, e.g. joined in or made
 * from several columns) and the columns the entity does not carry
 * (`TNotShown`) are set aside. Stated beside a table declared for a GraphQL
 * type, it makes a column added to one but not the other a tsc error:
 * `export type OrderColumnsMatch = ColumnsMatch<RowOf<...>, StalkingProtectionOrder>`.
 */
export type ColumnsMatch<TRow, TEntity, TNotStored extends keyof TEntity = never, TNotShown extends keyof TRow = never> = FieldsCheck<
  Exclude<keyof TRow, TNotShown>,
  Exclude<keyof TEntity, TNotStored>
>;

type FieldsCheck<TColumnKeys, TFieldKeys> = [Exclude<TColumnKeys, TFieldKeys>, Exclude<TFieldKeys, TColumnKeys>] extends [never, never]
  ? true
  : { columnsNotInType: Exclude<TColumnKeys, TFieldKeys>; fieldsNotInTable: Exclude<TFieldKeys, TColumnKeys> };

/** `Holds<ColumnsMatch<...>>`: a compile error naming the mismatched fields unless the check holds. */
export type Holds<TCheck extends true> = TCheck;
