import {
  checkTermChanges,
  decisionsWithInitialTerms,
  initialDecisionId,
  TERM_CATEGORIES,
  termHistories,
  termsInForceOn,
  withoutText,
  type TermContent,
  type TermsDecision,
} from "../terms";
import { TermCategory, TermType } from "../vocabulary";

/**
 * The terms of an order decision by decision (s.2, s.4): what each kind of decision may do to them, what is in
 * force on a day, and each term's history. Refusals are compared in full.
 */
const content = (overrides: Partial<TermContent> = {}): TermContent => ({
  type: "PROHIBITION",
  category: "CONTACT",
  description: "Not to contact the protected person directly or indirectly",
  exclusionArea: null,
  until: null,
  ...overrides,
});

const MADE: TermsDecision = {
  decisionId: "made",
  decidedOn: "2026-01-10",
  effect: "make",
  changes: [
    { action: "MAKE", termId: "t1", content: content() },
    {
      action: "MAKE",
      termId: "t2",
      content: content({
        category: "LOCATION",
        description: "Not to enter Crewe town centre",
        exclusionArea: "Crewe",
        until: "2026-07-10",
      }),
    },
    {
      action: "MAKE",
      termId: "t3",
      content: content({ type: "REQUIREMENT", category: "REQUIREMENT_ASSESSMENT", description: "To attend a mental health assessment" }),
    },
  ],
};
const VARIED: TermsDecision = {
  decisionId: "varied",
  decidedOn: "2026-03-01",
  effect: "vary",
  changes: [
    { action: "VARY", termId: "t1", variation: { description: "Not to contact the protected person or her mother" } },
    { action: "REMOVE", termId: "t3" },
    {
      action: "MAKE",
      termId: "t4",
      content: content({ category: "ONLINE", description: "Not to post about the protected person online" }),
    },
  ],
};

const refused = (reason: string, argument = "terms") => ({ ok: false, argument, reason });
const ids = (decisions: TermsDecision[], day: string) => termsInForceOn(decisions, day).map((term) => term.termId);

describe("the terms in force on a day", () => {
  it("are none before the order is made, then those the decision made, from its day", () => {
    expect(ids([MADE], "2026-01-09")).toEqual([]);
    expect(ids([MADE], "2026-01-10")).toEqual(["t1", "t2", "t3"]);
  });

  it("lose a term on the day its own period ends (s.2(4)), like an order on its expiry day", () => {
    expect(ids([MADE], "2026-07-09")).toEqual(["t1", "t2", "t3"]);
    expect(ids([MADE], "2026-07-10")).toEqual(["t1", "t3"]);
  });

  it("follow a variation from its day: a term varied, one removed, one made", () => {
    expect(ids([MADE, VARIED], "2026-02-28")).toEqual(["t1", "t2", "t3"]);
    const after = termsInForceOn([MADE, VARIED], "2026-03-01");
    expect(after.map((term) => term.termId)).toEqual(["t1", "t2", "t4"]);
    expect(after[0]).toEqual({
      termId: "t1",
      ...content({ description: "Not to contact the protected person or her mother" }),
      madeBy: "made",
      madeOn: "2026-01-10",
      lastChangedBy: "varied",
      effectiveFrom: "2026-03-01",
    });
  });

  it("do not depend on the order the decisions are given in", () => {
    expect(termsInForceOn([VARIED, MADE], "2026-03-01")).toEqual(termsInForceOn([MADE, VARIED], "2026-03-01"));
  });

  it("put three decisions given in reverse in the order they took effect", () => {
    const later: TermsDecision = {
      decisionId: "later",
      decidedOn: "2026-05-01",
      effect: "vary",
      changes: [{ action: "REMOVE", termId: "t4" }],
    };
    expect(termsInForceOn([later, VARIED, MADE], "2026-05-01")).toEqual(termsInForceOn([MADE, VARIED, later], "2026-05-01"));
    expect(ids([later, VARIED, MADE], "2026-05-01")).toEqual(["t1", "t2"]);
  });

  it("take a variation's undefined keys as no change, and its period as the term's new period", () => {
    const extended: TermsDecision = {
      decisionId: "extended",
      decidedOn: "2026-06-01",
      effect: "extend",
      changes: [{ action: "VARY", termId: "t2", variation: { until: "2026-12-01", description: undefined } }],
    };
    expect(termsInForceOn([MADE, extended], "2026-08-01").find((term) => term.termId === "t2")).toMatchObject({
      description: "Not to enter Crewe town centre",
      until: "2026-12-01",
    });
  });
});

describe("a term's history", () => {
  it("is its content as made, then after each variation, and its removal", () => {
    const histories = termHistories([VARIED, MADE]);
    expect(histories.get("t1")).toEqual({
      termId: "t1",
      versions: [
        { ...content(), decisionId: "made", effectiveFrom: "2026-01-10" },
        {
          ...content({ description: "Not to contact the protected person or her mother" }),
          decisionId: "varied",
          effectiveFrom: "2026-03-01",
        },
      ],
      removed: null,
    });
    expect(histories.get("t3")!.removed).toEqual({ decisionId: "varied", on: "2026-03-01" });
    expect(histories.get("t4")!.versions).toHaveLength(1);
  });

  it("ignores what no rule would accept: a second making, a change to an unknown or removed term", () => {
    const stray: TermsDecision = {
      decisionId: "stray",
      decidedOn: "2026-04-01",
      effect: "vary",
      changes: [
        { action: "MAKE", termId: "t1", content: content({ description: "again" }) },
        { action: "VARY", termId: "t3", variation: { description: "after removal" } },
        { action: "REMOVE", termId: "t9" },
      ],
    };
    const histories = termHistories([MADE, VARIED, stray]);
    expect(histories.get("t1")!.versions.map((version) => version.decisionId)).toEqual(["made", "varied"]);
    expect(histories.get("t3")!.versions).toHaveLength(1);
    expect(histories.has("t9")).toBe(false);
  });
});

describe("which decisions set terms", () => {
  it.each(["none", "renew", "end"] as const)("a decision whose effect is %s sets none", (effect) => {
    const decision: TermsDecision = { decisionId: "d", decidedOn: "2026-03-01", effect, changes: [] };
    expect(checkTermChanges([MADE], decision)).toEqual({ ok: true });
    expect(checkTermChanges([MADE], { ...decision, changes: [{ action: "REMOVE", termId: "t1" }] })).toEqual(
      refused(`this decision makes, extends or varies no order (${effect}); it sets no terms`),
    );
  });

  it.each(["make", "makeFullSuperseding", "makeOnAppeal"] as const)(
    "a decision that makes an order (%s) sets at least one new term, and only new ones",
    (effect) => {
      expect(checkTermChanges([], { ...MADE, effect })).toEqual({ ok: true });
      expect(checkTermChanges([], { ...MADE, effect, changes: [] })).toEqual(
        refused("an order prohibits or requires something (s.1(2)): give at least one term"),
      );
      expect(checkTermChanges([MADE], { ...MADE, decisionId: "again", effect })).toEqual(
        refused("the order already has terms: the decision that makes it sets its first"),
      );
      expect(checkTermChanges([], { ...MADE, effect, changes: [{ action: "REMOVE", termId: "t1" }] })).toEqual(
        refused("a decision that makes an order makes its terms; it cannot remove term t1"),
      );
      expect(
        checkTermChanges([], { ...MADE, effect, changes: [{ action: "VARY", termId: "t1", variation: { description: "x" } }] }),
      ).toEqual(refused("a decision that makes an order makes its terms; it cannot vary term t1"));
    },
  );

  it("a variation or extension changes terms in force only, and leaves at least one", () => {
    expect(checkTermChanges([MADE], VARIED)).toEqual({ ok: true });
    expect(checkTermChanges([MADE], { ...VARIED, effect: "extend" })).toEqual({ ok: true });
    expect(checkTermChanges([MADE], { ...VARIED, changes: [{ action: "REMOVE", termId: "t9" }] })).toEqual(
      refused("term t9 is not in force on 2026-03-01"),
    );
    expect(
      checkTermChanges([MADE], {
        ...VARIED,
        decidedOn: "2026-08-01",
        changes: [{ action: "VARY", termId: "t2", variation: { until: "2027-01-01" } }],
      }),
    ).toEqual(refused("term t2 is not in force on 2026-08-01"));
    const removeAll: TermsDecision = { ...VARIED, changes: ["t1", "t2", "t3"].map((termId) => ({ action: "REMOVE" as const, termId })) };
    expect(checkTermChanges([MADE], removeAll)).toEqual(
      refused("the order would have no term in force: discharge it instead of removing every term"),
    );
    expect(checkTermChanges([], { ...VARIED, changes: [] })).toEqual({ ok: true });
  });

  it("refuses a term changed twice, made twice, or a variation that changes nothing", () => {
    expect(
      checkTermChanges([MADE], {
        ...VARIED,
        changes: [
          { action: "REMOVE", termId: "t1" },
          { action: "VARY", termId: "t1", variation: { description: "x" } },
        ],
      }),
    ).toEqual(refused("term t1 is changed twice by one decision"));
    expect(checkTermChanges([MADE], { ...VARIED, changes: [{ action: "MAKE", termId: "t2", content: content() }] })).toEqual(
      refused("term t2 already exists: vary it instead"),
    );
    expect(
      checkTermChanges([MADE], { ...VARIED, changes: [{ action: "VARY", termId: "t1", variation: { description: undefined } }] }),
    ).toEqual(refused("a variation of term t1 changes nothing"));
  });

  it("refuses a decision dated before one already recorded", () => {
    expect(checkTermChanges([MADE, VARIED], { ...VARIED, decisionId: "late", decidedOn: "2026-02-01", changes: [] })).toEqual(
      refused("terms change in the order of decisions: a decision of 2026-03-01 is already recorded; got 2026-02-01", "decidedOn"),
    );
    expect(checkTermChanges([VARIED, MADE], { ...VARIED, decisionId: "late", decidedOn: "2026-02-01", changes: [] })).toMatchObject({
      argument: "decidedOn",
    });
    expect(checkTermChanges([MADE, VARIED], { ...VARIED, decisionId: "same-day", changes: [{ action: "REMOVE", termId: "t4" }] })).toEqual({
      ok: true,
    });
  });
});

describe("a term's content", () => {
  const making = (overrides: Partial<TermContent>): TermsDecision => ({
    ...MADE,
    changes: [{ action: "MAKE", termId: "t1", content: content(overrides) }],
  });

  it("has a description, a known type and category, and a category of its type", () => {
    expect(checkTermChanges([], making({ description: "  " }))).toEqual(
      refused("term t1: the description says what is prohibited or required"),
    );
    expect(checkTermChanges([], making({ type: "ADVICE" as never }))).toEqual(refused("term t1: unknown type ADVICE"));
    expect(checkTermChanges([], making({ category: "NOISE" as never }))).toEqual(refused("term t1: unknown category NOISE"));
    expect(checkTermChanges([], making({ type: "REQUIREMENT", category: "CONTACT" }))).toEqual(
      refused("term t1: CONTACT is a category of prohibitions, not of requirements"),
    );
    expect(checkTermChanges([], making({ category: "REQUIREMENT_PROGRAMME" }))).toEqual(
      refused("term t1: REQUIREMENT_PROGRAMME is a category of requirements, not of prohibitions"),
    );
    expect(checkTermChanges([], making({ type: "REQUIREMENT", category: "OTHER" }))).toEqual({ ok: true });
    expect(checkTermChanges([], making({ category: "OTHER" }))).toEqual({ ok: true });
  });

  it("keeps its category of its type when varied", () => {
    expect(
      checkTermChanges([MADE], { ...VARIED, changes: [{ action: "VARY", termId: "t3", variation: { category: "APPROACH" } }] }),
    ).toEqual(refused("term t3: APPROACH is a category of prohibitions, not of requirements"));
    expect(
      checkTermChanges([MADE], {
        ...VARIED,
        changes: [{ action: "VARY", termId: "t3", variation: { category: "REQUIREMENT_PROGRAMME" } }],
      }),
    ).toEqual({ ok: true });
  });

  it("has a period of its own that ends after the day of the decision, if it has one", () => {
    expect(checkTermChanges([], making({ until: "2026-01-10" }))).toEqual(
      refused("term t1: its period ends after the day of the decision (2026-01-10); got 2026-01-10"),
    );
    expect(checkTermChanges([], making({ until: "2026-02-30" }))).toEqual(
      refused("term t1: its period ends after the day of the decision (2026-01-10); got 2026-02-30"),
    );
    expect(checkTermChanges([], making({ until: "2026-01-11" }))).toEqual({ ok: true });
    expect(
      checkTermChanges([MADE], { ...VARIED, changes: [{ action: "VARY", termId: "t1", variation: { until: "2026-03-01" } }] }),
    ).toEqual(refused("term t1: its period ends after the day of the decision (2026-03-01); got 2026-03-01"));
    expect(checkTermChanges([MADE], { ...VARIED, changes: [{ action: "VARY", termId: "t2", variation: { until: null } }] })).toEqual({
      ok: true,
    });
  });

  it("is one of a closed list of categories for national counting", () => {
    expect(TERM_CATEGORIES).toEqual([
      "CONTACT",
      "APPROACH",
      "LOCATION",
      "ONLINE",
      "THIRD_PARTY",
      "REQUIREMENT_ASSESSMENT",
      "REQUIREMENT_PROGRAMME",
      "OTHER",
    ]);
  });
});

describe("terms held before decisions were recorded, and the copy without text", () => {
  const rows = [
    { category: "REQUIREMENT" as const, position: 0, description: "To attend an assessment", exclusionArea: null },
    { category: "PROHIBITION" as const, position: 0, description: "Not to enter Crewe", exclusionArea: "Crewe" },
  ];

  it("makes a made order's initial rows by its making decision, prohibitions first, category OTHER; an order not made has none", () => {
    const [initial] = decisionsWithInitialTerms({ id: "o1", madeOn: "2025-03-03" }, rows, []);
    expect(initial).toMatchObject({ decisionId: initialDecisionId("o1"), decidedOn: "2025-03-03", effect: "make" });
    expect(termsInForceOn([initial], "2025-03-03").map((term) => [term.termId, term.type, term.category])).toEqual([
      ["o1/p0", "PROHIBITION", "OTHER"],
      ["o1/r0", "REQUIREMENT", "OTHER"],
    ]);
    expect(decisionsWithInitialTerms({ id: "o1", madeOn: null }, rows, [])).toEqual([]);
  });

  it("leaves the initial rows out once a recorded decision made the order (its terms are that decision's)", () => {
    const made: TermsDecision = { decisionId: "h1", decidedOn: "2025-03-03", effect: "make", changes: [] };
    expect(decisionsWithInitialTerms({ id: "o1", madeOn: "2025-03-03" }, rows, [made])).toEqual([made]);
  });

  it("copies no description or exclusion area, and keeps which terms are in force", () => {
    const decisions = decisionsWithInitialTerms({ id: "o1", madeOn: "2025-03-03" }, rows, []);
    const copy = withoutText(decisions);
    expect(JSON.stringify(copy)).not.toMatch(/Crewe|assessment/);
    expect(termsInForceOn(copy, "2026-01-01").map((term) => term.termId)).toEqual(["o1/p0", "o1/r0"]);
  });
});

it("the contract's enums hold the same lists as the rules", () => {
  expect(Object.values(TermCategory)).toEqual(TERM_CATEGORIES);
  expect(Object.values(TermType)).toEqual(["PROHIBITION", "REQUIREMENT"]);
});
