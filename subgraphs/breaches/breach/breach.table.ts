import { date, defineTable, text, type ColumnsMatch, type Holds, type InsertRowOf, type RowOf } from "../../../platform/db/table";
import type { BreachOffenceType, BreachStatus } from "../../../domain/vocabulary";
import type { BreachOffence } from "./breach.type";

/** The breaches subgraph's table (migrations/), each column declared once: every statement on it is derived from this. */
export const BREACH_TABLE = defineTable("breach_offence", {
  id: text(),
  offenceType: text<`${BreachOffenceType}`>(),
  offenceCode: text().nullable(),
  orderId: text().nullable(),
  /** Applicant force of the order breached. */
  orderForceCode: text().nullable(),
  offenderId: text(),
  reportingForceCode: text(),
  occurredOn: date(),
  reportedOn: date(),
  description: text().nullable(),
  status: text<`${BreachStatus}`>(),
  /** Date of conviction or acquittal. */
  decidedOn: date().nullable(),
  sentence: text().nullable(),
  /** The crime reference the reporting force gave it, normalised (domain/breach-report.ts). */
  crimeReference: text().nullable(),
  /** The structured disposal of a conviction at the sentencing hearing: a JSON array (breach.repository.ts reads it). */
  disposal: text().nullable(),
});
export type BreachOffenceRow = InsertRowOf<typeof BREACH_TABLE.columns>;
/** Every column is a field of the GraphQL type; the force managing its order is joined in. */
export type BreachColumnsMatch = Holds<ColumnsMatch<RowOf<typeof BREACH_TABLE.columns>, BreachOffence, "orderManagingForceCode">>;
