import { scope, type AccessRules } from "../kit/access-rules";

/** Hearings: reading needs hearing:read, recording outcomes hearing:write, outcome notes (free text) spo:terms. */
export const hearingsAccess: AccessRules = {
  "Query.courtList": scope("hearing:read"),
  "Query.hearing": scope("hearing:read"),
  CourtHearing: scope("hearing:read"),
  "StalkingProtectionOrder.hearings": scope("hearing:read"),
  "Mutation.recordHearingOutcome": scope("hearing:write"),
  // Free text a court typed: case detail, whatever field or path it is read through.
  "CourtHearing.outcomeNote": scope("spo:terms"),
};
