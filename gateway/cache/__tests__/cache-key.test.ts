import { parse, print } from "graphql";
import type { Principal } from "../../../platform/identity/principal";
import { cacheKeyOf, canonicalJson, type CacheKeyParts } from "../cache-key";

const ANALYST: Principal = {
  sub: "analyst-1",
  persona: "national-analyst",
  scopes: ["stats:read", "spo:read"],
  jurisdiction: { kind: "national" },
  purpose: "x",
};
/** What the gateway keys on: the printed document (the response cache prints it once per document). */
const normalised = (source: string) => print(parse(source));

const BASE: CacheKeyParts = {
  documentText: normalised(`query S($from: Date!) { spoStatistics(from: $from, to: "2025-12-31", groupBy: NATIONAL) { scope } }`),
  operationName: "S",
  variables: { from: "2025-01-01" },
  principal: ANALYST,
  authorizationMode: "filter",
  generations: { statistics: "g1" },
  supergraph: "s1",
};

describe("the response cache key", () => {
  it("is the same for the same question from the same access shape: other subject or purpose, reordered scopes, forces or variables, other spacing", () => {
    const same = cacheKeyOf({
      ...BASE,
      documentText: normalised(`query S($from: Date!) {
        spoStatistics(from: $from, to: "2025-12-31", groupBy: NATIONAL) { scope } # a comment
      }`),
      principal: { ...ANALYST, sub: "analyst-2", purpose: "another reason", scopes: ["spo:read", "stats:read"] },
    });
    expect(same).toBe(cacheKeyOf(BASE));
    const forces = (forces: string[]) => cacheKeyOf({ ...BASE, principal: { ...ANALYST, jurisdiction: { kind: "forces", forces } } });
    expect(forces(["07", "21"])).toBe(forces(["21", "07"]));
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(canonicalJson({ a: { c: null, d: [2, 1] }, b: 1 }));
  });

  it("differs with anything that can change the answer", () => {
    const variants: Partial<CacheKeyParts>[] = [
      { documentText: normalised(`query S($from: Date!) { spoStatistics(from: $from, to: "2025-12-31", groupBy: REGION) { scope } }`) },
      { operationName: null },
      { variables: { from: "2025-01-02" } },
      { principal: { ...ANALYST, scopes: ["stats:read"] } },
      { principal: { ...ANALYST, persona: "reporting-dashboard" } },
      { principal: { ...ANALYST, persona: null } },
      { principal: { ...ANALYST, jurisdiction: { kind: "forces", forces: ["07"] } } },
      { principal: { ...ANALYST, jurisdiction: { kind: "forces", forces: ["07", "21"] } } },
      { principal: { ...ANALYST, jurisdiction: { kind: "courts", courts: ["07"] } } },
      { authorizationMode: "reject" },
      { generations: { statistics: "g2" } },
      { generations: {} },
      { supergraph: "s2" },
    ];
    const keys = new Set([cacheKeyOf(BASE), ...variants.map((variant) => cacheKeyOf({ ...BASE, ...variant }))]);
    expect(keys.size).toBe(variants.length + 1);
  });
});
