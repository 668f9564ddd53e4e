import { findForce } from "../platform/estate";
import { refuse, type Refusal } from "./refusal";
import { termsInForceOn, type TermsDecision } from "./terms";
import type { BreachOffenceType } from "./vocabulary";

/**
 * What a breach report states beyond the offence: the terms breached (s.8), held to the terms in force on the day
 * it occurred, and the crime reference the reporting force gave it.
 */

/**
 * The crime reference format accepted: the reporting force's two-digit code, a serial of 1 to 10 letters or
 * digits, and the two-digit year it was recorded, separated by slashes ("07/0012345/26"). Forces number crimes in
 * their own systems; this is the shape they are exchanged in nationally. Spaces around it and lower case are
 * accepted and normalised.
 */
const CRIME_REFERENCE = /^(\d{2})\/([A-Z0-9]{1,10})\/(\d{2})$/;

export type BreachReportArgument = "crimeReference" | "termsBreached";

/** The breach a crime reference is given for: who reports it, when it occurred, and the day it is reported. */
export interface CrimeReferenceContext {
  reportingForceCode: string;
  occurredOn: string;
  reportedOn: string;
}

/**
 * A two-digit year names one year only once the century is fixed: no breach of an order occurs before the Act
 * (2020), so it is the year 20YY, and it must lie between the year the breach occurred and the year it is
 * reported. Without the upper bound "99" would pass as 2099, or be read by another system as 1999.
 */
export function parseCrimeReference(
  input: string,
  { reportingForceCode, occurredOn, reportedOn }: CrimeReferenceContext,
): { ok: true; crimeReference: string } | Refusal<BreachReportArgument> {
  const normalised = input.trim().toUpperCase();
  const match = CRIME_REFERENCE.exec(normalised);
  if (!match)
    return refuse(
      "crimeReference",
      "must look like FF/SERIAL/YY: the force code, a serial of 1 to 10 letters or digits, the year recorded",
    );
  const [, forceCode, , yy] = match;
  const force = findForce(forceCode);
  if (!force) return refuse("crimeReference", `unknown force code "${forceCode}"`);
  if (forceCode !== reportingForceCode) {
    const reporting = findForce(reportingForceCode)?.name ?? `force ${reportingForceCode}`;
    return refuse("crimeReference", `begins with the code of ${force.name} (${forceCode}); the breach is reported by ${reporting}`);
  }
  const year = 2000 + Number(yy);
  if (year < Number(occurredOn.slice(0, 4)))
    return refuse("crimeReference", `recorded in ${year}, before the breach occurred (${occurredOn})`);
  if (year > Number(reportedOn.slice(0, 4)))
    return refuse("crimeReference", `recorded in ${year}, after the breach is reported (${reportedOn})`);
  return { ok: true, crimeReference: normalised };
}

/**
 * The terms a breach of the order broke, if the report names them: at least one, each in force on the day it
 * occurred. An offence of s.11 (notification) breaks the notification requirements, not a term.
 */
export function checkTermsBreached(
  offenceType: `${BreachOffenceType}`,
  termIds: readonly string[] | null,
  decisions: readonly TermsDecision[],
  occurredOn: string,
): { ok: true } | Refusal<BreachReportArgument> {
  if (termIds === null) return { ok: true };
  if (offenceType !== "BREACH_OF_ORDER") {
    return termIds.length === 0
      ? { ok: true }
      : refuse("termsBreached", `${offenceType} is an offence against the notification requirements (s.11), not a breach of a term`);
  }
  if (termIds.length === 0) return refuse("termsBreached", "name at least one term breached, or leave termsBreached out");
  if (new Set(termIds).size !== termIds.length) return refuse("termsBreached", "names a term more than once");
  const inForce = new Set(termsInForceOn(decisions, occurredOn).map((term) => term.termId));
  const notInForce = termIds.filter((termId) => !inForce.has(termId));
  if (notInForce.length > 0) return refuse("termsBreached", `not in force on ${occurredOn}: ${notInForce.join(", ")}`);
  return { ok: true };
}
