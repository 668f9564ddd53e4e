import { findCourt, findForce } from "../reference";

/**
 * Who is asking, as the gateway established it from a verified token and
 * passes on to the subgraphs. Jurisdiction decides which records' detail the
 * caller may see: every force (national), some forces (a region or one force),
 * or the business of some courts (court listing systems).
 */
export type Jurisdiction =
  | { kind: "national" }
  | { kind: "forces"; forces: string[] }
  | { kind: "courts"; courts: string[] };

export interface Principal {
  sub: string;
  persona: string | null;
  scopes: string[];
  jurisdiction: Jurisdiction;
  /** Why the caller is asking (the token's `purpose` claim), for the audit trail. */
  purpose: string | null;
}

export function hasScope(principal: Principal, scope: string): boolean {
  return principal.scopes.includes(scope);
}

/** Detail of a force's records (terms, protected persons, addresses, breach detail) is for callers covering that force. */
export function coversForce(principal: Principal, forceCode: string): boolean {
  switch (principal.jurisdiction.kind) {
    case "national":
      return true;
    case "forces":
      return principal.jurisdiction.forces.includes(forceCode);
    case "courts":
      return false;
  }
}

/** A court's business (its list, the orders made or heard there) is for callers covering that court or its force. */
export function coversCourt(principal: Principal, courtCode: string): boolean {
  switch (principal.jurisdiction.kind) {
    case "national":
      return true;
    case "forces": {
      const court = findCourt(courtCode);
      return court !== undefined && principal.jurisdiction.forces.includes(court.forceCode);
    }
    case "courts":
      return principal.jurisdiction.courts.includes(courtCode);
  }
}

/**
 * The courts a court-listing caller is confined to, or null for callers whose
 * record visibility is not limited by court (national, forces). Repositories
 * pass it as an array parameter to filter in SQL.
 */
export function confinedToCourts(principal: Principal): string[] | null {
  return principal.jurisdiction.kind === "courts" ? [...principal.jurisdiction.courts] : null;
}

/**
 * One text per jurisdiction, whatever the order or repetition of its codes:
 * "national", "forces:07,21", "courts:B07ED,B21DA". Two tokens with the same
 * text cover exactly the same records.
 */
export function canonicalJurisdiction(jurisdiction: Jurisdiction): string {
  const codes = (list: string[]) => [...new Set(list)].sort().join(",");
  switch (jurisdiction.kind) {
    case "national":
      return "national";
    case "forces":
      return `forces:${codes(jurisdiction.forces)}`;
    case "courts":
      return `courts:${codes(jurisdiction.courts)}`;
  }
}

/** Checks a jurisdiction names only known forces and courts; returns the problem or null. */
export function jurisdictionProblem(jurisdiction: Jurisdiction): string | null {
  if (jurisdiction.kind === "forces") {
    if (jurisdiction.forces.length === 0) return "no forces";
    const unknown = jurisdiction.forces.find((code) => !findForce(code));
    if (unknown !== undefined) return `unknown force code "${unknown}"`;
  }
  if (jurisdiction.kind === "courts") {
    if (jurisdiction.courts.length === 0) return "no courts";
    const unknown = jurisdiction.courts.find((code) => !findCourt(code));
    if (unknown !== undefined) return `unknown court code "${unknown}"`;
  }
  return null;
}
