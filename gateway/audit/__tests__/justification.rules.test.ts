import { justificationOf, justificationRequired, MAX_JUSTIFICATION_LENGTH, recipientOf } from "../justification";
import type { Principal } from "../../../platform/identity/principal";

/** Who must justify a consultation, who receives it on behalf of a system, and what counts as the justification. */
const principal = (persona: string | null, purpose: string | null = null): Principal => ({
  sub: `sub-${persona}`,
  persona,
  scopes: [],
  jurisdiction: { kind: "national" },
  purpose,
});
const headers = (value: string | null) => ({ get: (name: string) => (name === "x-justification" ? value : null) });

describe("justificationRequired", () => {
  it("follows schema/personas.json: every persona but the statistics dashboard must justify", () => {
    for (const persona of ["national-analyst", "regional-officer", "force-officer", "court-listing", "auditor"]) {
      expect({ persona, required: justificationRequired(persona) }).toEqual({ persona, required: true });
    }
    expect(justificationRequired("reporting-dashboard")).toBe(false);
  });

  it("fails closed for a caller of no known persona, or of a name only an object has", () => {
    expect(justificationRequired(null)).toBe(true);
    expect(justificationRequired("somebody")).toBe(true);
    expect(justificationRequired("constructor")).toBe(true);
    expect(justificationRequired("toString")).toBe(true);
  });
});

describe("recipientOf", () => {
  it("is the service itself for a service persona, and nobody else for a person", () => {
    expect(recipientOf(principal("court-listing"))).toBe("sub-court-listing");
    expect(recipientOf(principal("reporting-dashboard"))).toBe("sub-reporting-dashboard");
    expect(recipientOf(principal("force-officer"))).toBeNull();
    expect(recipientOf(principal(null))).toBeNull();
    expect(recipientOf(principal("hasOwnProperty"))).toBeNull();
  });
});

describe("justificationOf", () => {
  it("prefers the request's x-justification header, trimmed, over the token's purpose", () => {
    expect(justificationOf(principal("force-officer", "token purpose"), headers("  case 123/2026  "))).toEqual({
      ok: true,
      justification: "case 123/2026",
    });
  });

  it("falls back to the token's purpose, trimmed, when the header is absent or blank", () => {
    expect(justificationOf(principal("force-officer", " token purpose "), headers(null))).toEqual({
      ok: true,
      justification: "token purpose",
    });
    expect(justificationOf(principal("force-officer", "token purpose"), headers("   "))).toEqual({
      ok: true,
      justification: "token purpose",
    });
    expect(justificationOf(principal("force-officer", "token purpose"), undefined)).toEqual({ ok: true, justification: "token purpose" });
  });

  it("is none when neither gives any text", () => {
    expect(justificationOf(principal("force-officer", "   "), headers(""))).toEqual({ ok: true, justification: null });
    expect(justificationOf(principal("force-officer", null), undefined)).toEqual({ ok: true, justification: null });
  });

  it(`is refused over ${MAX_JUSTIFICATION_LENGTH} characters, and accepted at exactly that`, () => {
    expect(MAX_JUSTIFICATION_LENGTH).toBe(500);
    expect(justificationOf(principal("force-officer"), headers("x".repeat(500)))).toEqual({ ok: true, justification: "x".repeat(500) });
    expect(justificationOf(principal("force-officer"), headers("x".repeat(501)))).toEqual({
      ok: false,
      problem: "The justification is longer than 500 characters",
    });
    expect(justificationOf(principal("force-officer", "y".repeat(501)), undefined)).toMatchObject({ ok: false });
  });
});
