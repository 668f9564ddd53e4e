import fc from "fast-check";
import type { BreachOffenceRow } from "../../dataset-chunk";
import { BreachOffenceType, BreachStatus } from "../../../domain/vocabulary";
import type { Db } from "../../../platform/db/db";
import { defineTable } from "../../../platform/db/table";
import { describeStatisticsPreAggregation, setColumns, type ForceCounts } from "../../../test/support/statistics-property";
import { breachesSubgraph } from "../subgraph";
import { StatisticsRepository, type ForceBreachCounts, type ForceBreachTypeCount } from "../statistics/statistics.repository";
import { BREACH_TABLE } from "../breach/breach.table";

/**
 * The per-day and per-month counts the triggers of 002_breach_statistics.sql
 * maintain must give, for any period, the figures of the direct aggregate over
 * the breach rows (the query statistics ran before them), whatever was
 * inserted, updated (convictions arriving, reports corrected) and deleted.
 */

type Facts = Pick<BreachOffenceRow, "reportingForceCode" | "reportedOn" | "status" | "decidedOn"> &
  Partial<Pick<BreachOffenceRow, "offenceType">>;
type Outcome = Pick<BreachOffenceRow, "status" | "decidedOn">;

/** The breaches table as migration 001 made it (the crime reference and disposal came later): the backfill is tested on rows written before it. */
const { crimeReference: _crimeReference, disposal: _disposal, ...COLUMNS_AT_001 } = BREACH_TABLE.columns;
const BREACHES_AT_001 = defineTable(BREACH_TABLE.name, COLUMNS_AT_001);

let nextId = 0;
async function insertBreaches(db: Db, rows: Facts[]): Promise<void> {
  const breaches = [];
  for (const f of rows) {
    nextId += 1;
    breaches.push({
      id: `b${nextId}`,
      offenceType: BreachOffenceType.BREACH_OF_ORDER,
      offenceCode: null,
      orderId: null,
      orderForceCode: null,
      offenderId: `p${nextId}`,
      occurredOn: f.reportedOn,
      description: null,
      sentence: null,
      ...f,
    });
  }
  await BREACHES_AT_001.insert(db, breaches);
}

const byForce = (counts: ForceBreachCounts[]): ForceCounts => counts.map(({ forceCode, ...figures }) => [forceCode, figures]);

describeStatisticsPreAggregation<Facts>({
  subgraph: breachesSubgraph,
  table: "breach_offence",
  statistics: "breach_statistics",
  counts: ["reported", "convicted"],
  migration: "002_breach_statistics.sql",
  epoch: { year: 2022 },
  /** Any facts the table allows, convictions and decisions without a date included. */
  facts: (day) =>
    fc.record({
      reportingForceCode: fc.constantFrom("07", "21", "93"),
      reportedOn: day,
      status: fc.constantFrom(...Object.values(BreachStatus), BreachStatus.CONVICTED, BreachStatus.CONVICTED),
      decidedOn: fc.option(day, { nil: null, freq: 4 }),
    }),
  insert: insertBreaches,
  updates: (day, facts) => [
    {
      // Any correction of the report.
      change: facts,
      apply: setColumns<Facts>("breach_offence", {
        reporting_force_code: ["text", (c) => c.reportingForceCode],
        reported_on: ["date", (c) => c.reportedOn],
        status: ["text", (c) => c.status],
        decided_on: ["date", (c) => c.decidedOn],
      }),
    },
    {
      // What a court outcome does to a breach: its status and decision date, nothing else. A correction of the
      // outcome (amendHearingOutcome) does the same: the other decision, or back to CHARGED with no day decided.
      change: fc.record({ status: fc.constantFrom(...Object.values(BreachStatus)), decidedOn: fc.option(day, { nil: null, freq: 4 }) }),
      apply: setColumns<Outcome>("breach_offence", { status: ["text", (o) => o.status], decided_on: ["date", (o) => o.decidedOn] }),
    },
  ],
  touchAll: `UPDATE breach_offence SET sentence = coalesce(sentence, 'none recorded')`,
  preAggregated: async (db, from, to) => byForce(await new StatisticsRepository(db).countBreachesByReportingForce(from, to)),
  direct: async (db, from, to) => byForce(await new StatisticsRepository(db).countBreachesByReportingForceFromBreachRows(from, to)),
});

/** Breaches reported per offence type (008_breach_type_statistics.sql): the type is a key of the counts. */
const byForceAndType = (counts: ForceBreachTypeCount[]): ForceCounts =>
  counts.map(({ forceCode, offenceType, count }) => [`${forceCode}/${offenceType}`, { count }]);

describeStatisticsPreAggregation<Facts>({
  subgraph: breachesSubgraph,
  table: "breach_offence",
  statistics: "breach_type_statistics",
  keys: ["offence_type"],
  counts: ["reported"],
  migration: "008_breach_type_statistics.sql",
  epoch: { year: 2022 },
  facts: (day) =>
    fc.record({
      reportingForceCode: fc.constantFrom("07", "21", "93"),
      reportedOn: day,
      status: fc.constantFrom(...Object.values(BreachStatus)),
      decidedOn: fc.option(day, { nil: null, freq: 4 }),
      offenceType: fc.constantFrom(...Object.values(BreachOffenceType)),
    }),
  insert: insertBreaches,
  updates: (day) => [
    {
      // A correction of the report: its type, force or day.
      change: fc.record({
        offenceType: fc.constantFrom(...Object.values(BreachOffenceType)),
        reportingForceCode: fc.constantFrom("07", "21", "93"),
        reportedOn: day,
      }),
      apply: setColumns<Required<Pick<Facts, "offenceType" | "reportingForceCode" | "reportedOn">>>("breach_offence", {
        offence_type: ["text", (c) => c.offenceType],
        reporting_force_code: ["text", (c) => c.reportingForceCode],
        reported_on: ["date", (c) => c.reportedOn],
      }),
    },
  ],
  touchAll: `UPDATE breach_offence SET sentence = coalesce(sentence, 'none recorded')`,
  preAggregated: async (db, from, to) => byForceAndType(await new StatisticsRepository(db).countBreachTypesByReportingForce(from, to)),
  direct: async (db, from, to) =>
    byForceAndType(await new StatisticsRepository(db).countBreachTypesByReportingForceFromBreachRows(from, to)),
});
