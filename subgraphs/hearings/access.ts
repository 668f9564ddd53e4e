import { scope } from "../../platform/subgraph/access-rules";
import { defineAccess } from "../../platform/subgraph/access-table";
import { KEY_ONLY } from "../../domain/protection-classes";
import { coversCourt, type Principal } from "../../platform/identity/principal";
import { coversOrderDetailForces } from "../../domain/order-facts/order-facts";
import type { HearingsContext } from "./context";
import type { CourtHearing } from "./hearing/hearing.type";
import type { CorrectedHearingOutcome } from "./hearing/corrected-outcome.type";

/** A hearing's court (for force callers, the court's force), or its order's applicant or managing force. */
function coversHearing(
  principal: Principal,
  hearing: Pick<CourtHearing, "courtCode" | "orderForceCode" | "orderManagingForceCode">,
): boolean {
  return (
    coversCourt(principal, hearing.courtCode) ||
    (hearing.orderForceCode !== null &&
      coversOrderDetailForces(principal, { applicantForceCode: hearing.orderForceCode, managingForceCode: hearing.orderManagingForceCode }))
  );
}

/** Who may read a corrected outcome's free text: whoever may read its hearing's outcome note. */
const CORRECTED_OUTCOME_TEXT = {
  foundBy: "the hearing corrected: its court (for force callers, the court's force), or the applicant or managing force of its order",
  covers: (principal: Principal, outcome: CorrectedHearingOutcome) => coversHearing(principal, outcome),
};

/** A hearing's case detail is for callers covering its court (for force callers, the court's force) or its order's force. */
const HEARING_COVERAGE = {
  foundBy: "the hearing: its court (for force callers, the court's force), or the applicant or managing force of its order",
  covers: (principal: Principal, hearing: CourtHearing) => coversHearing(principal, hearing),
};

/**
 * Who may see what of hearings (see platform/subgraph/access-table.ts): reading needs hearing:read, recording
 * outcomes hearing:write, outcome notes (free text) spo:terms and covering the hearing.
 */
export const hearingsAccess = defineAccess<HearingsContext>({
  types: {
    CourtHearing: {
      requires: scope("hearing:read"),
      protection: "summary",
      visibility: "every hearing to force, region and national callers; court callers only their courts' hearings (in SQL)",
    },
    // Orders' and people's types, which this subgraph extends or returns: their scopes stated here so the subgraph enforces them on its own.
    StalkingProtectionOrder: { requires: scope("spo:read"), ...KEY_ONLY.StalkingProtectionOrder },
    Person: { requires: scope("person:read"), ...KEY_ONLY.Person },
    Court: KEY_ONLY.Court,
    CorrectedHearingOutcome: {
      requires: scope("hearing:read"),
      protection: "summary",
      visibility: "reached through its hearing only, so as its hearing",
    },
  },
  fields: {
    "Query.courtList": { requires: scope("hearing:read") },
    "Query.hearing": { requires: scope("hearing:read") },
    "StalkingProtectionOrder.hearings": { requires: scope("hearing:read") },
    "Mutation.recordHearingOutcome": { requires: scope("hearing:write") },
    // Free text a court typed: case detail, whatever field or path it is read through.
    "CourtHearing.outcomeNote": {
      requires: scope("spo:terms"),
      protection: "case-notes",
      record: HEARING_COVERAGE,
    },
    // Court listing: listing, moving and vacating hearings is recording their outcome's business.
    "Mutation.listHearing": { requires: scope("hearing:write") },
    "Mutation.relistHearing": { requires: scope("hearing:write") },
    "Mutation.vacateHearing": { requires: scope("hearing:write") },
    // What a court list says of a hearing that can tell a child is concerned (a youth case, a restriction
    // protecting a young witness or victim): case detail, released like the outcome note by its record.
    "CourtHearing.youthMarker": { protection: "detail", record: HEARING_COVERAGE },
    "CourtHearing.reportingRestrictions": { protection: "detail", record: HEARING_COVERAGE },
    "Mutation.amendHearingOutcome": { requires: scope("hearing:write") },
    // The outcome note as it was recorded, and the reason for its correction: free text a court typed, as the note is.
    "CorrectedHearingOutcome.outcomeNote": { requires: scope("spo:terms"), protection: "case-notes", record: CORRECTED_OUTCOME_TEXT },
    "CorrectedHearingOutcome.correctionReason": { requires: scope("spo:terms"), protection: "case-notes", record: CORRECTED_OUTCOME_TEXT },
  },
});
