import { scope, type AccessRules } from "../../platform/subgraph/access-rules";

/** Hearings: reading needs hearing:read, recording outcomes hearing:write, outcome notes (free text) spo:terms. */
export const hearingsAccess: AccessRules = {
  "Query.courtList": scope("hearing:read"),
  "Query.hearing": scope("hearing:read"),
  CourtHearing: scope("hearing:read"),
  // Orders' and people's types, which this subgraph extends or returns: stated here so the subgraph enforces them on its own.
  StalkingProtectionOrder: scope("spo:read"),
  Person: scope("person:read"),
  "StalkingProtectionOrder.hearings": scope("hearing:read"),
  "Mutation.recordHearingOutcome": scope("hearing:write"),
  // Free text a court typed: case detail, whatever field or path it is read through.
  "CourtHearing.outcomeNote": scope("spo:terms"),
};
