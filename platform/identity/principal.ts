import { findCourt, findForce } from "../estate";

/**
 * Who is asking, as the gateway established it from a verified token and
 * passes on to the subgraphs. Jurisdiction decides which records' detail the
 * caller may see: every force (national), some forces (a region or one force),
 * or the business of some courts (court listing systems).
 */
export type Jurisdiction = { kind: "national" } | { kind: "forces"; forces: string[] } | { kind: "courts"; courts: string[] };

export interface Principal {
  sub: string;
  persona: string | null;
  scopes: string[];
  jurisdiction: Jurisdiction;
  /** Why the caller is asking (the token's `purpose` claim), for the audit trail. */
  purpose: string | null;
}

/**
 * Whether a value has a principal's shape: the cheap test a request's own
 * context needs, its principal having been fully checked (isPrincipal) where
 * it entered, from a token or an assertion.
 */
function hasPrincipalShape(value: unknown): value is Principal {
  return (
    typeof value === "object" &&
    value !== null &&
    "sub" in value &&
    typeof value.sub === "string" &&
    "scopes" in value &&
    Array.isArray(value.scopes) &&
    "jurisdiction" in value &&
    typeof value.jurisdiction === "object" &&
    value.jurisdiction !== null
  );
}

/** Whether a value from outside (a verified assertion's claims) is a principal whose jurisdiction names real forces and courts. */
export function isPrincipal(value: unknown): value is Principal {
  return (
    hasPrincipalShape(value) &&
    value.scopes.every((scope) => typeof scope === "string") &&
    ["national", "forces", "courts"].includes(value.jurisdiction.kind) &&
    jurisdictionProblem(value.jurisdiction) === null
  );
}

/**
 * The principal a request's context carries, or undefined. graphql-js and
 * Apollo's gateway interface hand resolvers and executors their context
 * untyped; this is where it is looked into, so no caller casts it.
 */
export function findPrincipal(context: unknown): Principal | undefined {
  if (typeof context !== "object" || context === null || !("principal" in context)) return undefined;
  return hasPrincipalShape(context.principal) ? context.principal : undefined;
}

/**
 * The principal of a context that must have one: every request is
 * authenticated (401 otherwise) before its context exists, so a context
 * without one is a fault of ours, an internal error, never a request to serve.
 */
export function principalOf(context: unknown): Principal {
  const principal = findPrincipal(context);
  if (!principal) throw new Error("The request context carries no principal");
  return principal;
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

/** A court's business (its list, the cases decided or heard there) is for callers covering that court or its force. */
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
