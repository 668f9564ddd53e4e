import { copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import type { Db } from "../../platform/db/db";
import { migrate } from "../../platform/db/migrate";
import type { SubgraphDefinition } from "../../platform/subgraph/subgraph";
import { openTestDatabase, type TestDatabase } from "./database";

/**
 * One property-test harness for the statistics a subgraph pre-aggregates per
 * force and day (and month) with statement-level triggers (see
 * docs/adr/0001-statistics-pre-aggregation.md): for any period, the counts the
 * triggers maintain must give the figures of the direct aggregate over the
 * rows, whatever was inserted, updated and deleted, by any number of rows per
 * statement; TRUNCATE must empty them; and the migration that adds them must
 * backfill the rows already there. Each subgraph describes its table, facts
 * and the statements its writers make; the harness does the rest.
 */

/** Per force with a non-zero figure: [force code, figures by name]. */
export type ForceCounts = [string, Record<string, number>][];

/** A statement a writer makes on some rows (by id): one change drawn per row. */
export interface RowUpdate<Change> {
  change: fc.Arbitrary<Change>;
  apply(db: Db, ids: string[], changes: Change[]): Promise<unknown>;
}

/** The statement of a RowUpdate that sets, on each row picked, `columns` ([SQL type, value]) to the values of its change. */
export function setColumns<Change>(
  table: string,
  columns: Record<string, [sqlType: string, value: (change: Change) => unknown]>,
): RowUpdate<Change>["apply"] {
  const names = Object.keys(columns);
  const arrays = names.map((name, i) => `$${i + 2}::${columns[name][0]}[]`);
  const sql = `UPDATE ${table} t SET ${names.map((name) => `${name} = v.${name}`).join(", ")}
                 FROM unnest($1::text[], ${arrays.join(", ")}) AS v (id, ${names.join(", ")})
                WHERE t.id = v.id`;
  return (db, ids, changes) => db.query(sql, [ids, ...names.map((name) => changes.map(columns[name][1]))]);
}

export interface StatisticsUnderTest<Facts> {
  /** The subgraph whose migrations create the table and its statistics. */
  subgraph: SubgraphDefinition<any>;
  /** The table the triggers are on; its primary key is `id` unless `id` says otherwise. */
  table: string;
  /** An SQL expression identifying a row of the table, when it has no `id` column. */
  id?: string;
  /** The statistics tables are `${statistics}_day` and `${statistics}_month`, keyed by (day|month, force_code, ...keys). */
  statistics: string;
  /** Their key columns after force_code (a histogram's value, a breakdown's category), if any. */
  keys?: readonly string[];
  /** Their count columns. */
  counts: readonly string[];
  /** Statements run after each run, besides emptying the table and the statistics (rows of other tables the facts wrote). */
  cleanUp?: readonly string[];
  /** The migration that creates the statistics and backfills them. */
  migration: string;
  /** The first day of the days facts are drawn from (about two years of them). */
  epoch: { year: number };
  /** Any facts the table allows, on days drawn from `day`. */
  facts(day: fc.Arbitrary<string>): fc.Arbitrary<Facts>;
  insert(db: Db, facts: Facts[]): Promise<void>;
  /** The statements that change counted facts of existing rows. */
  updates(day: fc.Arbitrary<string>, facts: fc.Arbitrary<Facts>): RowUpdate<any>[];
  /** An UPDATE of every row that changes no counted fact: every contribution is taken away and added back. */
  touchAll: string;
  /** The figures from the pre-aggregated counts, and the same straight from the rows (the oracle). */
  preAggregated(db: Db, from: string, to: string): Promise<ForceCounts>;
  direct(db: Db, from: string, to: string): Promise<ForceCounts>;
}

const DAYS = 800; // a little over two years: many month and year boundaries, frequent same-day collisions

type Operation<Facts> =
  | { op: "insert"; rows: Facts[] }
  | { op: "update"; which: number; picks: { at: number; change: unknown }[] }
  | { op: "touchAll" }
  | { op: "delete"; picks: number[] };

/** Forces with a non-zero figure, in code order: forces may be absent or all zeros on either side. */
function nonZero(counts: ForceCounts): ForceCounts {
  return counts.filter(([, figures]) => Object.values(figures).some((n) => n !== 0)).sort(([a], [b]) => a.localeCompare(b));
}

export function describeStatisticsPreAggregation<Facts>(spec: StatisticsUnderTest<Facts>): void {
  const { table, counts } = spec;
  const rowId = spec.id ?? "id";
  const keys = ["force_code", ...(spec.keys ?? [])].join(", ");
  const dayTable = `${spec.statistics}_day`;
  const monthTable = `${spec.statistics}_month`;
  const epoch = Date.UTC(spec.epoch.year, 0, 1);
  const isoDay = (n: number) => new Date(epoch + n * 86_400_000).toISOString().slice(0, 10);
  const day = fc.integer({ min: 0, max: DAYS }).map(isoDay);

  /** Period bounds: any day, or the first or last day of a month (where the month roll-up meets the days). */
  const monthEdge = fc
    .tuple(fc.integer({ min: 0, max: 27 }), fc.boolean())
    .map(([month, first]) =>
      new Date(first ? Date.UTC(spec.epoch.year, month, 1) : Date.UTC(spec.epoch.year, month + 1, 0)).toISOString().slice(0, 10),
    );
  const bound = fc.oneof(day, monthEdge);
  // The repository answers any period; the API answers whole calendar months only (checkStatisticsPeriod),
  // so those are drawn as often as the rest.
  const anyPeriod = fc.tuple(bound, bound).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }));
  const monthDay = (month: number, last: boolean) =>
    new Date(last ? Date.UTC(spec.epoch.year, month + 1, 0) : Date.UTC(spec.epoch.year, month, 1)).toISOString().slice(0, 10);
  const wholeMonths = fc
    .tuple(fc.integer({ min: 0, max: 27 }), fc.integer({ min: 0, max: 27 }))
    .map(([a, b]) => ({ from: monthDay(Math.min(a, b), false), to: monthDay(Math.max(a, b), true) }));
  const period = fc.oneof(anyPeriod, wholeMonths);

  const facts = spec.facts(day);
  const updates = spec.updates(day, facts);
  /** `picks` index the rows present (modulo their number). */
  const pick = fc.nat({ max: 1000 });
  const operation: fc.Arbitrary<Operation<Facts>> = fc.oneof(
    fc.record({ op: fc.constant("insert" as const), rows: fc.array(facts, { minLength: 1, maxLength: 6 }) }),
    ...updates.map((update, which) =>
      fc.record({
        op: fc.constant("update" as const),
        which: fc.constant(which),
        picks: fc.array(fc.record({ at: pick, change: update.change }), { minLength: 1, maxLength: 6 }),
      }),
    ),
    fc.record({ op: fc.constant("touchAll" as const) }),
    fc.record({ op: fc.constant("delete" as const), picks: fc.array(pick, { minLength: 1, maxLength: 4 }) }),
  );

  /** The ids `picks` name, each once. */
  async function pickedIds(db: Db, picks: number[]): Promise<string[]> {
    const ids = (await db.query<{ id: string }>(`SELECT ${rowId} AS id FROM ${table} ORDER BY 1`)).map((row) => row.id);
    return ids.length === 0 ? [] : [...new Set(picks.map((at) => ids[at % ids.length]))];
  }

  async function apply(db: Db, operation: Operation<Facts>): Promise<void> {
    switch (operation.op) {
      case "insert":
        return spec.insert(db, operation.rows);
      case "update": {
        const ids = await pickedIds(
          db,
          operation.picks.map((p) => p.at),
        );
        await updates[operation.which].apply(
          db,
          ids,
          ids.map((_, i) => operation.picks[i].change),
        );
        return;
      }
      case "touchAll":
        await db.query(spec.touchAll);
        return;
      case "delete":
        await db.query(`DELETE FROM ${table} WHERE ${rowId} = ANY($1::text[])`, [await pickedIds(db, operation.picks)]);
        return;
    }
  }

  async function expectSameCounts(db: Db, periods: { from: string; to: string }[]): Promise<void> {
    for (const { from, to } of periods) {
      const preAggregated = nonZero(await spec.preAggregated(db, from, to));
      const direct = nonZero(await spec.direct(db, from, to));
      expect({ from, to, counts: preAggregated }).toEqual({ from, to, counts: direct });
    }
  }

  /** The month table is the day table rolled up, and neither holds a key the other lacks. */
  async function expectMonthsToRollUpDays(db: Db): Promise<void> {
    const mismatches = await db.query(
      `SELECT * FROM (
         SELECT date_trunc('month', day::timestamp)::date AS month, ${keys}, ${counts.map((c) => `sum(${c})::int AS ${c}`).join(", ")}
           FROM ${dayTable} GROUP BY month, ${keys}) AS days
       FULL JOIN ${monthTable} AS months USING (month, ${keys})
       WHERE ${counts.map((c) => `days.${c} IS DISTINCT FROM months.${c}`).join(" OR ")}`,
    );
    expect(mismatches).toEqual([]);
  }

  async function nonZeroStatisticsRows(db: Db): Promise<number> {
    const anyCount = counts.map((c) => `${c} <> 0`).join(" OR ");
    const [{ count }] = await db.query<{ count: number }>(
      `SELECT ((SELECT count(*) FROM ${dayTable} WHERE ${anyCount}) + (SELECT count(*) FROM ${monthTable} WHERE ${anyCount}))::int AS count`,
    );
    return count;
  }

  describe(`${spec.statistics} pre-aggregation`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await openTestDatabase(spec.subgraph);
    });
    afterAll(() => database.dispose());

    it(`counts what the direct aggregate over ${table} counts, through random inserts, updates and deletes`, async () => {
      const { db } = database;
      await fc.assert(
        fc.asyncProperty(
          fc.array(facts, { minLength: 1, maxLength: 25 }),
          fc.array(fc.record({ operation, periods: fc.array(period, { minLength: 1, maxLength: 2 }) }), { maxLength: 6 }),
          fc.array(period, { minLength: 3, maxLength: 6 }),
          async (initial, steps, finalPeriods) => {
            try {
              await spec.insert(db, initial);
              await expectSameCounts(db, finalPeriods);
              for (const step of steps) {
                await apply(db, step.operation);
                await expectSameCounts(db, step.periods);
              }
              await expectSameCounts(db, finalPeriods);
              await expectMonthsToRollUpDays(db);
              // Deleting every row takes every contribution away again.
              await db.query(`DELETE FROM ${table}`);
              expect(await nonZeroStatisticsRows(db)).toBe(0);
            } finally {
              // A failed run leaves nothing behind for the next (fast-check shrinks by re-running).
              await db.query(`DELETE FROM ${table}`);
              for (const statement of spec.cleanUp ?? []) await db.query(statement);
              await db.query(`DELETE FROM ${dayTable}`);
              await db.query(`DELETE FROM ${monthTable}`);
            }
          },
        ),
        { numRuns: 40, seed: 2019 },
      );
    });

    it(`empties the counts when ${table} is truncated (TRUNCATE has no transition tables)`, async () => {
      const { db } = database;
      await spec.insert(db, fc.sample(facts, { numRuns: 50, seed: 2022 }));
      expect(await nonZeroStatisticsRows(db)).toBeGreaterThan(0);
      await db.query(`TRUNCATE ${table} CASCADE`);
      expect(await nonZeroStatisticsRows(db)).toBe(0);
    });

    it(`counts rows written before ${spec.migration} existed (its backfill), and keeps them right after every later migration`, async () => {
      // A database as it stood before the migration: the subgraph's migrations that precede it applied.
      const { migrationsDir } = spec.subgraph;
      const files = readdirSync(migrationsDir)
        .filter((file) => file.endsWith(".sql"))
        .sort();
      const earlierMigrations = mkdtempSync(path.join(tmpdir(), `${spec.statistics}-migrations-`));
      for (const file of files.filter((f) => f < spec.migration))
        copyFileSync(path.join(migrationsDir, file), path.join(earlierMigrations, file));
      const before = await openTestDatabase({ ...spec.subgraph, migrationsDir: earlierMigrations });
      try {
        await spec.insert(before.db, fc.sample(facts, { numRuns: 200, seed: 2020 }));
        expect(await before.db.query(`SELECT name FROM schema_migration WHERE name = $1`, [spec.migration])).toEqual([]);

        expect(await migrate(before.db, migrationsDir)).toEqual(files.filter((f) => f >= spec.migration));
        const periods = fc.sample(period, { numRuns: 30, seed: 2021 });
        await expectSameCounts(before.db, [{ from: isoDay(0), to: isoDay(DAYS) }, ...periods]);
        await expectMonthsToRollUpDays(before.db);
        // ...and the triggers keep them right from then on.
        await apply(before.db, { op: "touchAll" });
        for (const [which, update] of updates.entries()) {
          const picks = fc.sample(update.change, { numRuns: 3, seed: 2023 }).map((change, i) => ({ at: i * 7, change }));
          await apply(before.db, { op: "update", which, picks });
        }
        await apply(before.db, { op: "delete", picks: [0, 7, 42] });
        await expectSameCounts(before.db, periods);
      } finally {
        await before.dispose();
        rmSync(earlierMigrations, { recursive: true, force: true });
      }
    });
  });
}
