import fc from "fast-check";
import type { OrderRow } from "../../dataset-chunk";
import { ORDER_END_REASONS, OrderKind } from "../../../domain/vocabulary";
import type { Db } from "../../../platform/db/db";
import { defineTable } from "../../../platform/db/table";
import { describeStatisticsPreAggregation, setColumns, type ForceCounts } from "../../../test/support/statistics-property";
import { ordersSubgraph } from "../subgraph";
import { StatisticsRepository, type OrderCounts } from "../statistics/statistics.repository";
import { ORDER_TABLE } from "../order/order.table";
import { order } from "./orders.fixture";

/**
 * The per-day and per-month counts the triggers of 002_order_statistics.sql
 * (contributions redefined on order_status by 004_order_status.sql) maintain
 * must give, for any period, the figures of the direct aggregate over the
 * order rows (the query statistics ran before them).
 */

type Facts = Pick<OrderRow, "kind" | "applicantForceCode" | "madeOn" | "expiresOn" | "untilFurtherOrder" | "endedOn" | "endReason">;
type End = { on: string; reason: OrderRow["endReason"] } | null;

/** The orders table as migration 001 made it (the version came later): the backfill is tested on rows written before it. */
const { version: _version, ...COLUMNS_AT_001 } = ORDER_TABLE.columns;
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
