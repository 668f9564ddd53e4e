import fc from "fast-check";
import { checkTermsBreached, parseCrimeReference } from "../breach-report";
import type { TermContent, TermsDecision } from "../terms";

/** The terms a breach names (held to those in force on the day), and the crime reference's shape. */
const content: TermContent = {
  type: "PROHIBITION",
  category: "CONTACT",
  description: "Not to contact P",
  exclusionArea: null,
  until: null,
};
const DECISIONS: TermsDecision[] = [
  {
    decisionId: "made",
    decidedOn: "2026-01-10",
    effect: "make",
    changes: [
      { action: "MAKE", termId: "t1", content },
      { action: "MAKE", termId: "t2", content: { ...content, category: "LOCATION", until: "2026-06-01" } },
    ],
  },
  {
    decisionId: "varied",
    decidedOn: "2026-03-01",
    effect: "vary",
    changes: [{ action: "MAKE", termId: "t3", content: { ...content, category: "ONLINE" } }],
  },
];
const refused = (argument: string, reason: string) => ({ ok: false, argument, reason });

describe("checkTermsBreached", () => {
  it("accepts terms in force on the day the breach occurred", () => {
    expect(checkTermsBreached("BREACH_OF_ORDER", ["t1", "t2"], DECISIONS, "2026-02-01")).toEqual({ ok: true });
    expect(checkTermsBreached("BREACH_OF_ORDER", ["t3"], DECISIONS, "2026-03-01")).toEqual({ ok: true });
  });

  it("refuses terms not yet made, whose period had ended, or unknown", () => {
    expect(checkTermsBreached("BREACH_OF_ORDER", ["t1", "t3"], DECISIONS, "2026-02-28")).toEqual(
      refused("termsBreached", "not in force on 2026-02-28: t3"),
    );
    expect(checkTermsBreached("BREACH_OF_ORDER", ["t2", "t9"], DECISIONS, "2026-06-01")).toEqual(
      refused("termsBreached", "not in force on 2026-06-01: t2, t9"),
    );
  });

  it("takes no list as not stated, refuses an empty list or a term named twice for a breach of the order", () => {
    expect(checkTermsBreached("BREACH_OF_ORDER", null, DECISIONS, "2026-02-01")).toEqual({ ok: true });
    expect(checkTermsBreached("BREACH_OF_ORDER", [], DECISIONS, "2026-02-01")).toEqual(
      refused("termsBreached", "name at least one term breached, or leave termsBreached out"),
    );
    expect(checkTermsBreached("BREACH_OF_ORDER", ["t1", "t1"], DECISIONS, "2026-02-01")).toEqual(
      refused("termsBreached", "names a term more than once"),
    );
  });

  it.each(["NOTIFICATION_FAILURE", "FALSE_NOTIFICATION"] as const)("refuses terms for %s, an offence of s.11", (offenceType) => {
    expect(checkTermsBreached(offenceType, ["t1"], DECISIONS, "2026-02-01")).toEqual(
      refused("termsBreached", `${offenceType} is an offence against the notification requirements (s.11), not a breach of a term`),
    );
    expect(checkTermsBreached(offenceType, [], DECISIONS, "2026-02-01")).toEqual({ ok: true });
  });

  it("accepts exactly the terms termsInForceOn gives for the day (property)", () => {
    fc.assert(
      fc.property(fc.subarray(["t1", "t2", "t3", "t4"], { minLength: 1 }), fc.integer({ min: 0, max: 200 }), (termIds, offset) => {
        const day = new Date(Date.UTC(2026, 0, 1 + offset)).toISOString().slice(0, 10);
        const inForce = ["t1", "t2", "t3"].filter(
          (id) => day >= "2026-01-10" && (id !== "t2" || day < "2026-06-01") && (id !== "t3" || day >= "2026-03-01"),
        );
        expect(checkTermsBreached("BREACH_OF_ORDER", termIds, DECISIONS, day).ok).toBe(termIds.every((id) => inForce.includes(id)));
      }),
    );
  });
});

describe("parseCrimeReference", () => {
  const by = (reportingForceCode: string, occurredOn: string, reportedOn = occurredOn) => ({ reportingForceCode, occurredOn, reportedOn });

  it("accepts force code / serial / year, normalised", () => {
    expect(parseCrimeReference(" 07/0012345/26 ", by("07", "2026-02-01"))).toEqual({ ok: true, crimeReference: "07/0012345/26" });
    expect(parseCrimeReference("21/cri12345/26", by("21", "2026-02-01"))).toEqual({ ok: true, crimeReference: "21/CRI12345/26" });
    expect(parseCrimeReference("01/1/27", by("01", "2026-12-30", "2027-01-02"))).toMatchObject({ ok: true });
    expect(parseCrimeReference("01/ABCDEFGHIJ/26", by("01", "2026-12-30"))).toMatchObject({ ok: true });
    expect(parseCrimeReference("93/1/26", by("93", "2026-12-30"))).toMatchObject({ ok: true });
  });

  it.each(["07-0012345-26", "7/0012345/26", "07/0012345/2026", "07//26", "07/ABCDEFGHIJK/26", "07/00 12/26", "x07/1/26", ""])(
    "refuses %j, which is not of the form",
    (input) => {
      expect(parseCrimeReference(input, by("07", "2026-02-01"))).toEqual(
        refused("crimeReference", "must look like FF/SERIAL/YY: the force code, a serial of 1 to 10 letters or digits, the year recorded"),
      );
    },
  );

  it("refuses an unknown force, and another force's reference", () => {
    expect(parseCrimeReference("99/0012345/26", by("07", "2026-02-01"))).toEqual(refused("crimeReference", 'unknown force code "99"'));
    expect(parseCrimeReference("21/0012345/26", by("07", "2026-02-01"))).toEqual(
      refused("crimeReference", "begins with the code of Staffordshire Police (21); the breach is reported by Cheshire Constabulary"),
    );
  });

  it("reads the year in this century, between the breach and its report", () => {
    expect(parseCrimeReference("07/0012345/25", by("07", "2026-02-01"))).toEqual(
      refused("crimeReference", "recorded in 2025, before the breach occurred (2026-02-01)"),
    );
    // Not 1999, and not 2099 either: a reference is recorded by the day the breach is reported.
    expect(parseCrimeReference("07/0012345/99", by("07", "2026-02-01", "2026-03-01"))).toEqual(
      refused("crimeReference", "recorded in 2099, after the breach is reported (2026-03-01)"),
    );
    expect(parseCrimeReference("07/0012345/27", by("07", "2026-12-30", "2026-12-31"))).toEqual(
      refused("crimeReference", "recorded in 2027, after the breach is reported (2026-12-31)"),
    );
    expect(parseCrimeReference("07/0012345/00", by("07", "2026-02-01"))).toEqual(
      refused("crimeReference", "recorded in 2000, before the breach occurred (2026-02-01)"),
    );
    expect(parseCrimeReference("07/0012345/26", by("07", "2025-12-31", "2026-01-01"))).toMatchObject({ ok: true });
  });
});
