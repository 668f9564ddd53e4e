import fc from "fast-check";
import { checkDisposals, checkSentenceDisposal, type BreachDisposal, type DisposalParts, type Length } from "../breach-disposals";

/** The disposals of a conviction for breach: each within its limits, and a combination a court can impose. */
const years = (value: number): Length => ({ value, unit: "YEARS" });
const months = (value: number): Length => ({ value, unit: "MONTHS" });
const weeks = (value: number): Length => ({ value, unit: "WEEKS" });
const days = (value: number): Length => ({ value, unit: "DAYS" });
const refused = (reason: string) => ({ ok: false, argument: "disposals", reason });

describe("checkDisposals", () => {
  it("accepts each kind within its limits", () => {
    const valid: BreachDisposal[][] = [
      [{ type: "CUSTODY", length: years(5) }],
      [
        { type: "CUSTODY", length: weeks(26) },
        { type: "FINE", amountPence: 50_000 },
      ],
      [{ type: "SUSPENDED", length: days(14), suspendedFor: months(6) }],
      [{ type: "SUSPENDED", length: months(24), suspendedFor: years(2) }],
      [
        { type: "COMMUNITY_ORDER", length: months(36) },
        { type: "FINE", amountPence: 1 },
      ],
      [{ type: "FINE", amountPence: 25_000 }],
      [{ type: "CONDITIONAL_DISCHARGE", length: years(3) }],
      [{ type: "ABSOLUTE_DISCHARGE" }],
    ];
    for (const disposals of valid) expect(checkDisposals(disposals)).toEqual({ ok: true });
  });

  it("refuses lengths outside the limits, in any unit", () => {
    expect(checkDisposals([{ type: "CUSTODY", length: months(61) }])).toEqual(
      refused("CUSTODY: imprisonment for breach is of 1 days to 5 years; got 61 months"),
    );
    expect(checkDisposals([{ type: "SUSPENDED", length: days(13), suspendedFor: months(6) }])).toEqual(
      refused("SUSPENDED: a suspended sentence is of 14 days to 2 years; got 13 days"),
    );
    expect(checkDisposals([{ type: "SUSPENDED", length: days(731), suspendedFor: months(6) }])).toMatchObject({ ok: false });
    expect(checkDisposals([{ type: "SUSPENDED", length: weeks(10), suspendedFor: months(5) }])).toEqual(
      refused("SUSPENDED: the operational period of a suspended sentence is of 6 months to 2 years; got 5 months"),
    );
    expect(checkDisposals([{ type: "SUSPENDED", length: weeks(10), suspendedFor: weeks(105) }])).toMatchObject({ ok: false });
    expect(checkDisposals([{ type: "COMMUNITY_ORDER", length: years(4) }])).toEqual(
      refused("COMMUNITY_ORDER: a community order is of 1 days to 3 years; got 4 years"),
    );
    expect(checkDisposals([{ type: "CONDITIONAL_DISCHARGE", length: months(37) }])).toMatchObject({ ok: false });
  });

  it("refuses lengths and amounts that are not whole and positive, and unknown units or types", () => {
    expect(checkDisposals([{ type: "CUSTODY", length: weeks(0) }])).toEqual(
      refused("CUSTODY: a length is a whole number of weeks, 1 or more; got 0"),
    );
    expect(checkDisposals([{ type: "CUSTODY", length: weeks(2.5) }])).toEqual(
      refused("CUSTODY: a length is a whole number of weeks, 1 or more; got 2.5"),
    );
    expect(checkDisposals([{ type: "CUSTODY", length: { value: 3, unit: "FORTNIGHTS" as never } }])).toEqual(
      refused("CUSTODY: unknown unit FORTNIGHTS"),
    );
    expect(checkDisposals([{ type: "FINE", amountPence: 0 }])).toEqual(
      refused("FINE: a fine is a whole number of pence, 1 or more; got 0"),
    );
    expect(checkDisposals([{ type: "FINE", amountPence: 10.5 }])).toMatchObject({ ok: false });
    expect(checkDisposals([{ type: "CAUTION" } as never])).toEqual(refused("CAUTION: unknown disposal CAUTION"));
  });

  it("refuses no disposal, one given twice, a discharge with anything, and custody with a suspended sentence or community order", () => {
    expect(checkDisposals([])).toEqual(refused("a conviction is disposed of somehow: give at least one disposal"));
    expect(
      checkDisposals([
        { type: "FINE", amountPence: 100 },
        { type: "FINE", amountPence: 200 },
      ]),
    ).toEqual(refused("FINE is given more than once"));
    expect(
      checkDisposals([
        { type: "CONDITIONAL_DISCHARGE", length: years(1) },
        { type: "FINE", amountPence: 100 },
      ]),
    ).toEqual(refused("CONDITIONAL_DISCHARGE stands alone: a discharge is instead of punishment"));
    expect(checkDisposals([{ type: "FINE", amountPence: 100 }, { type: "ABSOLUTE_DISCHARGE" }])).toEqual(
      refused("ABSOLUTE_DISCHARGE stands alone: a discharge is instead of punishment"),
    );
    expect(
      checkDisposals([
        { type: "CUSTODY", length: weeks(8) },
        { type: "COMMUNITY_ORDER", length: months(12) },
      ]),
    ).toEqual(refused("CUSTODY and COMMUNITY_ORDER exclude one another"));
  });

  it("holds 24 months, 2 years and 104 weeks alike within a 2-year limit, and a day more outside it (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 14, max: 800 }), (lengthInDays) => {
        const result = checkDisposals([{ type: "SUSPENDED", length: days(lengthInDays), suspendedFor: years(1) }]);
        expect(result.ok).toBe(lengthInDays <= 730);
      }),
    );
    expect(checkDisposals([{ type: "SUSPENDED", length: weeks(104), suspendedFor: months(24) }])).toEqual({ ok: true });
  });
});

describe("checkSentenceDisposal", () => {
  const part = (details: Partial<DisposalParts> & Pick<DisposalParts, "type">): DisposalParts => ({
    length: null,
    suspendedFor: null,
    amountPence: null,
    ...details,
  });

  it("reads a sentence's parts into disposals and holds them to the limits", () => {
    expect(
      checkSentenceDisposal("BREACH_SENTENCE", "CONVICTED", [
        part({ type: "SUSPENDED", length: weeks(20), suspendedFor: years(2) }),
        part({ type: "FINE", amountPence: 20_000 }),
      ]),
    ).toEqual({
      ok: true,
      disposals: [
        { type: "SUSPENDED", length: weeks(20), suspendedFor: years(2) },
        { type: "FINE", amountPence: 20_000 },
      ],
    });
    expect(checkSentenceDisposal("BREACH_SENTENCE", "CONVICTED", [part({ type: "CUSTODY", length: years(6) })])).toEqual(
      refused("CUSTODY: imprisonment for breach is of 1 days to 5 years; got 6 years"),
    );
  });

  it("leaves an outcome without a disposal alone", () => {
    expect(checkSentenceDisposal("BREACH_TRIAL", "ACQUITTED", null)).toEqual({ ok: true, disposals: null });
  });

  it("refuses a disposal on anything but a conviction at a sentencing hearing", () => {
    const custody = [part({ type: "CUSTODY", length: weeks(12) })];
    for (const [type, decision] of [
      ["BREACH_TRIAL", "CONVICTED"],
      ["BREACH_FIRST_APPEARANCE", "CONVICTED"],
      ["BREACH_SENTENCE", "ADJOURNED"],
      ["BREACH_SENTENCE", null],
      ["FULL_APPLICATION", "FULL_ORDER_MADE"],
    ] as const) {
      expect(checkSentenceDisposal(type, decision, custody)).toMatchObject({ ok: false, argument: "disposals" });
    }
  });

  it("refuses a part missing or one its type does not take", () => {
    expect(checkSentenceDisposal("BREACH_SENTENCE", "CONVICTED", [part({ type: "CUSTODY" })])).toEqual(refused("CUSTODY needs length"));
    expect(checkSentenceDisposal("BREACH_SENTENCE", "CONVICTED", [part({ type: "SUSPENDED", length: weeks(20) })])).toEqual(
      refused("SUSPENDED needs suspendedFor"),
    );
    expect(checkSentenceDisposal("BREACH_SENTENCE", "CONVICTED", [part({ type: "FINE", amountPence: 100, length: weeks(2) })])).toEqual(
      refused("FINE takes no length; leave it out"),
    );
    expect(checkSentenceDisposal("BREACH_SENTENCE", "CONVICTED", [part({ type: "ABSOLUTE_DISCHARGE", amountPence: 1 })])).toEqual(
      refused("ABSOLUTE_DISCHARGE takes no amountPence; leave it out"),
    );
    expect(checkSentenceDisposal("BREACH_SENTENCE", "CONVICTED", [])).toMatchObject({ ok: false, argument: "disposals" });
  });
});
