import fc from "fast-check";
import { APPEALABLE, checkAppealOutcome, type Appeal, type AppealDecision, type Appellant } from "../appeals";
import { checkHearingOutcome } from "../court-decisions";
import { orderFacts as order } from "./support/order-facts";

/** Appeals to the Crown Court (s.7): who may appeal against what, and what each outcome does to the order. */
const DAY = "2026-03-01";
const IN_FORCE = order();
const REFUSED = order({ madeOn: null, expiresOn: null, endedOn: "2026-02-01", endReason: "REFUSED" });
const INTERIM_REFUSED = order({ kind: "INTERIM", madeOn: null, expiresOn: null, endedOn: "2026-02-01", endReason: "REFUSED" });
const DISCHARGED = order({ endedOn: "2026-02-01", endReason: "DISCHARGED" });

const appeal = (overrides: Partial<Appeal> = {}): Appeal => ({
  against: "ORDER_MADE",
  appellant: "DEFENDANT",
  section4ApplicationBy: null,
  courtCode: "C07CH",
  ...overrides,
});
const decided = (outcome: AppealDecision["outcome"], expiry: AppealDecision["expiry"] = null): AppealDecision => ({ outcome, expiry });
const refused = (argument: string, reason: string) => ({ ok: false, argument, reason });
const ok = (effect: object, recordedDecision: string) => ({ ok: true, effect, recordedDecision });

describe("the court of an appeal", () => {
  it("is a Crown Court", () => {
    expect(checkAppealOutcome(appeal({ courtCode: "B07ED" }), decided("DISMISSED"), DAY, IN_FORCE)).toEqual(
      refused("courtCode", "an appeal is to the Crown Court (s.7); Crewe (South Cheshire) Magistrates' Court is not"),
    );
    expect(checkAppealOutcome(appeal({ courtCode: "C99XX" }), decided("DISMISSED"), DAY, IN_FORCE)).toEqual(
      refused("courtCode", 'unknown court code "C99XX"'),
    );
  });
});

describe("who may appeal against what (s.7(1)-(3))", () => {
  /** Written out from the section, not read from the code: [against, applied for by, appellants]. */
  const STANDING: [Appeal["against"], Appeal["section4ApplicationBy"], Appellant[]][] = [
    ["ORDER_MADE", null, ["DEFENDANT"]],
    ["INTERIM_ORDER_MADE", null, ["DEFENDANT"]],
    ["ORDER_REFUSED", null, ["APPLICANT_CHIEF_OFFICER"]],
    ["INTERIM_ORDER_REFUSED", null, ["APPLICANT_CHIEF_OFFICER"]],
    ["SECTION_4_ORDER", "CHIEF_OFFICER", ["DEFENDANT"]],
    ["SECTION_4_ORDER", "DEFENDANT", ["RELEVANT_CHIEF_OFFICER"]],
    ["SECTION_4_REFUSED", "CHIEF_OFFICER", ["APPLICANT_CHIEF_OFFICER"]],
    ["SECTION_4_REFUSED", "DEFENDANT", ["DEFENDANT"]],
  ];
  const APPELLANTS: Appellant[] = ["DEFENDANT", "APPLICANT_CHIEF_OFFICER", "RELEVANT_CHIEF_OFFICER"];

  it("covers every decision that can be appealed", () => {
    expect(new Set(STANDING.map(([against]) => against))).toEqual(new Set(APPEALABLE));
  });

  it.each(
    STANDING.flatMap(([against, by, may]) => APPELLANTS.map((appellant) => [against, by, appellant, may.includes(appellant)] as const)),
  )("against %s (applied for by %s), the %s may appeal: %s", (against, section4ApplicationBy, appellant, may) => {
    const result = checkAppealOutcome(appeal({ against, section4ApplicationBy, appellant }), decided("ABANDONED"), DAY, IN_FORCE);
    if (may) expect(result).toEqual(ok({ kind: "none" }, "APPLICATION_WITHDRAWN"));
    else expect(result).toMatchObject({ ok: false, argument: "appellant" });
  });

  it("names the appellant and the decision when refusing", () => {
    expect(checkAppealOutcome(appeal({ appellant: "APPLICANT_CHIEF_OFFICER" }), decided("DISMISSED"), DAY, IN_FORCE)).toEqual(
      refused("appellant", "the applicant chief officer may not appeal against order made (s.7)"),
    );
    expect(
      checkAppealOutcome(
        appeal({ against: "SECTION_4_ORDER", section4ApplicationBy: "CHIEF_OFFICER", appellant: "RELEVANT_CHIEF_OFFICER" }),
        decided("DISMISSED"),
        DAY,
        IN_FORCE,
      ),
    ).toEqual(
      refused(
        "appellant",
        "the relevant chief officer may not appeal against a section 4 order on the application of the chief officer (s.7)",
      ),
    );
  });

  it("says who applied for a section 4 order, and only for one", () => {
    expect(checkAppealOutcome(appeal({ against: "SECTION_4_ORDER" }), decided("DISMISSED"), DAY, IN_FORCE)).toEqual(
      refused("section4ApplicationBy", "say who applied for the section 4 order appealed against"),
    );
    expect(checkAppealOutcome(appeal({ section4ApplicationBy: "DEFENDANT" }), decided("DISMISSED"), DAY, IN_FORCE)).toEqual(
      refused("section4ApplicationBy", "only an appeal about a section 4 order has one"),
    );
  });
});

describe("what an appeal's outcome does", () => {
  it("dismissed or abandoned, leaves the order as it was, and sets no expiry", () => {
    expect(checkAppealOutcome(appeal(), decided("DISMISSED"), DAY, IN_FORCE)).toEqual(ok({ kind: "none" }, "APPLICATION_REFUSED"));
    expect(
      checkAppealOutcome(appeal(), decided("DISMISSED", { expiresOn: "2029-01-01", untilFurtherOrder: false }), DAY, IN_FORCE),
    ).toEqual(refused("expiresOn", "an appeal dismissed sets no expiry"));
    expect(checkAppealOutcome(appeal(), decided("ABANDONED", { expiresOn: null, untilFurtherOrder: true }), DAY, IN_FORCE)).toEqual(
      refused("untilFurtherOrder", "an appeal abandoned sets no expiry"),
    );
  });

  it("allowed against the making of an order, quashes it; varied, varies it", () => {
    expect(checkAppealOutcome(appeal(), decided("ALLOWED"), DAY, IN_FORCE)).toEqual(
      ok({ kind: "end", reason: "DISCHARGED", onAppeal: true }, "ORDER_DISCHARGED"),
    );
    const expiry = { expiresOn: "2027-06-01", untilFurtherOrder: false };
    expect(checkAppealOutcome(appeal(), decided("ALLOWED", expiry), DAY, IN_FORCE)).toEqual(
      refused("expiresOn", "a quashed order sets no expiry"),
    );
    expect(checkAppealOutcome(appeal(), decided("ALLOWED", { expiresOn: null, untilFurtherOrder: true }), DAY, IN_FORCE)).toEqual(
      refused("untilFurtherOrder", "a quashed order sets no expiry"),
    );
    expect(checkAppealOutcome(appeal(), decided("VARIED", expiry), DAY, IN_FORCE)).toEqual(
      ok({ kind: "vary", onAppeal: true, expiry }, "ORDER_VARIED"),
    );
    expect(checkAppealOutcome(appeal(), decided("VARIED"), DAY, IN_FORCE)).toEqual(
      ok({ kind: "vary", onAppeal: true, expiry: null }, "ORDER_VARIED"),
    );
    expect(checkAppealOutcome(appeal(), decided("ALLOWED"), DAY, DISCHARGED)).toEqual(
      refused("outcome", "the full order is DISCHARGED on 2026-03-01: only an order in force is quashed or varied on appeal"),
    );
  });

  it("allowed against a refusal, makes the order refused, with the expiry rules of making it", () => {
    const twoYears = { expiresOn: "2028-03-01", untilFurtherOrder: false };
    const appealOfRefusal = appeal({ against: "ORDER_REFUSED", appellant: "APPLICANT_CHIEF_OFFICER" });
    expect(checkAppealOutcome(appealOfRefusal, decided("ALLOWED", twoYears), DAY, REFUSED)).toEqual(
      ok({ kind: "makeOnAppeal", orderKind: "FULL", expiry: twoYears }, "FULL_ORDER_MADE"),
    );
    expect(checkAppealOutcome(appealOfRefusal, decided("ALLOWED"), DAY, REFUSED)).toEqual(
      refused("expiresOn", "a full order needs expiresOn, or untilFurtherOrder: true"),
    );
    expect(
      checkAppealOutcome(appealOfRefusal, decided("ALLOWED", { expiresOn: "2028-02-29", untilFurtherOrder: false }), DAY, REFUSED),
    ).toEqual(
      refused(
        "expiresOn",
        "a full order has effect for at least 2 years (Stalking Protection Act 2019 s.3): on or after 2028-03-01; got 2028-02-29",
      ),
    );
    expect(checkAppealOutcome(appealOfRefusal, decided("VARIED", twoYears), DAY, REFUSED)).toEqual(
      refused("outcome", "a refusal is reversed or upheld: an appeal against it is ALLOWED or DISMISSED, not VARIED"),
    );
    expect(checkAppealOutcome(appealOfRefusal, decided("ALLOWED", twoYears), DAY, IN_FORCE)).toEqual(
      refused("outcome", "the order appealed for is IN_FORCE on 2026-03-01, not REFUSED"),
    );
  });

  it("allowed against the refusal of an interim order, makes one until the full application is determined", () => {
    const appealOfRefusal = appeal({ against: "INTERIM_ORDER_REFUSED", appellant: "APPLICANT_CHIEF_OFFICER" });
    expect(checkAppealOutcome(appealOfRefusal, decided("ALLOWED"), DAY, INTERIM_REFUSED)).toEqual(
      ok({ kind: "makeOnAppeal", orderKind: "INTERIM", expiry: { expiresOn: null, untilFurtherOrder: false } }, "INTERIM_ORDER_MADE"),
    );
    expect(
      checkAppealOutcome(appealOfRefusal, decided("ALLOWED", { expiresOn: "2026-03-02", untilFurtherOrder: false }), DAY, INTERIM_REFUSED),
    ).toMatchObject({ ok: true });
    expect(
      checkAppealOutcome(appealOfRefusal, decided("ALLOWED", { expiresOn: null, untilFurtherOrder: true }), DAY, INTERIM_REFUSED),
    ).toEqual(refused("untilFurtherOrder", "an interim order lasts until the full application is determined, not until further order"));
    expect(
      checkAppealOutcome(appealOfRefusal, decided("ALLOWED", { expiresOn: DAY, untilFurtherOrder: false }), DAY, INTERIM_REFUSED),
    ).toEqual(refused("expiresOn", "must be after the day of the decision (2026-03-01); got 2026-03-01"));
    expect(
      checkAppealOutcome(appealOfRefusal, decided("ALLOWED", { expiresOn: "2027-01-01", untilFurtherOrder: true }), DAY, INTERIM_REFUSED),
    ).toEqual(refused("untilFurtherOrder", "give either expiresOn or untilFurtherOrder: true, not both"));
  });

  it("on a section 4 order: allowed or varied, varies the order; allowed against a discharge, reinstates it", () => {
    const variation = appeal({ against: "SECTION_4_ORDER", section4ApplicationBy: "CHIEF_OFFICER" });
    expect(checkAppealOutcome(variation, decided("ALLOWED"), DAY, IN_FORCE)).toEqual(
      ok({ kind: "vary", onAppeal: true, expiry: null }, "ORDER_VARIED"),
    );
    const discharge = appeal({ against: "SECTION_4_ORDER", section4ApplicationBy: "DEFENDANT", appellant: "RELEVANT_CHIEF_OFFICER" });
    expect(checkAppealOutcome(discharge, decided("ALLOWED"), DAY, DISCHARGED)).toEqual(ok({ kind: "reinstate" }, "ORDER_VARIED"));
    expect(
      checkAppealOutcome(discharge, decided("ALLOWED", { expiresOn: "2029-01-01", untilFurtherOrder: false }), DAY, DISCHARGED),
    ).toEqual(refused("expiresOn", "a reinstated order keeps its expiry"));
    expect(checkAppealOutcome(discharge, decided("VARIED"), DAY, DISCHARGED)).toMatchObject({ ok: false, argument: "outcome" });
  });

  it("holds a varied full order to two years from the day it was made, not from the appeal", () => {
    const fromMaking = { expiresOn: "2027-01-10", untilFurtherOrder: false };
    expect(checkAppealOutcome(appeal(), decided("VARIED", fromMaking), DAY, IN_FORCE)).toMatchObject({ ok: true });
    expect(checkAppealOutcome(appeal(), decided("VARIED", { expiresOn: "2027-01-09", untilFurtherOrder: false }), DAY, IN_FORCE)).toEqual(
      refused(
        "expiresOn",
        "a full order has effect for at least 2 years (Stalking Protection Act 2019 s.3): on or after 2027-01-10; got 2027-01-09",
      ),
    );
  });
});

describe("any appeal outcome (property)", () => {
  it("moves the order only when the appeal is allowed or varied", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...APPEALABLE),
        fc.constantFrom<Appellant>("DEFENDANT", "APPLICANT_CHIEF_OFFICER", "RELEVANT_CHIEF_OFFICER"),
        fc.constantFrom<"CHIEF_OFFICER" | "DEFENDANT">("CHIEF_OFFICER", "DEFENDANT"),
        fc.constantFrom("ALLOWED", "DISMISSED", "VARIED", "ABANDONED" as const),
        fc.constantFrom(IN_FORCE, REFUSED, INTERIM_REFUSED, DISCHARGED),
        (against, appellant, by, outcome, facts) => {
          const section4ApplicationBy = against.startsWith("SECTION_4") ? by : null;
          const result = checkAppealOutcome(appeal({ against, appellant, section4ApplicationBy }), decided(outcome), DAY, facts);
          if (result.ok && (outcome === "DISMISSED" || outcome === "ABANDONED")) expect(result.effect).toEqual({ kind: "none" });
          if (result.ok && result.effect.kind !== "none") expect(["ALLOWED", "VARIED"]).toContain(outcome);
        },
      ),
    );
  });
});

describe("an appeal outcome and the hearings' rule book", () => {
  const EXPIRIES: AppealDecision["expiry"][] = [
    null,
    { expiresOn: null, untilFurtherOrder: true },
    { expiresOn: "2026-03-02", untilFurtherOrder: false },
    { expiresOn: "2027-01-09", untilFurtherOrder: false },
    { expiresOn: "2028-03-01", untilFurtherOrder: false },
  ];
  const EXPIRED = order({ madeOn: "2022-01-10", expiresOn: "2024-01-10" });

  it("is accepted by checkHearingOutcome, at an APPEAL hearing, as the decision it is recorded as, with the same effect", () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...APPEALABLE),
        fc.constantFrom<Appellant>("DEFENDANT", "APPLICANT_CHIEF_OFFICER", "RELEVANT_CHIEF_OFFICER"),
        fc.constantFrom<"CHIEF_OFFICER" | "DEFENDANT">("CHIEF_OFFICER", "DEFENDANT"),
        fc.constantFrom("ALLOWED", "DISMISSED", "VARIED", "ABANDONED" as const),
        fc.constantFrom(...EXPIRIES),
        fc.constantFrom(
          IN_FORCE,
          REFUSED,
          INTERIM_REFUSED,
          DISCHARGED,
          EXPIRED,
          order({ kind: "INTERIM", madeOn: "2026-01-10", expiresOn: null }),
        ),
        (against, appellant, by, outcome, expiry, facts) => {
          const section4ApplicationBy = against.startsWith("SECTION_4") ? by : null;
          const result = checkAppealOutcome(appeal({ against, appellant, section4ApplicationBy }), decided(outcome, expiry), DAY, facts);
          if (!result.ok) return;
          accepted++;
          const recorded = checkHearingOutcome(
            { type: "APPEAL", courtCode: "C07CH", orderId: facts.id, breachId: null },
            {
              status: "HEARD",
              decision: result.recordedDecision,
              expiresOn: expiry?.expiresOn ?? null,
              untilFurtherOrder: expiry?.untilFurtherOrder ?? null,
            },
            DAY,
            facts,
          );
          expect(recorded).toEqual({ ok: true, orderEffect: result.effect, breachDecision: null });
        },
      ),
      { numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(0);
  });

  it("records an order made on appeal and a reinstatement as decisions an APPEAL hearing can reach", () => {
    const appealOfRefusal = appeal({ against: "ORDER_REFUSED", appellant: "APPLICANT_CHIEF_OFFICER" });
    const made = checkAppealOutcome(
      appealOfRefusal,
      decided("ALLOWED", { expiresOn: "2028-03-01", untilFurtherOrder: false }),
      DAY,
      REFUSED,
    );
    expect(made).toMatchObject({ ok: true, recordedDecision: "FULL_ORDER_MADE" });
    expect(
      checkHearingOutcome(
        { type: "APPEAL", courtCode: "C07CH", orderId: REFUSED.id, breachId: null },
        { status: "HEARD", decision: "FULL_ORDER_MADE", expiresOn: "2028-03-01", untilFurtherOrder: null },
        DAY,
        REFUSED,
      ),
    ).toMatchObject({ ok: true, orderEffect: { kind: "makeOnAppeal" } });
    const discharge = appeal({ against: "SECTION_4_ORDER", section4ApplicationBy: "DEFENDANT", appellant: "RELEVANT_CHIEF_OFFICER" });
    expect(checkAppealOutcome(discharge, decided("ALLOWED"), DAY, DISCHARGED)).toMatchObject({
      ok: true,
      recordedDecision: "ORDER_VARIED",
    });
    expect(
      checkHearingOutcome(
        { type: "APPEAL", courtCode: "C07CH", orderId: DISCHARGED.id, breachId: null },
        { status: "HEARD", decision: "ORDER_VARIED", expiresOn: null, untilFurtherOrder: null },
        DAY,
        DISCHARGED,
      ),
    ).toMatchObject({ ok: true, orderEffect: { kind: "reinstate" } });
  });
});
