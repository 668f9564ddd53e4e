import {
  boolean,
  date,
  defineTable,
  int,
  keysExcept,
  text,
  timestamptz,
  type ColumnsMatch,
  type Holds,
  type InsertRowOf,
  type RowOf,
} from "../../../platform/db/table";
import type {
  Appealable,
  AppealOutcome,
  Appellant,
  CourtDecision,
  HearingLanguage,
  HearingStatus,
  HearingType,
  Section4Applicant,
} from "../../../domain/vocabulary";
import type { CourtHearing } from "./hearing.type";

/** The hearings subgraph's table (migrations/), each column declared once: every statement on it is derived from this. */
export const HEARING_TABLE = defineTable("court_hearing", {
  id: text(),
  caseNumber: text(),
  courtCode: text(),
  forceCode: text(),
  type: text<`${HearingType}`>(),
  status: text<`${HearingStatus}`>(),
  listedFor: timestamptz(),
  courtroom: text().nullable(),
  orderId: text().nullable(),
  respondentId: text().nullable(),
  breachId: text().nullable(),
  decision: text<`${CourtDecision}`>().nullable(),
  outcomeNote: text().nullable(),
  // What the court decided about the expiry, kept for the record (the order's own expiry is the orders subgraph's).
  decidedExpiresOn: date().nullable(),
  decidedUntilFurtherOrder: boolean().nullable(),
  outcomeRecordedAt: timestamptz().nullable(),
  // A Crown Court appeal's outcome, what it was against and who appealed (domain/appeals.ts).
  appealOutcome: text<AppealOutcome>().nullable(),
  appealAgainst: text<Appealable>().nullable(),
  appellant: text<Appellant>().nullable(),
  section4ApplicationBy: text<Section4Applicant>().nullable(),
  // Court listing (migration 003): the hearing's place in its courtroom's list and what a court list carries.
  listingSequence: int().nullable(),
  listedDurationMinutes: int().nullable(),
  hearingLanguage: text<`${HearingLanguage}`>().withDefault("ENGLISH"),
  reportingRestrictionCodes: text().withDefault(""),
  youthMarker: boolean().withDefault(false),
  previousHearingId: text().nullable(),
});
export type CourtHearingRow = InsertRowOf<typeof HEARING_TABLE.columns>;

/** The columns kept for the record only, which the GraphQL type does not carry. */
const RECORD_ONLY = ["decidedExpiresOn", "decidedUntilFurtherOrder", "outcomeRecordedAt"] as const;
/** The columns a hearing is read with: every one the GraphQL type carries. */
export const HEARING_FIELDS = keysExcept(HEARING_TABLE, RECORD_ONLY);
/** Every column is a field of the GraphQL type, but those kept for the record; its order's forces are joined in. */
export type HearingColumnsMatch = Holds<
  ColumnsMatch<RowOf<typeof HEARING_TABLE.columns>, CourtHearing, "orderForceCode" | "orderManagingForceCode", (typeof RECORD_ONLY)[number]>
>;
