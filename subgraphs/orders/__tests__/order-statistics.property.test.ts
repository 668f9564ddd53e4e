import { mkdtempSync, copyFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import type { OrderRow } from "../../../domain/records";
import type { Db } from "../../../platform/db/db";
import { migrate } from "../../../platform/db/migrate";
import { emptyChunk, insertChunks, openTestDatabase, type TestDatabase } from "../../../test/support/database";
import { ordersSubgraph } from "../subgraph";
import { StatisticsRepository, type OrderCounts } from "../statistics/statistics.repository";
import { order } from "./orders.fixture";

/**
 * The per-day and per-month counts the triggers of 002_order_statistics.sql
 * maintain must give, for any period, the figures of the direct aggregate over
 * the order rows (the query statistics ran before them), whatever was
 * inserted, updated and deleted, by any number of rows per statement.
 */

const EPOCH = Date.UTC(2020, 0, 1);
const DAYS = 800; // a little over two years: many month and year boundaries, frequent same-day collisions
const isoDay = (n: number) => new Date(EPOCH + n * 86_400_000).toISOString().slice(0, 10);
const day = fc.integer({ min: 0, max: DAYS }).map(isoDay);

/** Period bounds: any day, or the first or last day of a month (where the month roll-up meets the days). */
const monthEdge = fc.tuple(fc.integer({ min: 0, max: 27 }), fc.boolean()).map(([month, first]) =>
  new Date(first ? Date.UTC(2020, month, 1) : Date.UTC(2020, month + 1, 0)).toISOString().slice(0, 10),
);
const bound = fc.oneof(day, monthEdge);
const period = fc.tuple(bound, bound).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }));

const END_REASONS = ["DISCHARGED", "SUPERSEDED", "REFUSED", "WITHDRAWN"] as const;
type Facts = Pick<OrderRow, "kind" | "applicantForceCode" | "madeOn" | "expiresOn" | "untilFurtherOrder" | "endedOn" | "endReason">;

/** Any facts the table's checks allow: made or not, an expiry or until further order or neither, ended or not. */
const facts: fc.Arbitrary<Facts> = fc
  .record({
    kind: fc.constantFrom("INTERIM" as const, "FULL" as const),
    applicantForceCode: fc.constantFrom("07", "21", "93"),
    madeOn: fc.option(day, { nil: null, freq: 5 }),
    expiresOn: fc.option(day, { nil: null }),
    untilFurtherOrder: fc.boolean(),
    ended: fc.option(fc.record({ on: day, reason: fc.constantFrom(...END_REASONS) }), { nil: null }),
  })
  .map((f) => ({
    kind: f.kind,
    applicantForceCode: f.applicantForceCode,
    madeOn: f.madeOn,
    expiresOn: f.untilFurtherOrder ? null : f.expiresOn,
    untilFurtherOrder: f.untilFurtherOrder,
    endedOn: f.ended?.on ?? null,
    endReason: f.ended?.reason ?? null,
  }));

const end = fc.option(fc.record({ on: day, reason: fc.constantFrom(...END_REASONS) }), { nil: null });

/** A statement against the orders; `picks` index the orders present (modulo their number). */
type Operation =
  | { op: "insert"; orders: Facts[] }
  | { op: "replaceFacts"; picks: { at: number; facts: Facts }[] }
  | { op: "end"; picks: { at: number; end: { on: string; reason: (typeof END_REASONS)[number] } | null }[] }
  | { op: "touchAll" }
  | { op: "delete"; picks: number[] };

const pick = fc.nat({ max: 1000 });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ op: fc.constant("insert" as const), orders: fc.array(facts, { minLength: 1, maxLength: 6 }) }),
  fc.record({ op: fc.constant("replaceFacts" as const), picks: fc.array(fc.record({ at: pick, facts }), { minLength: 1, maxLength: 6 }) }),
  fc.record({ op: fc.constant("end" as const), picks: fc.array(fc.record({ at: pick, end }), { minLength: 1, maxLength: 4 }) }),
  fc.record({ op: fc.constant("touchAll" as const) }),
  fc.record({ op: fc.constant("delete" as const), picks: fc.array(pick, { minLength: 1, maxLength: 4 }) }),
);

let nextId = 0;
function orderRow(f: Facts): OrderRow {
  nextId += 1;
  return order({ id: `p${nextId}`, appliedOn: "2019-12-01", ...f });
}

async function insertOrders(db: Db, rows: OrderRow[]): Promise<void> {
  const chunk = emptyChunk();
  chunk.orders.orders.push(...rows);
  await insertChunks(db, ordersSubgraph, [chunk]);
}

/** The ids `picks` name, each once. */
async function pickedIds(db: Db, picks: number[]): Promise<string[]> {
  const ids = (await db.query<{ id: string }>(`SELECT id FROM stalking_protection_order ORDER BY id`)).map((row) => row.id);
  return ids.length === 0 ? [] : [...new Set(picks.map((at) => ids[at % ids.length]))];
}

async function apply(db: Db, operation: Operation): Promise<void> {
  switch (operation.op) {
    case "insert":
      return insertOrders(db, operation.orders.map(orderRow));
    case "replaceFacts": {
      const ids = await pickedIds(db, operation.picks.map((p) => p.at));
      const changes = ids.map((id, i) => ({ id, ...operation.picks[i].facts }));
      await db.query(
        `UPDATE stalking_protection_order o
            SET kind = v.kind, applicant_force_code = v.force_code, made_on = v.made_on, expires_on = v.expires_on,
                until_further_order = v.until_further_order, ended_on = v.ended_on, end_reason = v.end_reason
           FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::date[], $6::boolean[], $7::date[], $8::text[])
                AS v (id, kind, force_code, made_on, expires_on, until_further_order, ended_on, end_reason)
          WHERE o.id = v.id`,
        [
          changes.map((c) => c.id),
          changes.map((c) => c.kind),
          changes.map((c) => c.applicantForceCode),
          changes.map((c) => c.madeOn),
          changes.map((c) => c.expiresOn),
          changes.map((c) => c.untilFurtherOrder),
          changes.map((c) => c.endedOn),
          changes.map((c) => c.endReason),
        ],
      );
      return;
    }
    case "end": {
      // What a court decision does: end the order (or, with null, set its end aside), nothing else.
      const ids = await pickedIds(db, operation.picks.map((p) => p.at));
      await db.query(
        `UPDATE stalking_protection_order o SET ended_on = v.ended_on, end_reason = v.end_reason
           FROM unnest($1::text[], $2::date[], $3::text[]) AS v (id, ended_on, end_reason)
          WHERE o.id = v.id`,
        [ids, ids.map((_, i) => operation.picks[i].end?.on ?? null), ids.map((_, i) => operation.picks[i].end?.reason ?? null)],
      );
      return;
    }
    case "touchAll":
      // Changes no counted fact: every row's contributions are taken away and added back.
      await db.query(`UPDATE stalking_protection_order SET court_code = coalesce(court_code, 'B07ED')`);
      return;
    case "delete":
      await db.query(`DELETE FROM stalking_protection_order WHERE id = ANY($1::text[])`, [await pickedIds(db, operation.picks)]);
      return;
  }
}

/** Forces with a non-zero figure, in code order: forces may be absent or all zeros on either side. */
function nonZero(counts: Map<string, OrderCounts>): [string, OrderCounts][] {
  return [...counts]
    .filter(([, c]) => c.interimOrdersMade !== 0 || c.fullOrdersMade !== 0 || c.activeOrders !== 0)
    .sort(([a], [b]) => a.localeCompare(b));
}

async function expectSameCounts(db: Db, periods: { from: string; to: string }[]): Promise<void> {
  const repository = new StatisticsRepository(db);
  for (const { from, to } of periods) {
    const preAggregated = nonZero(await repository.countOrdersByForce(from, to));
    const direct = nonZero(await repository.countOrdersByForceFromOrderRows(from, to));
    expect({ from, to, counts: preAggregated }).toEqual({ from, to, counts: direct });
  }
}

/** The month table is the day table rolled up, and neither holds a key the other lacks. */
async function expectMonthsToRollUpDays(db: Db): Promise<void> {
  const mismatches = await db.query(
    `SELECT * FROM (
       SELECT date_trunc('month', day::timestamp)::date AS month, force_code,
              sum(interim_made)::int AS interim_made, sum(full_made)::int AS full_made, sum(active_change)::int AS active_change
         FROM order_statistics_day GROUP BY 1, 2) AS days
     FULL JOIN order_statistics_month AS months USING (month, force_code)
     WHERE days.interim_made IS DISTINCT FROM months.interim_made
        OR days.full_made IS DISTINCT FROM months.full_made
        OR days.active_change IS DISTINCT FROM months.active_change`,
  );
  expect(mismatches).toEqual([]);
}

async function nonZeroStatisticsRows(db: Db): Promise<number> {
  const [{ count }] = await db.query<{ count: number }>(
    `SELECT ((SELECT count(*) FROM order_statistics_day WHERE interim_made <> 0 OR full_made <> 0 OR active_change <> 0)
           + (SELECT count(*) FROM order_statistics_month WHERE interim_made <> 0 OR full_made <> 0 OR active_change <> 0))::int AS count`,
  );
  return count;
}

describe("order statistics pre-aggregation", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(ordersSubgraph);
  });
  afterAll(() => database.dispose());

  it("counts what the direct aggregate over the orders counts, through random inserts, updates and deletes", async () => {
    const { db } = database;
    await fc.assert(
      fc.asyncProperty(
        fc.array(facts, { minLength: 1, maxLength: 25 }),
        fc.array(fc.record({ operation, periods: fc.array(period, { minLength: 1, maxLength: 2 }) }), { maxLength: 6 }),
        fc.array(period, { minLength: 3, maxLength: 6 }),
        async (initial, steps, finalPeriods) => {
          try {
            await insertOrders(db, initial.map(orderRow));
            await expectSameCounts(db, finalPeriods);
            for (const step of steps) {
              await apply(db, step.operation);
              await expectSameCounts(db, step.periods);
            }
            await expectSameCounts(db, finalPeriods);
            await expectMonthsToRollUpDays(db);
            // Deleting every order takes every contribution away again.
            await db.query(`DELETE FROM stalking_protection_order`);
            expect(await nonZeroStatisticsRows(db)).toBe(0);
          } finally {
            // A failed run leaves nothing behind for the next (fast-check shrinks by re-running).
            await db.query(`DELETE FROM stalking_protection_order`);
            await db.query(`DELETE FROM order_statistics_day`);
            await db.query(`DELETE FROM order_statistics_month`);
          }
        },
      ),
      { numRuns: 40, seed: 2019 },
    );
  });

  it("empties the counts when the orders are truncated (TRUNCATE has no transition tables)", async () => {
    const { db } = database;
    await insertOrders(db, fc.sample(facts, { numRuns: 50, seed: 2022 }).map(orderRow));
    expect(await nonZeroStatisticsRows(db)).toBeGreaterThan(0);
    await db.query(`TRUNCATE stalking_protection_order CASCADE`);
    expect(await nonZeroStatisticsRows(db)).toBe(0);
  });

  it("counts orders written before the migration existed (its backfill)", async () => {
    // A database as it stood before 002_order_statistics.sql: every other migration of the subgraph applied.
    const earlierMigrations = mkdtempSync(path.join(tmpdir(), "orders-migrations-"));
    for (const file of readdirSync(ordersSubgraph.migrationsDir)) {
      if (file !== "002_order_statistics.sql") copyFileSync(path.join(ordersSubgraph.migrationsDir, file), path.join(earlierMigrations, file));
    }
    const before = await openTestDatabase({ ...ordersSubgraph, migrationsDir: earlierMigrations });
    try {
      const rows = fc.sample(facts, { numRuns: 200, seed: 2020 }).map(orderRow);
      await insertOrders(before.db, rows);
      expect(await before.db.query(`SELECT to_regclass('order_statistics_day') AS t`)).toEqual([{ t: null }]);

      expect(await migrate(before.db, ordersSubgraph.migrationsDir)).toEqual(["002_order_statistics.sql"]);
      const periods = fc.sample(period, { numRuns: 30, seed: 2021 });
      await expectSameCounts(before.db, [{ from: isoDay(0), to: isoDay(DAYS) }, ...periods]);
      await expectMonthsToRollUpDays(before.db);
      // ...and the triggers keep them right from then on.
      await apply(before.db, { op: "touchAll" });
      await apply(before.db, { op: "delete", picks: [0, 7, 42] });
      await expectSameCounts(before.db, periods);
    } finally {
      await before.dispose();
      rmSync(earlierMigrations, { recursive: true, force: true });
    }
  });
});
