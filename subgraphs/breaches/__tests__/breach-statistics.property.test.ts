import fc from "fast-check";
import type { BreachOffenceRow } from "../../dataset-chunk";
import { BreachOffenceType, BreachStatus } from "../../../domain/vocabulary";
import type { Db } from "../../../platform/db/db";
import { emptyChunk, insertChunks } from "../../../test/support/database";
import { describeStatisticsPreAggregation, setColumns, type ForceCounts } from "../../../test/support/statistics-property";
import { breachesSubgraph } from "../subgraph";
import { StatisticsRepository, type ForceBreachCounts } from "../statistics/statistics.repository";

/**
 * The per-day and per-month counts the triggers of 002_breach_statistics.sql
 * maintain must give, for any period, the figures of the direct aggregate over
 * the breach rows (the query statistics ran before them), whatever was
 * inserted, updated (convictions arriving, reports corrected) and deleted.
 */

type Facts = Pick<BreachOffenceRow, "reportingForceCode" | "reportedOn" | "status" | "decidedOn">;
type Outcome = Pick<BreachOffenceRow, "status" | "decidedOn">;

let nextId = 0;
async function insertBreaches(db: Db, rows: Facts[]): Promise<void> {
  const chunk = emptyChunk();
  for (const f of rows) {
    nextId += 1;
    chunk.breaches.breaches.push({
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
  await insertChunks(db, breachesSubgraph, [chunk]);
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
