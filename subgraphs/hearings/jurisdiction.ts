import { defineJurisdiction } from "../../platform/subgraph/jurisdiction-table";
import { KEY_ONLY } from "../../domain/protection-classes";
import { coversCourt, coversForce } from "../../platform/identity/principal";
import type { HearingsContext } from "./context";
import type { CourtHearing } from "./hearing/hearing.type";

/** Record-level access of the hearings subgraph (see platform/subgraph/jurisdiction-table.ts). */
export const hearingsJurisdiction = defineJurisdiction<HearingsContext>({
  types: {
    CourtHearing: {
      protection: "summary",
      visibility: "every hearing to force, region and national callers; court callers only their courts' hearings (in SQL)",
    },
    StalkingProtectionOrder: KEY_ONLY.StalkingProtectionOrder,
    Person: KEY_ONLY.Person,
    Court: KEY_ONLY.Court,
  },
  fields: {
    "CourtHearing.outcomeNote": {
      protection: "case-notes",
      record: {
        foundBy: "the hearing: its court (for force callers, the court's force), or the applicant force of its order",
        covers: (principal, hearing: CourtHearing) =>
          coversCourt(principal, hearing.courtCode) || (hearing.orderForceCode !== null && coversForce(principal, hearing.orderForceCode)),
      },
    },
  },
});
