/**
 * What the API's inputs carry, classified once: every argument and input
 * field whose value is not self-evidently harmless (an id, a number, a flag,
 * an enum) is listed here. The audit trail stores a copy of every operation's
 * inputs, and a copy obeys the rules of the data it copies (ADR 0003), so:
 *
 * - "case-notes": free text typed by a person (descriptions, notes). Written
 *   into a field the jurisdiction tables classify as case-notes (`as`).
 * - "identity": who a person is (names, dates of birth, PNC IDs). A searched
 *   name may be a victim's; matched against the fields of an identity type.
 * - "open": safe to keep as it is (dates of events, opaque cursors and keys,
 *   a caller's own id).
 *
 * The trail keeps case-notes and identity values only as keyed hashes
 * (gateway/audit/recorded-operation.ts). A String, Date, DateTime or other
 * scalar input not listed here is hashed too (fail closed); the input test
 * (test/input-protection.test.ts) makes sure every such input is listed, and
 * that each `as` names a field or type the subgraphs classify the same way.
 *
 * Keys: `Type.field` for an input object's field, `Type.field(argument)` for
 * a field's argument.
 */
export type InputProtection = "case-notes" | "identity" | "open";

export interface InputRule {
  protection: InputProtection;
  /**
   * The output field (or identity type) the input writes or is matched against, for case-notes and identity; a
   * case-notes input kept where no field serves it says so in `why` instead.
   */
  as?: string;
  /** Why, for "open": what makes the value harmless; for case-notes without `as`: where it is kept, unserved. */
  why?: string;
}

const EVENT_DATE = "the day of an event in a case (not a person's attribute)";
const OPAQUE_KEY = "an opaque key the client picks to name its attempt";
const LISTED_FOR = "when a hearing sits: the court's list";
const COURTROOM = "a courtroom of the court";

export const INPUT_PROTECTION: Readonly<Record<string, InputRule>> = {
  // Mutations: the free text they write.
  "ReportBreachInput.description": { protection: "case-notes", as: "BreachOffence.description" },
  "HearingOutcomeInput.outcomeNote": { protection: "case-notes", as: "CourtHearing.outcomeNote" },
  "ApplyForOrderInput.grounds": { protection: "case-notes", as: "OrderEvent.note" },
  "ApplyForOrderInput.beliefReason": { protection: "case-notes", as: "OrderEvent.note" },
  "ProposedTermInput.description": { protection: "case-notes", as: "OrderTerm.description" },
  "ProposedTermInput.exclusionArea": { protection: "case-notes", as: "OrderTerm.exclusionArea" },
  // Terms per decision: the same text as a term's, hashed alike; the day a term's own period ends, and the day asked about.
  "TermChangeInput.description": { protection: "case-notes", as: "OrderTerm.description" },
  "TermChangeInput.exclusionArea": { protection: "case-notes", as: "OrderTerm.exclusionArea" },
  "TermChangeInput.until": { protection: "open", why: "the day a term ends" },
  "StalkingProtectionOrder.terms(inForceOn)": { protection: "open", why: EVENT_DATE },
  // Court listing: where and when a hearing sits is the court's public list; why it moved is the court's free text.
  "ListHearingInput.listedFor": { protection: "open", why: LISTED_FOR },
  "ListHearingInput.courtroom": { protection: "open", why: COURTROOM },
  "ListHearingInput.idempotencyKey": { protection: "open", why: OPAQUE_KEY },
  "NextHearingInput.listedFor": { protection: "open", why: LISTED_FOR },
  "NextHearingInput.courtroom": { protection: "open", why: COURTROOM },
  "RelistHearingInput.listedFor": { protection: "open", why: LISTED_FOR },
  "RelistHearingInput.courtroom": { protection: "open", why: COURTROOM },
  "RelistHearingInput.reason": { protection: "case-notes", why: "kept in the hearing's listing history, which no field serves" },
  "RelistHearingInput.idempotencyKey": { protection: "open", why: OPAQUE_KEY },
  "VacateHearingInput.reason": { protection: "case-notes", why: "kept in the hearing's listing history, which no field serves" },
  "VacateHearingInput.idempotencyKey": { protection: "open", why: OPAQUE_KEY },
  // Management after a move.
  "TransferManagementInput.transferredOn": { protection: "open", why: EVENT_DATE },
  "TransferManagementInput.idempotencyKey": { protection: "open", why: OPAQUE_KEY },
  // A crime reference names the investigation's record in the reporting force's systems and says nothing of it.
  "ReportBreachInput.crimeReference": { protection: "open", why: "a police reference (force, serial, year), no content of the case" },
  "ApplyForOrderInput.appliedOn": { protection: "open", why: EVENT_DATE },
  "ApplyForOrderInput.idempotencyKey": { protection: "open", why: "an opaque key the client picks to name its attempt" },
  "RecordServiceInput.servedOn": { protection: "open", why: EVENT_DATE },
  "RecordServiceInput.idempotencyKey": { protection: "open", why: "an opaque key the client picks to name its attempt" },
  "ReportBreachInput.occurredOn": { protection: "open", why: EVENT_DATE },
  "HearingOutcomeInput.expiresOn": { protection: "open", why: "the day an order ends" },
  "ReportBreachInput.idempotencyKey": { protection: "open", why: "an opaque key the client picks to name its attempt" },
  "HearingOutcomeInput.idempotencyKey": { protection: "open", why: "an opaque key the client picks to name its attempt" },
  // Correcting a hearing's outcome: the corrected note and the reason are the court's free text, as the note is.
  "AmendHearingOutcomeInput.outcomeNote": { protection: "case-notes", as: "CourtHearing.outcomeNote" },
  "AmendHearingOutcomeInput.reason": { protection: "case-notes", as: "CorrectedHearingOutcome.correctionReason" },
  "AmendHearingOutcomeInput.expiresOn": { protection: "open", why: "the day an order ends" },
  "AmendHearingOutcomeInput.idempotencyKey": { protection: "open", why: "an opaque key the client picks to name its attempt" },
  // Searches: who is looked for.
  "PersonSearch.pncId": { protection: "identity", as: "Person" },
  "PersonSearch.familyName": { protection: "identity", as: "PersonName" },
  "PersonSearch.givenName": { protection: "identity", as: "PersonName" },
  "PersonSearch.dateOfBirth": { protection: "identity", as: "Person" },
  "OrderFilter.madeFrom": { protection: "open", why: EVENT_DATE },
  "OrderFilter.madeTo": { protection: "open", why: EVENT_DATE },
  "Query.orders(after)": { protection: "open", why: "an opaque cursor this API issued" },
  "Query.courtList(date)": { protection: "open", why: "a day of a court's list" },
  "Query.spoStatistics(from)": { protection: "open", why: "a period of aggregates" },
  "Query.spoStatistics(to)": { protection: "open", why: "a period of aggregates" },
  // The audit trail's own reader.
  "Query.auditRecords(after)": { protection: "open", why: "an opaque cursor this API issued" },
  "AuditRecordFilter.sub": { protection: "open", why: "a caller's own id (the token's sub), already in every record" },
  "AuditRecordFilter.from": { protection: "open", why: "a period of the trail" },
  "AuditRecordFilter.to": { protection: "open", why: "a period of the trail" },
  "AuditRecordFilter.value": { protection: "identity", as: "Person", why: "a value an auditor checks for: a name, a note" },
};

/** Scalars whose values are never personal data in this API: ids, counts, flags (enums are harmless too). */
export const OPEN_SCALARS: ReadonlySet<string> = new Set(["ID", "Int", "Float", "Boolean"]);
