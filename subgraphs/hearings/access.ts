import { scope } from "../../platform/subgraph/access-rules";
import { defineAccess } from "../../platform/subgraph/access-table";
import { KEY_ONLY } from "../../domain/protection-classes";
import { coversCourt, coversForce, type Principal } from "../../platform/identity/principal";
import type { HearingsContext } from "./context";
import type { CourtHearing } from "./hearing/hearing.type";
import type { CorrectedHearingOutcome } from "./hearing/corrected-outcome.type";

/** Who may read a corrected outcome's free text: whoever may read its hearing's outcome note. */
const CORRECTED_OUTCOME_TEXT = {
  foundBy: "the hearing corrected: its court (for force callers, the court's force), or the applicant force of its order",
  covers: (principal: Principal, outcome: CorrectedHearingOutcome) =>
    coversCourt(principal, outcome.courtCode) || (outcome.orderForceCode !== null && coversForce(principal, outcome.orderForceCode)),
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
      record: {
        foundBy: "the hearing: its court (for force callers, the court's force), or the applicant force of its order",
        covers: (principal, hearing: CourtHearing) =>
          coversCourt(principal, hearing.courtCode) || (hearing.orderForceCode !== null && coversForce(principal, hearing.orderForceCode)),
      },
    },
    "Mutation.amendHearingOutcome": { requires: scope("hearing:write") },
    // The outcome note as it was recorded, and the reason for its correction: free text a court typed, as the note is.
    "CorrectedHearingOutcome.outcomeNote": { requires: scope("spo:terms"), protection: "case-notes", record: CORRECTED_OUTCOME_TEXT },
    "CorrectedHearingOutcome.correctionReason": { requires: scope("spo:terms"), protection: "case-notes", record: CORRECTED_OUTCOME_TEXT },
  },
});
