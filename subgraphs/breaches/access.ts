import { scope } from "../../platform/subgraph/access-rules";
import { defineAccess } from "../../platform/subgraph/access-table";
import type { RecordCoverage } from "../../platform/subgraph/jurisdiction-table";
import { KEY_ONLY, STATISTICS_AGGREGATE } from "../../domain/protection-classes";
import { coversForce } from "../../platform/identity/principal";
import { coversOrderDetailForces } from "../../domain/order-facts/order-facts";
import type { BreachesContext } from "./context";
import type { BreachOffence } from "./breach/breach.type";

/** A breach is covered by callers covering the applicant or managing force of the order breached, or the force it was reported to. */
const breach: RecordCoverage<BreachOffence, BreachesContext> = {
  foundBy: "the breach: the applicant or managing force of the order breached, or the force it was reported to (court callers cover none)",
  covers: (principal, record) =>
    (record.orderForceCode !== null &&
      coversOrderDetailForces(principal, {
        applicantForceCode: record.orderForceCode,
        managingForceCode: record.orderManagingForceCode,
      })) ||
    coversForce(principal, record.reportingForceCode),
};

/**
 * Who may see what of breaches (see platform/subgraph/access-table.ts): reading needs breach:read, description and
 * sentence (free text), the structured disposal and the crime reference spo:terms too and covering the breach, reporting breach:write; the statistics columns stats:read.
 */
export const breachesAccess = defineAccess<BreachesContext>({
  types: {
    BreachOffence: {
      requires: scope("breach:read"),
      protection: "summary",
      visibility: "every breach to every breach:read caller (type, status, dates, forces); its free text is case notes",
    },
    BreachDisposal: { requires: scope("spo:terms"), protection: "detail", visibility: "only through BreachOffence.disposal" },
    SentenceLength: { requires: scope("spo:terms"), protection: "detail", visibility: "only through BreachOffence.disposal" },
    SpoStatistics: { requires: scope("stats:read"), ...STATISTICS_AGGREGATE },
    BreachTypeCount: { requires: scope("stats:read"), ...STATISTICS_AGGREGATE },
    // Orders' and people's types, which this subgraph extends or returns: their scopes stated here so the subgraph enforces them on its own.
    StalkingProtectionOrder: { requires: scope("spo:read"), ...KEY_ONLY.StalkingProtectionOrder },
    Person: { requires: scope("person:read"), ...KEY_ONLY.Person },
    Force: KEY_ONLY.Force,
  },
  fields: {
    "Query.breachOffence": { requires: scope("breach:read") },
    "StalkingProtectionOrder.breaches": { requires: scope("breach:read") },
    "Person.breachOffences": { requires: scope("breach:read") },
    "Mutation.reportBreach": { requires: scope("breach:write") },
    // Free text: case detail.
    "BreachOffence.description": { requires: scope("spo:terms"), protection: "case-notes", record: breach },
    "BreachOffence.sentence": { requires: scope("spo:terms"), protection: "case-notes", record: breach },
    // Not free text, but case detail all the same: the sentence in structured form is guarded as the sentence is, and
    // a crime reference opens the police investigation's record in the reporting force's systems.
    "BreachOffence.disposal": { requires: scope("spo:terms"), protection: "detail", record: breach },
    "BreachOffence.crimeReference": { requires: scope("spo:terms"), protection: "detail", record: breach },
    // Which terms of the order were breached: guarded as the terms are (they name the order's detail).
    "BreachOffence.termsBreached": { requires: scope("spo:terms"), protection: "case-notes", record: breach },
  },
});
