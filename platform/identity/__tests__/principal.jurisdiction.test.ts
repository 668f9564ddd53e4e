import {
  canonicalJurisdiction,
  confinedToCourts,
  coversCourt,
  coversForce,
  findPrincipal,
  hasScope,
  isPrincipal,
  jurisdictionProblem,
  type Jurisdiction,
  type Principal,
} from "../principal";

/**
 * The jurisdiction decisions every subgraph's table relies on: which force's
 * detail and which court's business a caller covers, what confines a court
 * caller, when two tokens cover the same records, and which jurisdictions from
 * outside are refused. Cheshire is force 07, its court B07ED; Staffordshire 21, B21DA.
 */
const as = (jurisdiction: Jurisdiction, scopes: string[] = []): Principal => ({
  sub: "s",
  persona: null,
  scopes,
  jurisdiction,
  purpose: null,
});
const NATIONAL = as({ kind: "national" });
const CHESHIRE_FORCE = as({ kind: "forces", forces: ["07"] });
const CHESHIRE_COURT = as({ kind: "courts", courts: ["B07ED"] });

describe("coversForce", () => {
  it("is every force nationally, the listed forces for a force or region, and none for a court", () => {
    expect(coversForce(NATIONAL, "21")).toBe(true);
    expect(coversForce(CHESHIRE_FORCE, "07")).toBe(true);
    expect(coversForce(CHESHIRE_FORCE, "21")).toBe(false);
    expect(coversForce(CHESHIRE_COURT, "07")).toBe(false);
  });
});

describe("coversCourt", () => {
  it("is every court nationally, a force's own courts for a force, and the listed courts for a court", () => {
    expect(coversCourt(NATIONAL, "B21DA")).toBe(true);
    expect(coversCourt(CHESHIRE_FORCE, "B07ED")).toBe(true);
    expect(coversCourt(CHESHIRE_FORCE, "B21DA")).toBe(false);
    expect(coversCourt(CHESHIRE_FORCE, "NOPE")).toBe(false);
    expect(coversCourt(CHESHIRE_COURT, "B07ED")).toBe(true);
    expect(coversCourt(CHESHIRE_COURT, "B21DA")).toBe(false);
  });
});

describe("confinedToCourts", () => {
  it("is a court caller's courts (a copy), and null for anyone else", () => {
    const courts = confinedToCourts(CHESHIRE_COURT);
    expect(courts).toEqual(["B07ED"]);
    courts!.push("B21DA");
    expect(confinedToCourts(CHESHIRE_COURT)).toEqual(["B07ED"]);
    expect(confinedToCourts(NATIONAL)).toBeNull();
    expect(confinedToCourts(CHESHIRE_FORCE)).toBeNull();
  });
});

describe("canonicalJurisdiction", () => {
  it("is one text per set of records, whatever the order or repetition", () => {
    expect(canonicalJurisdiction({ kind: "national" })).toBe("national");
    expect(canonicalJurisdiction({ kind: "forces", forces: ["21", "07", "21"] })).toBe("forces:07,21");
    expect(canonicalJurisdiction({ kind: "courts", courts: ["B21DA", "B07ED"] })).toBe("courts:B07ED,B21DA");
  });
});

describe("jurisdictionProblem", () => {
  it("accepts known forces and courts, and national", () => {
    expect(jurisdictionProblem({ kind: "national" })).toBeNull();
    expect(jurisdictionProblem({ kind: "forces", forces: ["07", "21"] })).toBeNull();
    expect(jurisdictionProblem({ kind: "courts", courts: ["B07ED"] })).toBeNull();
  });

  it("refuses an empty list and names the first unknown code", () => {
    expect(jurisdictionProblem({ kind: "forces", forces: [] })).toBe("no forces");
    expect(jurisdictionProblem({ kind: "forces", forces: ["07", "99", "98"] })).toBe('unknown force code "99"');
    expect(jurisdictionProblem({ kind: "courts", courts: [] })).toBe("no courts");
    expect(jurisdictionProblem({ kind: "courts", courts: ["B07ED", "ZZZZZ"] })).toBe('unknown court code "ZZZZZ"');
    // A force code is no court code, nor the other way round.
    expect(jurisdictionProblem({ kind: "courts", courts: ["07"] })).toBe('unknown court code "07"');
    expect(jurisdictionProblem({ kind: "forces", forces: ["B07ED"] })).toBe('unknown force code "B07ED"');
  });
});

describe("isPrincipal and findPrincipal", () => {
  it("accept each kind of jurisdiction, and refuse any part of the shape missing or wrong", () => {
    for (const principal of [NATIONAL, CHESHIRE_FORCE, CHESHIRE_COURT]) expect(isPrincipal(principal)).toBe(true);
    for (const value of [
      { ...NATIONAL, sub: undefined },
      { ...NATIONAL, scopes: "spo:read" },
      { ...NATIONAL, jurisdiction: null },
      { ...NATIONAL, jurisdiction: "national" },
      { scopes: [], jurisdiction: { kind: "national" } },
      { sub: "s", jurisdiction: { kind: "national" } },
      { sub: "s", scopes: [] },
      { ...NATIONAL, jurisdiction: { kind: "courts", courts: [] } },
    ]) {
      expect({ value, isPrincipal: isPrincipal(value) }).toEqual({ value, isPrincipal: false });
    }
    expect(findPrincipal({ principal: { ...NATIONAL, jurisdiction: null } })).toBeUndefined();
    expect(findPrincipal({ principal: { ...NATIONAL, jurisdiction: "national" } })).toBeUndefined();
    expect(findPrincipal({ principal: { ...NATIONAL, scopes: "x" } })).toBeUndefined();
    expect(findPrincipal({ principal: { ...NATIONAL, sub: 1 } })).toBeUndefined();
  });
});

describe("hasScope", () => {
  it("is exactly the scopes held", () => {
    expect(hasScope(as({ kind: "national" }, ["spo:read"]), "spo:read")).toBe(true);
    expect(hasScope(as({ kind: "national" }, ["spo:read"]), "spo:terms")).toBe(false);
  });
});
