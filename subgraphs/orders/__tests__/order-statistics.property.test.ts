import fc from "fast-check";
import type { OrderRow } from "../../dataset-chunk";
import { ORDER_END_REASONS, OrderEventType, OrderKind } from "../../../domain/vocabulary";
import { medianOfHistogram, sumHistogramsOverScope, type WaitingHistograms } from "../../../domain/statistics-median";
import { StatisticsGrouping, statisticsScopes } from "../../../domain/statistics-grouping";
import { addDays, ageOn } from "../../../platform/dates";
import { openTestDatabase, type TestDatabase } from "../../../test/support/database";
import type { Db } from "../../../platform/db/db";
import { defineTable } from "../../../platform/db/table";
import { describeStatisticsPreAggregation, setColumns, type ForceCounts, type RowUpdate } from "../../../test/support/statistics-property";
import { ordersSubgraph } from "../subgraph";
import { StatisticsRepository, type OrderCounts } from "../statistics/statistics.repository";
import { ORDER_EVENT_TABLE, ORDER_TABLE } from "../order/order.table";
import { order } from "./orders.fixture";

/**
 * The per-day and per-month counts the triggers of 002_order_statistics.sql
 * (contributions redefined on order_status by 004_order_status.sql) maintain
 * must give, for any period, the figures of the direct aggregate over the
 * order rows (the query statistics ran before them).
 */

type Facts = Pick<OrderRow, "kind" | "applicantForceCode" | "madeOn" | "expiresOn" | "untilFurtherOrder" | "endedOn" | "endReason">;
type End = { on: string; reason: OrderRow["endReason"] } | null;

/** The orders table as migration 001 made it (the version and the managing force came later): the backfill is tested on rows written before it. */
const { version: _version, managingForceCode: _managingForceCode, ...COLUMNS_AT_001 } = ORDER_TABLE.columns;
const ORDERS_AT_001 = defineTable(ORDER_TABLE.name, COLUMNS_AT_001);

let nextId = 0;
async function insertOrders(db: Db, rows: Facts[]): Promise<void> {
  await ORDERS_AT_001.insert(
    db,
    rows.map((f) => order({ id: `p${(nextId += 1)}`, appliedOn: "2019-12-01", ...f })),
  );
}

/**
 * The end reasons the table's check allowed before 009_outcome_corrections.sql added SET_ASIDE: the rows are also
 * written to a database as it stood before 002 (the backfill test). SET_ASIDE comes with the updates.
 */
const END_REASONS_AT_001 = ORDER_END_REASONS.filter((reason) => reason !== "SET_ASIDE");

const byForce = (counts: Map<string, OrderCounts>): ForceCounts => [...counts];

describeStatisticsPreAggregation<Facts>({
  subgraph: ordersSubgraph,
  table: "stalking_protection_order",
  statistics: "order_statistics",
  counts: ["interim_made", "full_made", "active_change"],
  migration: "002_order_statistics.sql",
  epoch: { year: 2020 },
  /** Any facts the table's checks allow: made or not, an expiry or until further order or neither, ended or not. */
  facts: (day) =>
    fc
      .record({
        kind: fc.constantFrom(...Object.values(OrderKind)),
        applicantForceCode: fc.constantFrom("07", "21", "93"),
        madeOn: fc.option(day, { nil: null, freq: 5 }),
        expiresOn: fc.option(day, { nil: null }),
        untilFurtherOrder: fc.boolean(),
        ended: fc.option(fc.record({ on: day, reason: fc.constantFrom(...END_REASONS_AT_001) }), { nil: null }),
      })
      .map((f) => ({
        kind: f.kind,
        applicantForceCode: f.applicantForceCode,
        madeOn: f.madeOn,
        expiresOn: f.untilFurtherOrder ? null : f.expiresOn,
        untilFurtherOrder: f.untilFurtherOrder,
        endedOn: f.ended?.on ?? null,
        endReason: f.ended?.reason ?? null,
      })),
  insert: insertOrders,
  updates: (day, facts) => [
    {
      // Any correction of the facts.
      change: facts,
      apply: setColumns<Facts>("stalking_protection_order", {
        kind: ["text", (c) => c.kind],
        applicant_force_code: ["text", (c) => c.applicantForceCode],
        made_on: ["date", (c) => c.madeOn],
        expires_on: ["date", (c) => c.expiresOn],
        until_further_order: ["boolean", (c) => c.untilFurtherOrder],
        ended_on: ["date", (c) => c.endedOn],
        end_reason: ["text", (c) => c.endReason],
      }),
    },
    {
      // What a court decision does: end the order (or, with null, set its end aside), nothing else.
      change: fc.option(fc.record({ on: day, reason: fc.constantFrom(...ORDER_END_REASONS) }), { nil: null }),
      apply: setColumns<End>("stalking_protection_order", {
        ended_on: ["date", (end) => end?.on ?? null],
        end_reason: ["text", (end) => end?.reason ?? null],
      }),
    },
    {
      // A correction of the outcome that made the order (amendHearingOutcome): set aside, never made, or (null) made
      // again on the day given, as a corrected outcome re-applied.
      change: fc.record({ on: day, setAside: fc.boolean() }),
      apply: setColumns<{ on: string; setAside: boolean }>("stalking_protection_order", {
        made_on: ["date", (c) => (c.setAside ? null : c.on)],
        ended_on: ["date", (c) => (c.setAside ? c.on : null)],
        end_reason: ["text", (c) => (c.setAside ? "SET_ASIDE" : null)],
      }),
    },
  ],
  touchAll: `UPDATE stalking_protection_order SET court_code = coalesce(court_code, 'B07ED')`,
  preAggregated: async (db, from, to) => byForce(await new StatisticsRepository(db).countOrdersByForce(from, to)),
  direct: async (db, from, to) => byForce(await new StatisticsRepository(db).countOrdersByForceFromOrderRows(from, to)),
});

/**
 * The published figures of migration 011 over the same order rows, now with what they read: the day of
 * application, whether a row is the application (it supersedes none) and the respondent's date of birth in
 * person_facts, which a later write may set or change (the dataset writes people after their orders).
 */
type ApplicationFacts = Facts & {
  appliedOn: string | null;
  /** A full order made on an interim order's application: in these rows it names itself (any non-null supersedes_id does). */
  supersedes: boolean;
  respondentId: string;
  respondentDateOfBirth: string | null;
};

const RESPONDENTS = ["r1", "r2", "r3", "r4"];
/** Dates of birth making a respondent 6 to 22 over the days drawn, leap days (2004, 2008, 2012) among them. */
const dateOfBirth = fc
  .date({ min: new Date("2001-06-01T00:00:00Z"), max: new Date("2013-03-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

async function setDatesOfBirth(db: Db, people: { personId: string; dateOfBirth: string | null }[]): Promise<void> {
  await db.query(
    `INSERT INTO person_facts (person_id, date_of_birth)
     SELECT DISTINCT ON (v.person_id) v.person_id, v.date_of_birth FROM unnest($1::text[], $2::date[]) WITH ORDINALITY AS v (person_id, date_of_birth, n)
      ORDER BY v.person_id, v.n DESC
     ON CONFLICT (person_id) DO UPDATE SET date_of_birth = excluded.date_of_birth`,
    [people.map((p) => p.personId), people.map((p) => p.dateOfBirth)],
  );
}

async function insertApplications(db: Db, rows: ApplicationFacts[]): Promise<void> {
  const ids = rows.map(() => `a${(nextId += 1)}`);
  await ORDER_TABLE.insert(
    db,
    rows.map(({ supersedes, respondentDateOfBirth: _dob, ...f }, i) =>
      order({ ...f, id: ids[i], supersedesId: supersedes ? ids[i] : null }),
    ),
  );
  // After the orders, as the dataset loader writes people.
  await setDatesOfBirth(
    db,
    rows.map((row) => ({ personId: row.respondentId, dateOfBirth: row.respondentDateOfBirth })),
  );
}

/** Any facts of an application the table's checks allow. */
const applicationFacts = (day: fc.Arbitrary<string>): fc.Arbitrary<ApplicationFacts> =>
  fc
    .record({
      kind: fc.constantFrom(...Object.values(OrderKind)),
      applicantForceCode: fc.constantFrom("07", "21", "93"),
      appliedOn: fc.option(day, { nil: null, freq: 6 }),
      // Often the day of application: an interim order is commonly made the day it is applied for.
      madeOn: fc.option(day, { nil: null, freq: 3 }),
      madeOnApplicationDay: fc.boolean(),
      expiresOn: fc.option(day, { nil: null }),
      untilFurtherOrder: fc.boolean(),
      ended: fc.option(fc.record({ on: day, reason: fc.constantFrom(...ORDER_END_REASONS) }), { nil: null }),
      supersedes: fc.boolean(),
      respondentId: fc.constantFrom(...RESPONDENTS),
      respondentDateOfBirth: fc.option(dateOfBirth, { nil: null, freq: 5 }),
    })
    .map((f) => ({
      kind: f.kind,
      applicantForceCode: f.applicantForceCode,
      appliedOn: f.appliedOn,
      madeOn: f.madeOnApplicationDay && f.madeOn !== null && f.appliedOn !== null ? f.appliedOn : f.madeOn,
      expiresOn: f.untilFurtherOrder ? null : f.expiresOn,
      untilFurtherOrder: f.untilFurtherOrder,
      endedOn: f.ended?.on ?? null,
      endReason: f.ended?.reason ?? null,
      supersedes: f.supersedes,
      respondentId: f.respondentId,
      respondentDateOfBirth: f.respondentDateOfBirth,
    }));

/** The statements that change what the published figures count. */
const applicationUpdates = (day: fc.Arbitrary<string>): RowUpdate<any>[] => [
  {
    // A correction of the application: its day, its kind, whom it is against, whether it is the application.
    change: fc.record({
      appliedOn: fc.option(day, { nil: null, freq: 6 }),
      kind: fc.constantFrom(...Object.values(OrderKind)),
      respondentId: fc.constantFrom(...RESPONDENTS),
      supersedes: fc.boolean(),
    }),
    apply: (db, ids, changes: { appliedOn: string | null; kind: string; respondentId: string; supersedes: boolean }[]) =>
      db.query(
        `UPDATE stalking_protection_order t
              SET applied_on = v.applied_on, kind = v.kind, respondent_id = v.respondent_id,
                  supersedes_id = CASE WHEN v.supersedes THEN t.id END
             FROM unnest($1::text[], $2::date[], $3::text[], $4::text[], $5::boolean[]) AS v (id, applied_on, kind, respondent_id, supersedes)
            WHERE t.id = v.id`,
        [
          ids,
          changes.map((c) => c.appliedOn),
          changes.map((c) => c.kind),
          changes.map((c) => c.respondentId),
          changes.map((c) => c.supersedes),
        ],
      ),
  },
  {
    // A court decision: the order made on a day, or the application ended (refused, withdrawn...), or neither.
    change: fc.record({
      madeOn: fc.option(day, { nil: null }),
      end: fc.option(fc.record({ on: day, reason: fc.constantFrom(...ORDER_END_REASONS) }), { nil: null }),
    }),
    apply: setColumns<{ madeOn: string | null; end: End }>("stalking_protection_order", {
      made_on: ["date", (c) => c.madeOn],
      ended_on: ["date", (c) => c.end?.on ?? null],
      end_reason: ["text", (c) => c.end?.reason ?? null],
    }),
  },
  {
    // People's facts arriving or corrected: the date of birth of the respondents of the orders picked.
    change: fc.option(dateOfBirth, { nil: null, freq: 4 }),
    apply: async (db, ids, changes: (string | null)[]) => {
      const respondents = await db.query<{ id: string; respondentId: string }>(
        `SELECT id, respondent_id AS "respondentId" FROM stalking_protection_order WHERE id = ANY($1::text[])`,
        [ids],
      );
      const byId = new Map(respondents.map((r) => [r.id, r.respondentId]));
      await setDatesOfBirth(
        db,
        ids.map((id, i) => ({ personId: byId.get(id)!, dateOfBirth: changes[i] })),
      );
    },
  },
  {
    // People's facts removed.
    change: fc.constant(null),
    apply: (db, ids) =>
      db.query(
        `DELETE FROM person_facts WHERE person_id IN (SELECT respondent_id FROM stalking_protection_order WHERE id = ANY($1::text[]))`,
        [ids],
      ),
  },
];

describeStatisticsPreAggregation<ApplicationFacts>({
  subgraph: ordersSubgraph,
  table: "stalking_protection_order",
  statistics: "order_statistics",
  counts: ["interim_made", "full_made", "active_change", "interim_applied", "full_applied", "pending_change", "youth_made"],
  migration: "011_order_statistics_published.sql",
  epoch: { year: 2020 },
  cleanUp: ["DELETE FROM person_facts"],
  facts: applicationFacts,
  insert: insertApplications,
  updates: applicationUpdates,
  touchAll: `UPDATE stalking_protection_order SET court_code = coalesce(court_code, 'B07ED')`,
  preAggregated: async (db, from, to) => byForce(await new StatisticsRepository(db).countOrdersByForce(from, to)),
  direct: async (db, from, to) => byForce(await new StatisticsRepository(db).countOrdersByForceFromOrderRows(from, to)),
});

/** The decisions of 011 over the orders' histories: each event counts under its order's applicant force. */
type EventFacts = { orderId: string; type: `${OrderEventType}`; occurredOn: string };
const EVENT_ORDERS = [
  { id: "e1", applicantForceCode: "07" },
  { id: "e2", applicantForceCode: "21" },
  { id: "e3", applicantForceCode: "93" },
];
let nextPosition = 0;

async function insertEvents(db: Db, rows: EventFacts[]): Promise<void> {
  await db.query(
    `INSERT INTO stalking_protection_order (id, reference, kind, applicant_force_code, respondent_id)
     SELECT v.id, 'SPO/' || v.id, 'FULL', v.force_code, 'r1' FROM unnest($1::text[], $2::text[]) AS v (id, force_code)
     ON CONFLICT (id) DO NOTHING`,
    [EVENT_ORDERS.map((o) => o.id), EVENT_ORDERS.map((o) => o.applicantForceCode)],
  );
  await ORDER_EVENT_TABLE.insert(
    db,
    rows.map((row) => ({ ...row, position: (nextPosition += 1), courtCode: null, note: null })),
  );
}

const EVENT_ID = `order_id || '/' || position`;

describeStatisticsPreAggregation<EventFacts>({
  subgraph: ordersSubgraph,
  table: "order_event",
  id: EVENT_ID,
  statistics: "order_decision_statistics",
  counts: ["varied", "renewed", "discharged", "refused", "withdrawn", "appealed"],
  migration: "011_order_statistics_published.sql",
  epoch: { year: 2020 },
  facts: (day) =>
    fc.record({
      orderId: fc.constantFrom(...EVENT_ORDERS.map((o) => o.id)),
      type: fc.constantFrom(...Object.values(OrderEventType)),
      occurredOn: day,
    }),
  insert: insertEvents,
  updates: (day) => [
    {
      // A correction of the event: its type, its day, the order it belongs to.
      change: fc.record({
        type: fc.constantFrom(...Object.values(OrderEventType)),
        occurredOn: day,
        orderId: fc.constantFrom(...EVENT_ORDERS.map((o) => o.id)),
      }),
      apply: (db, ids, changes: EventFacts[]) =>
        db.query(
          `UPDATE order_event t SET type = v.type, occurred_on = v.occurred_on, order_id = v.order_id
             FROM unnest($1::text[], $2::text[], $3::date[], $4::text[]) AS v (id, type, occurred_on, order_id)
            WHERE t.order_id || '/' || t.position = v.id`,
          [ids, changes.map((c) => c.type), changes.map((c) => c.occurredOn), changes.map((c) => c.orderId)],
        ),
    },
    {
      // The order's applicant force corrected: its events move with it.
      change: fc.constantFrom("07", "21", "93", "44"),
      apply: (db, ids, forces: string[]) =>
        db.query(
          `UPDATE stalking_protection_order o SET applicant_force_code = v.force_code
             FROM (SELECT DISTINCT ON (e.order_id) e.order_id, v.force_code
                     FROM unnest($1::text[], $2::text[]) AS v (id, force_code) JOIN order_event e ON e.order_id || '/' || e.position = v.id
                    ORDER BY e.order_id) AS v
            WHERE o.id = v.order_id`,
          [ids, forces],
        ),
    },
  ],
  touchAll: `UPDATE order_event SET note = coalesce(note, '')`,
  preAggregated: async (db, from, to) => [...(await new StatisticsRepository(db).countDecisionsByForce(from, to))],
  direct: async (db, from, to) => [...(await new StatisticsRepository(db).countDecisionsByForceFromEventRows(from, to))],
});

/** The days from application to an order made, per kind: a histogram whose keys are the kind and the days. */
const flattenHistograms = (byForceHistograms: Map<string, WaitingHistograms>): ForceCounts =>
  [...byForceHistograms].flatMap(([forceCode, histograms]) =>
    (["INTERIM", "FULL"] as const).flatMap((kind) =>
      [...histograms[kind]].map(([days, orders]): [string, Record<string, number>] => [`${forceCode}/${kind}/${days}`, { orders }]),
    ),
  );

describeStatisticsPreAggregation<ApplicationFacts>({
  subgraph: ordersSubgraph,
  table: "stalking_protection_order",
  statistics: "order_waiting_statistics",
  keys: ["kind", "waited_days"],
  counts: ["orders"],
  migration: "011_order_statistics_published.sql",
  epoch: { year: 2020 },
  cleanUp: ["DELETE FROM person_facts"],
  facts: applicationFacts,
  insert: insertApplications,
  updates: applicationUpdates,
  touchAll: `UPDATE stalking_protection_order SET court_code = coalesce(court_code, 'B07ED')`,
  preAggregated: async (db, from, to) => flattenHistograms(await new StatisticsRepository(db).waitingHistogramsByForce(from, to)),
  direct: async (db, from, to) => flattenHistograms(await new StatisticsRepository(db).waitingHistogramsByForceFromOrderRows(from, to)),
});

describe("published figures read off the pre-aggregated counts", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(ordersSubgraph);
  });
  afterAll(() => database.dispose());

  it("a youth is the same in SQL (spo_age_on) as in TypeScript (ageOn), leap days and birthdays included", async () => {
    const day = fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true });
    const pairs = fc
      .sample(fc.tuple(day, day), { numRuns: 400, seed: 2024 })
      .map(([a, b]) => [a, b].map((d) => d.toISOString().slice(0, 10)));
    // Birthdays and the days either side, 29 February births among them.
    pairs.push(["2008-02-29", "2026-02-28"], ["2008-02-29", "2026-03-01"], ["2008-02-29", "2024-02-29"], ["2008-06-15", "2026-06-15"]);
    pairs.push(["2008-06-15", "2026-06-14"], ["2014-06-15", "2024-06-15"], ["2014-06-15", "2024-06-14"]);
    const rows = await database.db.query<{ age: number }>(
      `SELECT spo_age_on(v.dob, v.day) AS age FROM unnest($1::date[], $2::date[]) WITH ORDINALITY AS v (dob, day, n) ORDER BY v.n`,
      [pairs.map(([dob]) => dob), pairs.map(([, on]) => on)],
    );
    expect(rows.map((row) => row.age)).toEqual(pairs.map(([dob, on]) => ageOn(dob, on)));
  });

  it("each scope's median days to an order is the median of all its forces' orders (percentile_cont), never an average", async () => {
    const { db } = database;
    const region = statisticsScopes(StatisticsGrouping.REGION).find((scope) => scope.forceCodes.length >= 3)!;
    const forces = [
      ...region.forceCodes.slice(0, 3),
      statisticsScopes(StatisticsGrouping.FORCE).find((s) => !region.forceCodes.includes(s.scope))!.scope,
    ];
    const applied = fc.integer({ min: 0, max: 700 });
    const orders = fc.array(
      fc.record({
        kind: fc.constantFrom("INTERIM", "FULL"),
        force: fc.constantFrom(...forces),
        applied,
        waited: fc.integer({ min: 0, max: 120 }),
      }),
      { minLength: 0, maxLength: 40 },
    );
    const day = (n: number) => addDays("2020-01-01", n);
    await fc.assert(
      fc.asyncProperty(orders, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 23 }), async (drawn, a, b) => {
        try {
          await ORDER_TABLE.insert(
            db,
            drawn.map((o, i) =>
              order({
                id: `m${i}`,
                kind: o.kind as OrderKind,
                applicantForceCode: o.force,
                appliedOn: day(o.applied),
                madeOn: day(o.applied + o.waited),
              }),
            ),
          );
          const from = `${2020 + Math.floor(Math.min(a, b) / 12)}-${String((Math.min(a, b) % 12) + 1).padStart(2, "0")}-01`;
          const last = Math.max(a, b);
          const to = addDays(`${2020 + Math.floor((last + 1) / 12)}-${String(((last + 1) % 12) + 1).padStart(2, "0")}-01`, -1);
          const byForceHistograms = await new StatisticsRepository(db).waitingHistogramsByForce(from, to);
          for (const grouping of Object.values(StatisticsGrouping)) {
            for (const scope of statisticsScopes(grouping).filter((s) => s.forceCodes.some((code) => forces.includes(code)))) {
              const summed = sumHistogramsOverScope(scope, byForceHistograms);
              const [direct] = await db.query<{ interim: number | null; full: number | null }>(
                `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY made_on - applied_on) FILTER (WHERE kind = 'INTERIM') AS interim,
                        percentile_cont(0.5) WITHIN GROUP (ORDER BY made_on - applied_on) FILTER (WHERE kind = 'FULL') AS full
                   FROM stalking_protection_order WHERE applicant_force_code = ANY($3::text[]) AND made_on BETWEEN $1::date AND $2::date`,
                [from, to, scope.forceCodes],
              );
              expect({ scope: scope.scope, interim: medianOfHistogram(summed.INTERIM), full: medianOfHistogram(summed.FULL) }).toEqual({
                scope: scope.scope,
                interim: direct.interim === null ? null : Number(direct.interim),
                full: direct.full === null ? null : Number(direct.full),
              });
            }
          }
        } finally {
          await db.query(`DELETE FROM stalking_protection_order`);
        }
      }),
      { numRuns: 30, seed: 2025 },
    );
  });
});
