import { defineJurisdiction, type RecordCoverage } from "../../platform/subgraph/jurisdiction-table";
import { KEY_ONLY, STATISTICS_AGGREGATE } from "../../domain/protection-classes";
import { coversForce } from "../../platform/identity/principal";
import type { BreachesContext } from "./context";
import type { BreachOffence } from "./breach/breach.type";

/** A breach is covered by callers covering the applicant force of the order breached, or the force it was reported to. */
const breach: RecordCoverage<BreachOffence, BreachesContext> = {
  foundBy: "the breach: the applicant force of the order breached, or the force it was reported to (court callers cover neither)",
  covers: (principal, record) =>
    (record.orderForceCode !== null && coversForce(principal, record.orderForceCode)) || coversForce(principal, record.reportingForceCode),
};

/** Record-level access of the breaches subgraph (see platform/subgraph/jurisdiction-table.ts). */
export const breachesJurisdiction = defineJurisdiction<BreachesContext>({
  types: {
    BreachOffence: {
      protection: "summary",
      visibility: "every breach to every breach:read caller (type, status, dates, forces); its free text is case notes",
    },
    SpoStatistics: STATISTICS_AGGREGATE,
    StalkingProtectionOrder: KEY_ONLY.StalkingProtectionOrder,
    Person: KEY_ONLY.Person,
    Force: KEY_ONLY.Force,
  },
  fields: {
    "BreachOffence.description": { protection: "case-notes", record: breach },
    "BreachOffence.sentence": { protection: "case-notes", record: breach },
  },
});
