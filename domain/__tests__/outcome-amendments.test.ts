import fc from "fast-check";
import { checkHearingOutcome, type HearingOutcome } from "../court-decisions";
import { orderFacts } from "./support/order-facts";
import { amendHearingOutcome, type RecordedOutcome } from "../outcome-amendments";

/** A correction of a recorded outcome: a reason, a real change, the same rule book, the original kept. */
const DAY = "2026-03-01";
const FULL_APPLIED = orderFacts({ appliedOn: "2026-01-10", madeOn: null, expiresOn: null, version: 1 });
const heard = (overrides: Partial<HearingOutcome>): HearingOutcome => ({
  status: "HEARD",
  decision: "FULL_ORDER_MADE",
  expiresOn: "2028-03-01",
  untilFurtherOrder: null,
  ...overrides,
});
const ORIGINAL: RecordedOutcome = {
  hearing: { type: "FULL_APPLICATION", courtCode: "B07ED", orderId: "order-1", breachId: null },
  decidedOn: DAY,
  outcome: heard({}),
  effect: { kind: "make", expiry: { expiresOn: "2028-03-01", untilFurtherOrder: false } },
};
const REASON = "expiry mistyped: the court ordered five years";

describe("amendHearingOutcome", () => {
  it("gives the corrected effect, keeps the original and the reason", () => {
    const corrected = heard({ expiresOn: "2031-03-01" });
    expect(amendHearingOutcome(ORIGINAL, corrected, `  ${REASON} `, FULL_APPLIED)).toEqual({
      ok: true,
      original: ORIGINAL,
      corrected: {
        ...ORIGINAL,
        outcome: corrected,
        effect: { kind: "make", expiry: { expiresOn: "2031-03-01", untilFurtherOrder: false } },
      },
      reason: REASON,
      effectChanged: true,
    });
  });

  it("says when the effect on the order is the same (a status slip with no decision change)", () => {
    const adjourned: RecordedOutcome = {
      ...ORIGINAL,
      outcome: { status: "ADJOURNED", decision: null, expiresOn: null, untilFurtherOrder: null },
      effect: { kind: "none" },
    };
    const result = amendHearingOutcome(
      adjourned,
      { status: "ADJOURNED", decision: "ADJOURNED", expiresOn: null, untilFurtherOrder: null },
      REASON,
      FULL_APPLIED,
    );
    expect(result).toMatchObject({ ok: true, effectChanged: false });
  });

  it("requires a reason of ten characters or more", () => {
    const refusal = { ok: false, argument: "reason", reason: "say what was wrong with the recorded outcome, in 10 characters at least" };
    expect(amendHearingOutcome(ORIGINAL, heard({ expiresOn: "2031-03-01" }), "  typo     ", FULL_APPLIED)).toEqual(refusal);
    expect(amendHearingOutcome(ORIGINAL, heard({ expiresOn: "2031-03-01" }), "1234567890", FULL_APPLIED)).toMatchObject({ ok: true });
  });

  it("accepts a correction of the court's note alone, which leaves the effect on the order as it was", () => {
    const noted: RecordedOutcome = { ...ORIGINAL, outcome: { ...ORIGINAL.outcome, outcomeNote: "Custody 12 weeks." } };
    expect(amendHearingOutcome(noted, { ...noted.outcome, outcomeNote: "Custody 16 weeks." }, REASON, FULL_APPLIED)).toMatchObject({
      ok: true,
      corrected: { outcome: { outcomeNote: "Custody 16 weeks." }, effect: ORIGINAL.effect },
      effectChanged: false,
    });
    expect(amendHearingOutcome(noted, { ...noted.outcome }, REASON, FULL_APPLIED)).toMatchObject({ ok: false, argument: "outcome" });
  });

  it("refuses to change the effect on an order a later hearing has decided on since, but not a correction leaving it alone", () => {
    const later = { laterOutcomeOfOrder: true };
    expect(amendHearingOutcome(ORIGINAL, heard({ decision: "APPLICATION_REFUSED", expiresOn: null }), REASON, FULL_APPLIED, later)).toEqual(
      {
        ok: false,
        argument: "hearingId",
        reason:
          "a later hearing of this order has an outcome recorded since, decided on the order this outcome left; correct the later outcome first",
      },
    );
    const noted = { ...ORIGINAL.outcome, outcomeNote: "Made for three years." };
    expect(amendHearingOutcome(ORIGINAL, noted, REASON, FULL_APPLIED, later)).toMatchObject({ ok: true, effectChanged: false });
  });

  it("refuses a correction that changes nothing", () => {
    expect(amendHearingOutcome(ORIGINAL, heard({ untilFurtherOrder: false }), REASON, FULL_APPLIED)).toEqual({
      ok: false,
      argument: "outcome",
      reason: "the correction is the outcome already recorded",
    });
  });

  it("holds the correction to the rule book, against the order as it was before the original", () => {
    expect(amendHearingOutcome(ORIGINAL, heard({ expiresOn: "2027-03-01" }), REASON, FULL_APPLIED)).toEqual({
      ok: false,
      argument: "expiresOn",
      reason: "a full order has effect for at least 2 years (Stalking Protection Act 2019 s.3): on or after 2028-03-01; got 2027-03-01",
    });
    expect(amendHearingOutcome(ORIGINAL, heard({ decision: "APPLICATION_REFUSED", expiresOn: null }), REASON, FULL_APPLIED)).toMatchObject({
      ok: true,
      corrected: { effect: { kind: "end", reason: "REFUSED", onAppeal: false } },
    });
  });
});

describe("any correction (property)", () => {
  const outcome = fc.record({
    status: fc.constantFrom("HEARD", "ADJOURNED", "VACATED", "LISTED" as const),
    decision: fc.constantFrom(
      null,
      "FULL_ORDER_MADE",
      "APPLICATION_REFUSED",
      "APPLICATION_WITHDRAWN",
      "ADJOURNED",
      "INTERIM_ORDER_EXTENDED" as const,
    ),
    expiresOn: fc.constantFrom(null, "2027-03-01", "2028-03-01", "2031-03-01"),
    untilFurtherOrder: fc.constantFrom(null, false, true),
  });

  it("is accepted exactly when the rule book accepts it as a first outcome and it changes something, and keeps the original whole", () => {
    fc.assert(
      fc.property(outcome, (corrected) => {
        const before = structuredClone(ORIGINAL);
        const result = amendHearingOutcome(ORIGINAL, corrected, REASON, FULL_APPLIED);
        const asFirst = checkHearingOutcome(ORIGINAL.hearing, corrected, DAY, FULL_APPLIED);
        const unchanged =
          corrected.status === "HEARD" &&
          corrected.decision === "FULL_ORDER_MADE" &&
          corrected.expiresOn === "2028-03-01" &&
          corrected.untilFurtherOrder !== true;
        expect(result.ok).toBe(asFirst.ok && !unchanged);
        if (result.ok && asFirst.ok) expect(result.corrected.effect).toEqual(asFirst.orderEffect);
        expect(ORIGINAL).toEqual(before);
      }),
    );
  });
});
