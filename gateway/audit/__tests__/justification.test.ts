import { checkJustification, isServicePersona, justificationOf } from "../justification";
import type { Principal } from "../../../platform/identity/principal";

describe("a justification says something", () => {
  it("is at least the minimum length, with a letter or digit, without control characters, at most 500 characters", () => {
    expect(checkJustification("risk check")).toBeNull();
    expect(checkJustification("complaint 2026/118")).toBeNull();
    expect(checkJustification("évaluation")).toBeNull();
    expect(checkJustification("2026/11/18")).toBeNull();
    for (const text of [".", "checking", "---------- ...", "          "])
      expect(checkJustification(text)).toMatch(/too short.*at least 10/);
    expect(checkJustification("risk check\u0000")).toMatch(/control characters/);
    expect(checkJustification("x".repeat(501))).toMatch(/longer than 500/);
    expect(checkJustification("abc", 3)).toBeNull();
  });

  it("refuses a lone surrogate, high or low, anywhere, and accepts a character outside the BMP written as its pair", () => {
    expect(checkJustification("risk check \u{1F4DD} noted")).toBeNull();
    expect(checkJustification("\u{1F4DD} risk check noted")).toBeNull();
    for (const text of ["risk check \uD83D noted", "risk check noted \uD83D", "risk check \uDCDD noted", "\uDCDDrisk check noted"]) {
      expect(checkJustification(text)).toMatch(/control characters/);
    }
  });

  it("the header wins over the token's purpose; blank is none; a given one must pass whatever the persona", () => {
    const principal = { purpose: "quarterly review" } as Principal;
    const headers = (value: string | null) => ({ get: () => value });
    expect(justificationOf(principal, headers("incident 21/4471"))).toEqual({ ok: true, justification: "incident 21/4471" });
    expect(justificationOf(principal, headers("   "))).toEqual({ ok: true, justification: "quarterly review" });
    expect(justificationOf({ purpose: null } as Principal, headers(null))).toEqual({ ok: true, justification: null });
    expect(justificationOf(principal, headers("."))).toEqual({ ok: false, problem: expect.stringMatching(/too short/) });
  });
});

describe("isServicePersona", () => {
  // Service personas are systems held to a trusted-document manifest; a person's tool is not.
  it.each([
    ["court-listing", true],
    ["reporting-dashboard", true],
    ["national-analyst", false],
    ["regional-officer", false],
    ["force-officer", false],
    ["auditor", false],
  ])("%s is a service persona: %s", (persona, expected) => {
    expect(isServicePersona(persona)).toBe(expected);
  });

  it("is false for no persona and for one the persona list does not know, or inherits from Object", () => {
    expect(isServicePersona(null)).toBe(false);
    expect(isServicePersona("court-listing-svc")).toBe(false);
    expect(isServicePersona("constructor")).toBe(false);
  });
});
