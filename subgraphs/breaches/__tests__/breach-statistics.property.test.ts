import { copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import type { BreachOffenceRow } from "../../../domain/records";
import type { Db } from "../../../platform/db/db";
import { migrate } from "../../../platform/db/migrate";
import { emptyChunk, insertChunks, openTestDatabase, type TestDatabase } from "../../../test/support/database";
import { breachesSubgraph } from "../subgraph";
import { StatisticsRepository, type ForceBreachCounts } from "../statistics/statistics.repository";

/**
 * The per-day and per-month counts the triggers of 002_breach_statistics.sql
 * maintain must give, for any period, the figures of the direct aggregate over
 * the breach rows (the query statistics ran before them), whatever was
 * inserted, updated (convictions arriving, reports corrected) and deleted.
 */

const EPOCH = Date.UTC(2022, 0, 1);
const DAYS = 800;
const isoDay = (n: number) => new Date(EPOCH + n * 86_400_000).toISOString().slice(0, 10);
const day = fc.integer({ min: 0, max: DAYS }).map(isoDay);

/** Period bounds: any day, or the first or last day of a month (where the month roll-up meets the days). */
const monthEdge = fc.tuple(fc.integer({ min: 0, max: 27 }), fc.boolean()).map(([month, first]) =>
  new Date(first ? Date.UTC(2022, month, 1) : Date.UTC(2022, month + 1, 0)).toISOString().slice(0, 10),
);
const bound = fc.oneof(day, monthEdge);
const period = fc.tuple(bound, bound).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }));

const STATUSES = ["REPORTED", "UNDER_INVESTIGATION", "CHARGED", "NO_FURTHER_ACTION", "CONVICTED", "ACQUITTED"] as const;
type Facts = Pick<BreachOffenceRow, "reportingForceCode" | "reportedOn" | "status" | "decidedOn">;

/** Any facts the table allows, convictions and decisions without a date included. */
const facts: fc.Arbitrary<Facts> = fc.record({
  reportingForceCode: fc.constantFrom("07", "21", "93"),
  reportedOn: day,
  status: fc.constantFrom(...STATUSES, "CONVICTED", "CONVICTED"),
  decidedOn: fc.option(day, { nil: null, freq: 4 }),
});

/** What a court outcome does to a breach: its status and decision date, nothing else. */
const outcome = fc.record({ status: fc.constantFrom(...STATUSES), decidedOn: fc.option(day, { nil: null, freq: 4 }) });

type Operation =
  | { op: "insert"; breaches: Facts[] }
  | { op: "replaceFacts"; picks: { at: number; facts: Facts }[] }
  | { op: "decide"; picks: { at: number; outcome: { status: (typeof STATUSES)[number]; decidedOn: string | null } }[] }
  | { op: "touchAll" }
  | { op: "delete"; picks: number[] };

const pick = fc.nat({ max: 1000 });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ op: fc.constant("insert" as const), breaches: fc.array(facts, { minLength: 1, maxLength: 6 }) }),
  fc.record({ op: fc.constant("replaceFacts" as const), picks: fc.array(fc.record({ at: pick, facts }), { minLength: 1, maxLength: 6 }) }),
  fc.record({ op: fc.constant("decide" as const), picks: fc.array(fc.record({ at: pick, outcome }), { minLength: 1, maxLength: 4 }) }),
  fc.record({ op: fc.constant("touchAll" as const) }),
  fc.record({ op: fc.constant("delete" as const), picks: fc.array(pick, { minLength: 1, maxLength: 4 }) }),
);

let nextId = 0;
function breachRow(f: Facts): BreachOffenceRow {
  nextId += 1;
  return {
    id: `b${nextId}`,
    offenceType: "BREACH_OF_ORDER",
    offenceCode: null,
    orderId: null,
    orderForceCode: null,
    offenderId: `p${nextId}`,
    occurredOn: f.reportedOn,
    description: null,
    sentence: null,
    ...f,
  };
}

async function insertBreaches(db: Db, rows: BreachOffenceRow[]): Promise<void> {
  const chunk = emptyChunk();
  chunk.breaches.breaches.push(...rows);
  await insertChunks(db, breachesSubgraph, [chunk]);
}

/** The ids `picks` name, each once. */
async function pickedIds(db: Db, picks: number[]): Promise<string[]> {
  const ids = (await db.query<{ id: string }>(`SELECT id FROM breach_offence ORDER BY id`)).map((row) => row.id);
  return ids.length === 0 ? [] : [...new Set(picks.map((at) => ids[at % ids.length]))];
}

async function apply(db: Db, operation: Operation): Promise<void> {
  switch (operation.op) {
    case "insert":
      return insertBreaches(db, operation.breaches.map(breachRow));
    case "replaceFacts": {
      const ids = await pickedIds(db, operation.picks.map((p) => p.at));
      const changes = ids.map((id, i) => ({ id, ...operation.picks[i].facts }));
      await db.query(
        `UPDATE breach_offence b
            SET reporting_force_code = v.force_code, reported_on = v.reported_on, status = v.status, decided_on = v.decided_on
           FROM unnest($1::text[], $2::text[], $3::date[], $4::text[], $5::date[]) AS v (id, force_code, reported_on, status, decided_on)
          WHERE b.id = v.id`,
        [
          changes.map((c) => c.id),
          changes.map((c) => c.reportingForceCode),
          changes.map((c) => c.reportedOn),
          changes.map((c) => c.status),
          changes.map((c) => c.decidedOn),
        ],
      );
      return;
    }
    case "decide": {
      const ids = await pickedIds(db, operation.picks.map((p) => p.at));
      await db.query(
        `UPDATE breach_offence b SET status = v.status, decided_on = v.decided_on
           FROM unnest($1::text[], $2::text[], $3::date[]) AS v (id, status, decided_on)
          WHERE b.id = v.id`,
        [ids, ids.map((_, i) => operation.picks[i].outcome.status), ids.map((_, i) => operation.picks[i].outcome.decidedOn)],
      );
      return;
    }
    case "touchAll":
      // Changes no counted fact: every row's contributions are taken away and added back.
      await db.query(`UPDATE breach_offence SET sentence = coalesce(sentence, 'none recorded')`);
      return;
    case "delete":
      await db.query(`DELETE FROM breach_offence WHERE id = ANY($1::text[])`, [await pickedIds(db, operation.picks)]);
      return;
  }
}

/** Forces with a non-zero figure, in code order: forces may be absent or all zeros on either side. */
function nonZero(counts: ForceBreachCounts[]): ForceBreachCounts[] {
  return counts
    .filter((c) => c.breachesReported !== 0 || c.breachConvictions !== 0)
    .sort((a, b) => a.forceCode.localeCompare(b.forceCode));
}

async function expectSameCounts(db: Db, periods: { from: string; to: string }[]): Promise<void> {
  const repository = new StatisticsRepository(db);
  for (const { from, to } of periods) {
    const preAggregated = nonZero(await repository.countBreachesByReportingForce(from, to));
    const direct = nonZero(await repository.countBreachesByReportingForceFromBreachRows(from, to));
    expect({ from, to, counts: preAggregated }).toEqual({ from, to, counts: direct });
  }
}

/** The month table is the day table rolled up, and neither holds a key the other lacks. */
async function expectMonthsToRollUpDays(db: Db): Promise<void> {
  const mismatches = await db.query(
    `SELECT * FROM (
       SELECT date_trunc('month', day::timestamp)::date AS month, force_code, sum(reported)::int AS reported, sum(convicted)::int AS convicted
         FROM breach_statistics_day GROUP BY 1, 2) AS days
     FULL JOIN breach_statistics_month AS months USING (month, force_code)
     WHERE days.reported IS DISTINCT FROM months.reported OR days.convicted IS DISTINCT FROM months.convicted`,
  );
  expect(mismatches).toEqual([]);
}

async function nonZeroStatisticsRows(db: Db): Promise<number> {
  const [{ count }] = await db.query<{ count: number }>(
    `SELECT ((SELECT count(*) FROM breach_statistics_day WHERE reported <> 0 OR convicted <> 0)
           + (SELECT count(*) FROM breach_statistics_month WHERE reported <> 0 OR convicted <> 0))::int AS count`,
  );
  return count;
}

describe("breach statistics pre-aggregation", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(breachesSubgraph);
  });
  afterAll(() => database.dispose());

  it("counts what the direct aggregate over the breaches counts, through random inserts, updates and deletes", async () => {
    const { db } = database;
    await fc.assert(
      fc.asyncProperty(
        fc.array(facts, { minLength: 1, maxLength: 25 }),
        fc.array(fc.record({ operation, periods: fc.array(period, { minLength: 1, maxLength: 2 }) }), { maxLength: 6 }),
        fc.array(period, { minLength: 3, maxLength: 6 }),
        async (initial, steps, finalPeriods) => {
          try {
            await insertBreaches(db, initial.map(breachRow));
            await expectSameCounts(db, finalPeriods);
            for (const step of steps) {
              await apply(db, step.operation);
              await expectSameCounts(db, step.periods);
            }
            await expectSameCounts(db, finalPeriods);
            await expectMonthsToRollUpDays(db);
            // Deleting every breach takes every contribution away again.
            await db.query(`DELETE FROM breach_offence`);
            expect(await nonZeroStatisticsRows(db)).toBe(0);
          } finally {
            // A failed run leaves nothing behind for the next (fast-check shrinks by re-running).
            await db.query(`DELETE FROM breach_offence`);
            await db.query(`DELETE FROM breach_statistics_day`);
            await db.query(`DELETE FROM breach_statistics_month`);
          }
        },
      ),
      { numRuns: 40, seed: 2019 },
    );
  });

  it("empties the counts when the breaches are truncated (TRUNCATE has no transition tables)", async () => {
    const { db } = database;
    await insertBreaches(db, fc.sample(facts, { numRuns: 50, seed: 2022 }).map(breachRow));
    expect(await nonZeroStatisticsRows(db)).toBeGreaterThan(0);
    await db.query(`TRUNCATE breach_offence`);
    expect(await nonZeroStatisticsRows(db)).toBe(0);
  });

  it("counts breaches written before the migration existed (its backfill)", async () => {
    // A database as it stood before 002_breach_statistics.sql: every other migration of the subgraph applied.
    const earlierMigrations = mkdtempSync(path.join(tmpdir(), "breaches-migrations-"));
    for (const file of readdirSync(breachesSubgraph.migrationsDir)) {
      if (file !== "002_breach_statistics.sql") copyFileSync(path.join(breachesSubgraph.migrationsDir, file), path.join(earlierMigrations, file));
    }
    const before = await openTestDatabase({ ...breachesSubgraph, migrationsDir: earlierMigrations });
    try {
      await insertBreaches(before.db, fc.sample(facts, { numRuns: 200, seed: 2020 }).map(breachRow));
      expect(await before.db.query(`SELECT to_regclass('breach_statistics_day') AS t`)).toEqual([{ t: null }]);

      expect(await migrate(before.db, breachesSubgraph.migrationsDir)).toEqual(["002_breach_statistics.sql"]);
      const periods = fc.sample(period, { numRuns: 30, seed: 2021 });
      await expectSameCounts(before.db, [{ from: isoDay(0), to: isoDay(DAYS) }, ...periods]);
      await expectMonthsToRollUpDays(before.db);
      // ...and the triggers keep them right from then on.
      await apply(before.db, { op: "decide", picks: [{ at: 3, outcome: { status: "CONVICTED", decidedOn: isoDay(400) } }] });
      await apply(before.db, { op: "delete", picks: [0, 7, 42] });
      await expectSameCounts(before.db, periods);
    } finally {
      await before.dispose();
      rmSync(earlierMigrations, { recursive: true, force: true });
    }
  });
});
