import type { JWTPayload } from "jose";
import { jurisdictionProblem, type Jurisdiction, type Principal } from "../../platform/identity/principal";
import { forcesInRegion, REGIONS, type RegionCode } from "../../platform/estate";

/**
 * Reads a Principal out of verified token claims:
 * - `scope`: space-separated OAuth scopes;
 * - jurisdiction, the first present of: `courts` (OU codes), `forces` / `force`
 *   (force codes), `region` (all its forces), `jurisdiction: "national"`;
 * - optional `persona` and `purpose`.
 * Returns null when the claims do not make a usable principal (no jurisdiction,
 * unknown codes): such a token is refused like an invalid one.
 */
export function principalFromClaims(claims: JWTPayload): Principal | null {
  if (typeof claims.sub !== "string" || claims.sub === "") return null;
  const jurisdiction = jurisdictionFromClaims(claims);
  if (!jurisdiction || jurisdictionProblem(jurisdiction) !== null) return null;
  const scope = typeof claims.scope === "string" ? claims.scope : "";
  return {
    sub: claims.sub,
    persona: typeof claims.persona === "string" ? claims.persona : null,
    scopes: scope.split(" ").filter((value) => value !== ""),
    jurisdiction,
    purpose: typeof claims.purpose === "string" ? claims.purpose : null,
  };
}

function codeList(value: unknown): string[] | null {
  if (typeof value === "string") return value.split(/[\s,]+/).filter((code) => code !== "");
  if (Array.isArray(value) && value.every((code) => typeof code === "string")) return value as string[];
  return null;
}

function jurisdictionFromClaims(claims: JWTPayload): Jurisdiction | null {
  const courts = codeList(claims.courts);
  if (courts) return { kind: "courts", courts };
  const forces = codeList(claims.forces) ?? codeList(claims.force);
  if (forces) return { kind: "forces", forces };
  if (typeof claims.region === "string") {
    if (!(REGIONS as readonly string[]).includes(claims.region)) return null;
    return { kind: "forces", forces: forcesInRegion(claims.region as RegionCode).map((force) => force.code) };
  }
  if (claims.jurisdiction === "national") return { kind: "national" };
  return null;
}
