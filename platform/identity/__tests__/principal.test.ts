import { findPrincipal, isPrincipal, principalOf, type Principal } from "../principal";

const principal: Principal = {
  sub: "officer-1",
  persona: "force-officer",
  scopes: ["spo:read"],
  jurisdiction: { kind: "forces", forces: ["07"] },
  purpose: null,
};

describe("the principal of a request context", () => {
  it("is read from any context that carries one, without a cast at the caller", () => {
    expect(findPrincipal({ principal, db: {} })).toBe(principal);
    expect(principalOf({ principal })).toBe(principal);
  });

  it("is absent from a context without one, or with something else in its place", () => {
    for (const context of [
      undefined,
      null,
      "principal",
      {},
      { principal: null },
      { principal: { sub: 1, scopes: [], jurisdiction: {} } },
    ]) {
      expect(findPrincipal(context)).toBeUndefined();
    }
  });

  it("is required by principalOf: a context without one is an internal fault, not a caller to serve", () => {
    expect(() => principalOf({})).toThrow("The request context carries no principal");
  });

  it("from outside (an assertion's claims) must name real forces and courts", () => {
    expect(isPrincipal(principal)).toBe(true);
    expect(isPrincipal({ ...principal, jurisdiction: { kind: "forces", forces: ["99"] } })).toBe(false);
    expect(isPrincipal({ ...principal, jurisdiction: { kind: "everyone" } })).toBe(false);
    expect(isPrincipal({ ...principal, scopes: [1] })).toBe(false);
  });
});
