import {
  checkHearingOutcome,
  DECISIONS_BY_HEARING_TYPE,
  FULL_ORDER_MINIMUM_YEARS,
  HEARING_OUTCOME_RECORDED,
  type HearingOutcome,
  type HearingUnderDecision,
} from "../court-decisions";
import type { OrderFacts } from "../order-facts/order-facts";
import { orderFacts as order } from "./support/order-facts";
import { CourtDecision, HearingType } from "../vocabulary";

/**
 * The court-decision rule book, decision by decision and order state by order
 * state: what each kind of hearing can decide, which expiry each decision takes,
 * and what a decision may do to the order as it stands on the day of the
 * hearing. Every refusal is compared in full (field and message: the message is
 * what the court's clerk reads).
 */
const DAY = "2026-03-01";

/** The order states a decision meets. */
const ORDERS = {
  interimApplied: order({ kind: "INTERIM", madeOn: null, expiresOn: null }),
  interimInForce: order({ kind: "INTERIM", madeOn: "2026-01-10", expiresOn: null }),
  interimInForceUntil: order({ kind: "INTERIM", madeOn: "2026-01-10", expiresOn: "2026-04-01" }),
  interimExpired: order({ kind: "INTERIM", madeOn: "2026-01-10", expiresOn: "2026-02-01" }),
  interimDischarged: order({ kind: "INTERIM", madeOn: "2026-01-10", endedOn: "2026-02-01", endReason: "DISCHARGED" }),
  fullApplied: order({ madeOn: null, expiresOn: null }),
  fullInForce: order({}),
  fullUntilFurtherOrder: order({ expiresOn: null, untilFurtherOrder: true }),
  fullExpired: order({ madeOn: "2022-01-10", expiresOn: "2024-01-10" }),
  fullDischarged: order({ endedOn: "2026-02-01", endReason: "DISCHARGED" }),
  fullRefused: order({ madeOn: null, expiresOn: null, endedOn: "2026-02-01", endReason: "REFUSED" }),
  /** Made, but with effect only from a later day: not yet in force, and no longer awaiting a decision. */
  fullMadeLater: order({ madeOn: "2026-03-02" }),
} satisfies Record<string, OrderFacts>;

/** At Crewe magistrates' court, or Chester Crown Court for an appeal. */
const hearing = (type: `${HearingType}`, about: Partial<HearingUnderDecision> = {}): HearingUnderDecision => ({
  type,
  courtCode: type === "APPEAL" ? "C07CH" : "B07ED",
  orderId: "order-1",
  breachId: null,
  ...about,
});

const heard = (
  decision: `${CourtDecision}`,
  expiry: Partial<Pick<HearingOutcome, "expiresOn" | "untilFurtherOrder">> = {},
): HearingOutcome => ({
  status: "HEARD",
  decision,
  expiresOn: null,
  untilFurtherOrder: null,
  ...expiry,
});

const none = { ok: true, orderEffect: { kind: "none" }, breachDecision: null };
const refused = (field: string, problem: string) => ({ ok: false, field, problem });

/** Which decisions each hearing can reach, written out again from the rules (not read from the code). */
const REACHABLE: Record<`${HearingType}`, `${CourtDecision}`[]> = {
  INTERIM_APPLICATION: ["INTERIM_ORDER_MADE", "APPLICATION_REFUSED", "APPLICATION_WITHDRAWN", "ADJOURNED"],
  FULL_APPLICATION: ["FULL_ORDER_MADE", "INTERIM_ORDER_EXTENDED", "APPLICATION_REFUSED", "APPLICATION_WITHDRAWN", "ADJOURNED"],
  REVIEW: ["INTERIM_ORDER_EXTENDED", "ORDER_VARIED", "ORDER_DISCHARGED", "ADJOURNED"],
  VARIATION: ["ORDER_VARIED", "APPLICATION_REFUSED", "APPLICATION_WITHDRAWN", "ADJOURNED"],
  RENEWAL: ["ORDER_RENEWED", "APPLICATION_REFUSED", "APPLICATION_WITHDRAWN", "ADJOURNED"],
  DISCHARGE: ["ORDER_DISCHARGED", "APPLICATION_REFUSED", "APPLICATION_WITHDRAWN", "ADJOURNED"],
  // The Crown Court allowing an appeal against a refusal makes the order refused (s.7(4)).
  APPEAL: [
    "INTERIM_ORDER_MADE",
    "FULL_ORDER_MADE",
    "ORDER_VARIED",
    "ORDER_DISCHARGED",
    "APPLICATION_REFUSED",
    "APPLICATION_WITHDRAWN",
    "ADJOURNED",
  ],
  BREACH_FIRST_APPEARANCE: ["CONVICTED", "ADJOURNED"],
  BREACH_TRIAL: ["CONVICTED", "ACQUITTED", "ADJOURNED"],
  BREACH_SENTENCE: ["CONVICTED", "ADJOURNED"],
};

describe("which decisions a hearing can reach", () => {
  it("is the table of the rules, for every kind of hearing", () => {
    expect(DECISIONS_BY_HEARING_TYPE).toEqual(REACHABLE);
  });

  const everyPair = Object.values(HearingType).flatMap((type) => Object.values(CourtDecision).map((decision) => [type, decision] as const));
  it.each(everyPair.filter(([type, decision]) => decision !== "ADJOURNED" && !REACHABLE[type].includes(decision)))(
    "a %s hearing cannot decide %s",
    (type, decision) => {
      expect(checkHearingOutcome(hearing(type), heard(decision), DAY, ORDERS.fullInForce)).toEqual(
        refused("decision", `${decision} is not a decision of a ${type} hearing; it can be ${REACHABLE[type].join(", ")}`),
      );
    },
  );
});

describe("the court a hearing is at", () => {
  /** Written out from the Act: s.1(1) and s.5 (a magistrates' or youth court), s.7 (the Crown Court), s.8 (any court trying the offence). */
  const HEARD_AT: [`${HearingType}`, string[]][] = [
    ["INTERIM_APPLICATION", ["B07ED", "B07YC"]],
    ["FULL_APPLICATION", ["B07ED", "B07YC"]],
    ["REVIEW", ["B07ED", "B07YC"]],
    ["VARIATION", ["B07ED", "B07YC"]],
    ["RENEWAL", ["B07ED", "B07YC"]],
    ["DISCHARGE", ["B07ED", "B07YC"]],
    ["APPEAL", ["C07CH"]],
    ["BREACH_FIRST_APPEARANCE", ["B07ED", "B07YC", "C07CH"]],
    ["BREACH_TRIAL", ["B07ED", "B07YC", "C07CH"]],
    ["BREACH_SENTENCE", ["B07ED", "B07YC", "C07CH"]],
  ];
  const NAMES: Record<string, string> = {
    B07ED: "Crewe (South Cheshire) Magistrates' Court",
    B07YC: "Chester Youth Court",
    C07CH: "Chester Crown Court",
  };

  it.each(HEARD_AT.flatMap(([type, courts]) => Object.keys(NAMES).map((code) => [type, code, courts.includes(code)] as const)))(
    "a %s hearing at %s decides: %s",
    (type, courtCode, hears) => {
      const result = checkHearingOutcome(
        hearing(type, { courtCode }),
        { ...heard("ADJOURNED"), status: "ADJOURNED" },
        DAY,
        ORDERS.fullInForce,
      );
      if (hears) expect(result).toEqual(none);
      else
        expect(result).toEqual(
          refused(
            "hearingId",
            `a ${type} hearing is not one for ${NAMES[courtCode]}: ${type === "APPEAL" ? "the Crown Court" : "a magistrates' court or a youth court"} hears it`,
          ),
        );
    },
  );

  it("is a known court", () => {
    expect(checkHearingOutcome(hearing("REVIEW", { courtCode: "B99XX" }), heard("ORDER_VARIED"), DAY, ORDERS.fullInForce)).toEqual(
      refused("hearingId", 'the hearing is at an unknown court "B99XX"'),
    );
  });
});

describe("the outcome's status", () => {
  it("is never LISTED", () => {
    expect(checkHearingOutcome(hearing("REVIEW"), { ...heard("ORDER_VARIED"), status: "LISTED" }, DAY, ORDERS.fullInForce)).toEqual(
      refused("status", "an outcome is HEARD, ADJOURNED or VACATED; LISTED is not an outcome"),
    );
  });

  it("VACATED decides nothing", () => {
    const vacated = { ...heard("ORDER_VARIED"), status: "VACATED" as const };
    expect(checkHearingOutcome(hearing("REVIEW"), vacated, DAY, ORDERS.fullInForce)).toEqual(
      refused("decision", "a vacated hearing decides nothing; leave decision empty"),
    );
    expect(checkHearingOutcome(hearing("REVIEW"), { ...vacated, decision: null }, DAY, ORDERS.fullInForce)).toEqual(none);
    expect(
      checkHearingOutcome(hearing("REVIEW"), { ...vacated, decision: null, expiresOn: "2027-01-01" }, DAY, ORDERS.fullInForce),
    ).toEqual(refused("expiresOn", "an outcome without a decision sets no expiry; leave expiresOn empty"));
  });

  it("HEARD needs a decision, and one that is not an adjournment", () => {
    expect(checkHearingOutcome(hearing("REVIEW"), { ...heard("ORDER_VARIED"), decision: null }, DAY, ORDERS.fullInForce)).toEqual(
      refused("decision", "a heard hearing needs the court's decision"),
    );
    expect(checkHearingOutcome(hearing("REVIEW"), heard("ADJOURNED"), DAY, ORDERS.fullInForce)).toEqual(
      refused("status", "an adjourned hearing has status ADJOURNED, not HEARD"),
    );
  });

  describe("ADJOURNED", () => {
    const adjourned = (decision: `${CourtDecision}` | null, expiresOn: string | null = null): HearingOutcome => ({
      status: "ADJOURNED",
      decision,
      expiresOn,
      untilFurtherOrder: null,
    });

    it("records nothing, or the adjournment itself, without effect", () => {
      expect(checkHearingOutcome(hearing("FULL_APPLICATION"), adjourned(null), DAY, ORDERS.interimInForce)).toEqual(none);
      expect(checkHearingOutcome(hearing("FULL_APPLICATION"), adjourned("ADJOURNED"), DAY, ORDERS.interimInForce)).toEqual(none);
    });

    it("may extend the interim order until the adjourned full hearing", () => {
      expect(
        checkHearingOutcome(hearing("FULL_APPLICATION"), adjourned("INTERIM_ORDER_EXTENDED", "2026-06-01"), DAY, ORDERS.interimInForce),
      ).toEqual({
        ok: true,
        orderEffect: { kind: "extend", atReview: false, expiry: { expiresOn: "2026-06-01", untilFurtherOrder: false } },
        breachDecision: null,
      });
    });

    it.each(Object.values(CourtDecision).filter((decision) => decision !== "ADJOURNED" && decision !== "INTERIM_ORDER_EXTENDED"))(
      "cannot record %s",
      (decision) => {
        expect(checkHearingOutcome(hearing("FULL_APPLICATION"), adjourned(decision), DAY, ORDERS.interimInForce)).toEqual(
          refused("decision", `an adjourned hearing can only record ADJOURNED or INTERIM_ORDER_EXTENDED, not ${decision}`),
        );
      },
    );

    it("still cannot extend at a hearing that cannot extend", () => {
      expect(checkHearingOutcome(hearing("INTERIM_APPLICATION"), adjourned("INTERIM_ORDER_EXTENDED"), DAY, ORDERS.interimInForce)).toEqual(
        refused(
          "decision",
          "INTERIM_ORDER_EXTENDED is not a decision of a INTERIM_APPLICATION hearing; it can be INTERIM_ORDER_MADE, APPLICATION_REFUSED, APPLICATION_WITHDRAWN, ADJOURNED",
        ),
      );
    });
  });
});

describe("the expiry a decision sets", () => {
  it("is a day or until further order, never both", () => {
    expect(
      checkHearingOutcome(
        hearing("FULL_APPLICATION"),
        heard("FULL_ORDER_MADE", { expiresOn: "2029-01-01", untilFurtherOrder: true }),
        DAY,
        ORDERS.fullApplied,
      ),
    ).toEqual(refused("untilFurtherOrder", "give either expiresOn or untilFurtherOrder: true, not both"));
  });

  it("is after the day of the decision (the decision day itself is refused)", () => {
    const extend = (expiresOn: string) =>
      checkHearingOutcome(hearing("REVIEW"), heard("INTERIM_ORDER_EXTENDED", { expiresOn }), DAY, ORDERS.interimInForce);
    expect(extend(DAY)).toEqual(refused("expiresOn", `must be after the day of the decision (${DAY}); got ${DAY}`));
    expect(extend("2026-02-28")).toEqual(refused("expiresOn", `must be after the day of the decision (${DAY}); got 2026-02-28`));
    expect(extend("2026-03-02")).toMatchObject({ ok: true, orderEffect: { kind: "extend", expiry: { expiresOn: "2026-03-02" } } });
  });

  it("untilFurtherOrder: false counts as not given", () => {
    expect(
      checkHearingOutcome(hearing("DISCHARGE"), heard("ORDER_DISCHARGED", { untilFurtherOrder: false }), DAY, ORDERS.fullInForce),
    ).toEqual({
      ok: true,
      orderEffect: { kind: "end", reason: "DISCHARGED", onAppeal: false },
      breachDecision: null,
    });
  });

  describe("of a full order", () => {
    const make = (expiry: Partial<HearingOutcome>, decidedOn = DAY) =>
      checkHearingOutcome(hearing("FULL_APPLICATION"), heard("FULL_ORDER_MADE", expiry), decidedOn, ORDERS.fullApplied);

    it("is required", () => {
      expect(make({})).toEqual(refused("expiresOn", "a full order needs expiresOn, or untilFurtherOrder: true"));
    });

    it(`is at least ${FULL_ORDER_MINIMUM_YEARS} years after the decision (Stalking Protection Act 2019 s.3)`, () => {
      expect(FULL_ORDER_MINIMUM_YEARS).toBe(2);
      expect(make({ expiresOn: "2028-02-29" })).toEqual(
        refused(
          "expiresOn",
          "a full order has effect for at least 2 years (Stalking Protection Act 2019 s.3): on or after 2028-03-01; got 2028-02-29",
        ),
      );
      expect(make({ expiresOn: "2028-03-01" })).toEqual({
        ok: true,
        orderEffect: { kind: "make", expiry: { expiresOn: "2028-03-01", untilFurtherOrder: false } },
        breachDecision: null,
      });
    });

    it("counts two years from 29 February to 28 February", () => {
      expect(make({ expiresOn: "2026-02-27" }, "2024-02-29")).toMatchObject({ ok: false, field: "expiresOn" });
      expect(make({ expiresOn: "2026-02-28" }, "2024-02-29")).toMatchObject({ ok: true });
    });

    it("may be until further order", () => {
      expect(make({ untilFurtherOrder: true })).toEqual({
        ok: true,
        orderEffect: { kind: "make", expiry: { expiresOn: null, untilFurtherOrder: true } },
        breachDecision: null,
      });
    });
  });

  describe("of a renewal", () => {
    const renew = (expiry: Partial<HearingOutcome>, facts = ORDERS.fullInForce) =>
      checkHearingOutcome(hearing("RENEWAL"), heard("ORDER_RENEWED", expiry), DAY, facts);

    it("is required", () => {
      expect(renew({})).toEqual(refused("expiresOn", "a renewal needs the new expiresOn, or untilFurtherOrder: true"));
    });

    it("ends later than the order does now", () => {
      expect(renew({ expiresOn: "2028-01-10" })).toEqual(
        refused("expiresOn", "a renewal must end later than the order does now (2028-01-10); got 2028-01-10"),
      );
      expect(renew({ expiresOn: "2027-06-01" })).toEqual(
        refused("expiresOn", "a renewal must end later than the order does now (2028-01-10); got 2027-06-01"),
      );
      expect(renew({ expiresOn: "2028-01-11" })).toEqual({
        ok: true,
        orderEffect: { kind: "renew", expiry: { expiresOn: "2028-01-11", untilFurtherOrder: false } },
        breachDecision: null,
      });
    });

    it("may be until further order", () => {
      expect(renew({ untilFurtherOrder: true })).toEqual({
        ok: true,
        orderEffect: { kind: "renew", expiry: { expiresOn: null, untilFurtherOrder: true } },
        breachDecision: null,
      });
    });
  });

  describe("of an interim order", () => {
    it("is never until further order: it lasts until the full application is determined", () => {
      const problem = refused(
        "untilFurtherOrder",
        "an interim order lasts until the full application is determined, not until further order",
      );
      expect(
        checkHearingOutcome(
          hearing("INTERIM_APPLICATION"),
          heard("INTERIM_ORDER_MADE", { untilFurtherOrder: true }),
          DAY,
          ORDERS.interimApplied,
        ),
      ).toEqual(problem);
      expect(
        checkHearingOutcome(hearing("REVIEW"), heard("INTERIM_ORDER_EXTENDED", { untilFurtherOrder: true }), DAY, ORDERS.interimInForce),
      ).toEqual(problem);
    });

    it("may be given or not when the order is made", () => {
      expect(checkHearingOutcome(hearing("INTERIM_APPLICATION"), heard("INTERIM_ORDER_MADE"), DAY, ORDERS.interimApplied)).toEqual({
        ok: true,
        orderEffect: { kind: "make", expiry: { expiresOn: null, untilFurtherOrder: false } },
        breachDecision: null,
      });
      // Only an extension is held to the order's present expiry: a new order's expiry only to the decision day.
      const appliedWithDay = { ...ORDERS.interimApplied, expiresOn: "2026-06-01" };
      expect(
        checkHearingOutcome(hearing("INTERIM_APPLICATION"), heard("INTERIM_ORDER_MADE", { expiresOn: "2026-04-01" }), DAY, appliedWithDay),
      ).toEqual({
        ok: true,
        orderEffect: { kind: "make", expiry: { expiresOn: "2026-04-01", untilFurtherOrder: false } },
        breachDecision: null,
      });
    });

    it("of an extension may not shorten the order", () => {
      const extend = (expiresOn: string) =>
        checkHearingOutcome(hearing("REVIEW"), heard("INTERIM_ORDER_EXTENDED", { expiresOn }), DAY, ORDERS.interimInForceUntil);
      expect(extend("2026-04-01")).toEqual(
        refused("expiresOn", "an extension must end later than the order does now (2026-04-01); got 2026-04-01"),
      );
      expect(extend("2026-03-15")).toEqual(
        refused("expiresOn", "an extension must end later than the order does now (2026-04-01); got 2026-03-15"),
      );
      expect(extend("2026-04-02")).toEqual({
        ok: true,
        orderEffect: { kind: "extend", atReview: true, expiry: { expiresOn: "2026-04-02", untilFurtherOrder: false } },
        breachDecision: null,
      });
    });

    it("of an extension may be left open (until the full application is determined)", () => {
      expect(checkHearingOutcome(hearing("REVIEW"), heard("INTERIM_ORDER_EXTENDED"), DAY, ORDERS.interimInForceUntil)).toEqual({
        ok: true,
        orderEffect: { kind: "extend", atReview: true, expiry: null },
        breachDecision: null,
      });
    });
  });

  it("of a variation may be given, or not", () => {
    expect(checkHearingOutcome(hearing("VARIATION"), heard("ORDER_VARIED", { expiresOn: "2029-01-01" }), DAY, ORDERS.fullInForce)).toEqual({
      ok: true,
      orderEffect: { kind: "vary", onAppeal: false, expiry: { expiresOn: "2029-01-01", untilFurtherOrder: false } },
      breachDecision: null,
    });
    expect(checkHearingOutcome(hearing("VARIATION"), heard("ORDER_VARIED"), DAY, ORDERS.fullInForce)).toEqual({
      ok: true,
      orderEffect: { kind: "vary", onAppeal: false, expiry: null },
      breachDecision: null,
    });
  });

  describe("of a variation, held to the rule the order was made under", () => {
    const vary = (
      expiry: Partial<Pick<HearingOutcome, "expiresOn" | "untilFurtherOrder">>,
      facts: OrderFacts,
      type: `${HearingType}` = "VARIATION",
    ) => checkHearingOutcome(hearing(type), heard("ORDER_VARIED", expiry), DAY, facts);

    it("keeps a full order two years at least from the day it was made (2025-01-10), at a variation or on appeal", () => {
      const tooSoon = refused(
        "expiresOn",
        "a full order has effect for at least 2 years (Stalking Protection Act 2019 s.3): on or after 2027-01-10; got 2027-01-09",
      );
      expect(vary({ expiresOn: "2027-01-09" }, ORDERS.fullInForce)).toEqual(tooSoon);
      expect(vary({ expiresOn: "2027-01-09" }, ORDERS.fullInForce, "APPEAL")).toEqual(tooSoon);
      expect(vary({ expiresOn: "2027-01-10" }, ORDERS.fullInForce)).toMatchObject({ ok: true });
      expect(vary({ untilFurtherOrder: true }, ORDERS.fullInForce)).toMatchObject({ ok: true });
    });

    it("never makes an interim order one until further order", () => {
      expect(vary({ untilFurtherOrder: true }, ORDERS.interimInForce, "REVIEW")).toEqual(
        refused("untilFurtherOrder", "an interim order lasts until the full application is determined, not until further order"),
      );
      expect(vary({ expiresOn: "2026-03-02" }, ORDERS.interimInForce, "REVIEW")).toMatchObject({ ok: true });
    });

    it("refuses a day that is not a date", () => {
      expect(vary({ expiresOn: "2029-13-01" }, ORDERS.fullInForce)).toEqual(
        refused("expiresOn", "must be after the day of the decision (2026-03-01); got 2029-13-01"),
      );
    });
  });

  it.each([
    ["DISCHARGE", "ORDER_DISCHARGED"],
    ["VARIATION", "APPLICATION_REFUSED"],
    ["RENEWAL", "APPLICATION_WITHDRAWN"],
    ["BREACH_TRIAL", "CONVICTED"],
    ["BREACH_TRIAL", "ACQUITTED"],
  ] as const)("is not set at a %s hearing deciding %s", (type, decision) => {
    const about = { breachId: "breach-1" };
    expect(checkHearingOutcome(hearing(type, about), heard(decision, { expiresOn: "2029-01-01" }), DAY, ORDERS.fullInForce)).toEqual(
      refused("expiresOn", `${decision} sets no expiry; leave expiresOn empty`),
    );
    expect(checkHearingOutcome(hearing(type, about), heard(decision, { untilFurtherOrder: true }), DAY, ORDERS.fullInForce)).toEqual(
      refused("untilFurtherOrder", `${decision} sets no expiry; leave untilFurtherOrder empty`),
    );
  });
});

describe("a breach decision", () => {
  it.each(["CONVICTED", "ACQUITTED"] as const)("%s is about the hearing's breach offence, not its order", (decision) => {
    expect(checkHearingOutcome(hearing("BREACH_TRIAL", { breachId: "breach-1" }), heard(decision), DAY, ORDERS.fullInForce)).toEqual({
      ok: true,
      orderEffect: { kind: "none" },
      breachDecision: decision,
    });
    // The order need not be known, nor even be there.
    expect(checkHearingOutcome(hearing("BREACH_TRIAL", { breachId: "breach-1", orderId: null }), heard(decision), DAY, null)).toMatchObject(
      {
        ok: true,
        breachDecision: decision,
      },
    );
  });

  it("needs a hearing about a breach offence", () => {
    expect(checkHearingOutcome(hearing("BREACH_TRIAL"), heard("CONVICTED"), DAY, ORDERS.fullInForce)).toEqual(
      refused("hearingId", "this hearing is about no breach offence"),
    );
  });
});

describe("a decision about an order", () => {
  it("needs a hearing about an order, and the order's facts", () => {
    expect(checkHearingOutcome(hearing("DISCHARGE", { orderId: null }), heard("ORDER_DISCHARGED"), DAY, null)).toEqual(
      refused("hearingId", "this hearing is about no order"),
    );
    expect(checkHearingOutcome(hearing("DISCHARGE"), heard("ORDER_DISCHARGED"), DAY, null)).toEqual(
      refused("hearingId", "the order of this hearing is not known here yet; try again shortly"),
    );
  });
});

/** What each decision may do to the order as it stands on the day: the accepted cases, then every state that forbids it. */
describe("what a decision does to the order", () => {
  const effect = (type: `${HearingType}`, outcome: HearingOutcome, facts: OrderFacts) =>
    checkHearingOutcome(hearing(type), outcome, DAY, facts);
  const ok = (orderEffect: object) => ({ ok: true, orderEffect, breachDecision: null });
  const TWO_YEARS = { expiresOn: "2028-03-01" };
  const fullExpiry = { expiresOn: "2028-03-01", untilFurtherOrder: false };

  describe("INTERIM_ORDER_MADE", () => {
    it("makes the interim order applied for", () => {
      expect(effect("INTERIM_APPLICATION", heard("INTERIM_ORDER_MADE", { expiresOn: "2026-06-01" }), ORDERS.interimApplied)).toEqual(
        ok({ kind: "make", expiry: { expiresOn: "2026-06-01", untilFurtherOrder: false } }),
      );
    });

    it.each([
      ["an interim order already in force", ORDERS.interimInForce, "the interim order is IN_FORCE on 2026-03-01"],
      ["a full application", ORDERS.fullApplied, "the full order is APPLIED on 2026-03-01"],
      [
        "an interim application refused",
        { ...ORDERS.interimApplied, endedOn: "2026-02-01", endReason: "REFUSED" as const },
        "the interim order is REFUSED on 2026-03-01",
      ],
      [
        "an interim order made with effect later",
        { ...ORDERS.interimApplied, madeOn: "2026-03-02" },
        "the interim order is APPLIED on 2026-03-01",
      ],
    ])("is refused on %s", (_state, facts, describe) => {
      expect(effect("INTERIM_APPLICATION", heard("INTERIM_ORDER_MADE"), facts)).toEqual(
        refused("decision", `no interim application awaits a decision: ${describe}`),
      );
    });
  });

  describe("INTERIM_ORDER_EXTENDED", () => {
    it("extends an interim order in force, at a review or at the full hearing", () => {
      expect(effect("REVIEW", heard("INTERIM_ORDER_EXTENDED"), ORDERS.interimInForce)).toEqual(
        ok({ kind: "extend", atReview: true, expiry: null }),
      );
      expect(effect("FULL_APPLICATION", heard("INTERIM_ORDER_EXTENDED"), ORDERS.interimInForce)).toEqual(
        ok({ kind: "extend", atReview: false, expiry: null }),
      );
    });

    it.each([
      ["an expired interim order", ORDERS.interimExpired, "the interim order is EXPIRED on 2026-03-01"],
      ["a discharged interim order", ORDERS.interimDischarged, "the interim order is DISCHARGED on 2026-03-01"],
      ["an interim order not yet made", ORDERS.interimApplied, "the interim order is APPLIED on 2026-03-01"],
      ["a full order in force", ORDERS.fullInForce, "the full order is IN_FORCE on 2026-03-01"],
      ["an ended full order", ORDERS.fullDischarged, "the full order is DISCHARGED on 2026-03-01"],
    ])("is refused on %s", (_state, facts, describe) => {
      expect(effect("REVIEW", heard("INTERIM_ORDER_EXTENDED"), facts)).toEqual(
        refused("decision", `only an interim order in force can be extended: ${describe}`),
      );
    });
  });

  describe("FULL_ORDER_MADE", () => {
    it("makes the full order applied for", () => {
      expect(effect("FULL_APPLICATION", heard("FULL_ORDER_MADE", TWO_YEARS), ORDERS.fullApplied)).toEqual(
        ok({ kind: "make", expiry: fullExpiry }),
      );
    });

    it("on the application behind an interim order in force, supersedes it", () => {
      expect(effect("FULL_APPLICATION", heard("FULL_ORDER_MADE", TWO_YEARS), ORDERS.interimInForce)).toEqual(
        ok({ kind: "makeFullSuperseding", expiry: fullExpiry }),
      );
    });

    it.each([
      ["a second full order on one in force", ORDERS.fullInForce, "the full order is IN_FORCE on 2026-03-01"],
      ["an ended full order", ORDERS.fullDischarged, "the full order is DISCHARGED on 2026-03-01"],
      ["a refused full application", ORDERS.fullRefused, "the full order is REFUSED on 2026-03-01"],
      ["a full order made with effect later", ORDERS.fullMadeLater, "the full order is APPLIED on 2026-03-01"],
      ["an expired interim order", ORDERS.interimExpired, "the interim order is EXPIRED on 2026-03-01"],
      ["an interim application not yet decided", ORDERS.interimApplied, "the interim order is APPLIED on 2026-03-01"],
    ])("is refused on %s", (_state, facts, describe) => {
      expect(effect("FULL_APPLICATION", heard("FULL_ORDER_MADE", TWO_YEARS), facts)).toEqual(
        refused("decision", `the full application has already been determined: ${describe}`),
      );
    });
  });

  describe("ORDER_VARIED", () => {
    it("varies an order in force, on appeal or not", () => {
      expect(effect("VARIATION", heard("ORDER_VARIED"), ORDERS.fullInForce)).toEqual(ok({ kind: "vary", onAppeal: false, expiry: null }));
      expect(effect("REVIEW", heard("ORDER_VARIED"), ORDERS.interimInForce)).toEqual(ok({ kind: "vary", onAppeal: false, expiry: null }));
      expect(effect("APPEAL", heard("ORDER_VARIED"), ORDERS.fullInForce)).toEqual(ok({ kind: "vary", onAppeal: true, expiry: null }));
    });

    it.each([
      ["an expired order", ORDERS.fullExpired, "the full order is EXPIRED on 2026-03-01"],
      ["a discharged order", ORDERS.fullDischarged, "the full order is DISCHARGED on 2026-03-01"],
      ["an order not yet made", ORDERS.fullApplied, "the full order is APPLIED on 2026-03-01"],
    ])("is refused on %s", (_state, facts, describe) => {
      expect(effect("VARIATION", heard("ORDER_VARIED"), facts)).toEqual(
        refused("decision", `only an order in force can be varied: ${describe}`),
      );
    });
  });

  describe("on appeal (s.7)", () => {
    const interimRefused = order({ kind: "INTERIM", madeOn: null, expiresOn: null, endedOn: "2026-02-01", endReason: "REFUSED" });

    it("allowed against a refusal, makes the order refused, of the kind refused", () => {
      expect(effect("APPEAL", heard("FULL_ORDER_MADE", TWO_YEARS), ORDERS.fullRefused)).toEqual(
        ok({ kind: "makeOnAppeal", orderKind: "FULL", expiry: fullExpiry }),
      );
      expect(effect("APPEAL", heard("INTERIM_ORDER_MADE"), interimRefused)).toEqual(
        ok({ kind: "makeOnAppeal", orderKind: "INTERIM", expiry: { expiresOn: null, untilFurtherOrder: false } }),
      );
    });

    it.each([
      ["FULL_ORDER_MADE", ORDERS.fullInForce, "the full order is IN_FORCE on 2026-03-01"],
      ["FULL_ORDER_MADE", ORDERS.fullApplied, "the full order is APPLIED on 2026-03-01"],
      ["FULL_ORDER_MADE", interimRefused, "the interim order is REFUSED on 2026-03-01"],
      ["INTERIM_ORDER_MADE", ORDERS.fullRefused, "the full order is REFUSED on 2026-03-01"],
      ["INTERIM_ORDER_MADE", ORDERS.interimApplied, "the interim order is APPLIED on 2026-03-01"],
    ] as const)("makes no %s but against its refusal: not on %s", (decision, facts, describe) => {
      expect(effect("APPEAL", heard(decision, decision === "FULL_ORDER_MADE" ? TWO_YEARS : {}), facts)).toEqual(
        refused("decision", `on appeal, an order is made only against its refusal: ${describe}`),
      );
    });

    it("allowed against a discharge, reinstates the order with the expiry it had", () => {
      expect(effect("APPEAL", heard("ORDER_VARIED"), ORDERS.fullDischarged)).toEqual(ok({ kind: "reinstate" }));
      expect(effect("APPEAL", heard("ORDER_VARIED", { expiresOn: "2029-01-01" }), ORDERS.fullDischarged)).toEqual(
        refused("expiresOn", "a reinstated order keeps its expiry"),
      );
      expect(effect("APPEAL", heard("ORDER_VARIED", { untilFurtherOrder: true }), ORDERS.fullDischarged)).toEqual(
        refused("untilFurtherOrder", "a reinstated order keeps its expiry"),
      );
      // Only the Crown Court on appeal undoes a discharge.
      expect(effect("VARIATION", heard("ORDER_VARIED"), ORDERS.fullDischarged)).toEqual(
        refused("decision", "only an order in force can be varied: the full order is DISCHARGED on 2026-03-01"),
      );
      expect(effect("APPEAL", heard("ORDER_VARIED"), ORDERS.fullExpired)).toEqual(
        refused("decision", "only an order in force can be varied: the full order is EXPIRED on 2026-03-01"),
      );
    });
  });

  describe("ORDER_RENEWED", () => {
    it("renews a full order in force", () => {
      expect(effect("RENEWAL", heard("ORDER_RENEWED", { expiresOn: "2030-01-10" }), ORDERS.fullInForce)).toEqual(
        ok({ kind: "renew", expiry: { expiresOn: "2030-01-10", untilFurtherOrder: false } }),
      );
    });

    it.each([
      ["an interim order", ORDERS.interimInForce, "the interim order is IN_FORCE on 2026-03-01"],
      ["an expired full order", ORDERS.fullExpired, "the full order is EXPIRED on 2026-03-01"],
      ["a discharged full order", ORDERS.fullDischarged, "the full order is DISCHARGED on 2026-03-01"],
    ])("is refused on %s", (_state, facts, describe) => {
      expect(effect("RENEWAL", heard("ORDER_RENEWED", { expiresOn: "2030-01-10" }), facts)).toEqual(
        refused("decision", `only a full order in force can be renewed: ${describe}`),
      );
    });

    it("is refused on an order that already has effect until further order", () => {
      expect(effect("RENEWAL", heard("ORDER_RENEWED", { expiresOn: "2030-01-10" }), ORDERS.fullUntilFurtherOrder)).toEqual(
        refused("decision", "the order already has effect until further order"),
      );
    });
  });

  describe("ORDER_DISCHARGED", () => {
    it("ends an order in force, on appeal or not", () => {
      expect(effect("DISCHARGE", heard("ORDER_DISCHARGED"), ORDERS.fullInForce)).toEqual(
        ok({ kind: "end", reason: "DISCHARGED", onAppeal: false }),
      );
      expect(effect("APPEAL", heard("ORDER_DISCHARGED"), ORDERS.interimInForce)).toEqual(
        ok({ kind: "end", reason: "DISCHARGED", onAppeal: true }),
      );
    });

    it.each([
      ["an expired order", ORDERS.fullExpired, "the full order is EXPIRED on 2026-03-01"],
      ["an order not yet made", ORDERS.fullApplied, "the full order is APPLIED on 2026-03-01"],
      ["a discharged order", ORDERS.interimDischarged, "the interim order is DISCHARGED on 2026-03-01"],
    ])("is refused on %s", (_state, facts, describe) => {
      expect(effect("DISCHARGE", heard("ORDER_DISCHARGED"), facts)).toEqual(
        refused("decision", `only an order in force can be discharged: ${describe}`),
      );
    });
  });

  describe.each([
    ["APPLICATION_REFUSED", "REFUSED"],
    ["APPLICATION_WITHDRAWN", "WITHDRAWN"],
  ] as const)("%s", (decision, reason) => {
    it("ends the application awaiting a decision", () => {
      expect(effect("INTERIM_APPLICATION", heard(decision), ORDERS.interimApplied)).toEqual(ok({ kind: "end", reason, onAppeal: false }));
      expect(effect("FULL_APPLICATION", heard(decision), ORDERS.fullApplied)).toEqual(ok({ kind: "end", reason, onAppeal: false }));
    });

    it("at the full hearing, ends the interim order that awaited it", () => {
      expect(effect("FULL_APPLICATION", heard(decision), ORDERS.interimInForce)).toEqual(ok({ kind: "end", reason, onAppeal: false }));
    });

    it.each(["VARIATION", "RENEWAL", "DISCHARGE", "APPEAL"] as const)("at a %s hearing leaves the order as it was", (type) => {
      expect(effect(type, heard(decision), ORDERS.fullInForce)).toEqual(none);
    });

    it.each([
      [
        "INTERIM_APPLICATION",
        "an interim order in force (a late refusal)",
        ORDERS.interimInForce,
        "the interim order is IN_FORCE on 2026-03-01",
      ],
      ["FULL_APPLICATION", "a full order in force", ORDERS.fullInForce, "the full order is IN_FORCE on 2026-03-01"],
      ["FULL_APPLICATION", "an expired interim order", ORDERS.interimExpired, "the interim order is EXPIRED on 2026-03-01"],
      ["FULL_APPLICATION", "a refused application", ORDERS.fullRefused, "the full order is REFUSED on 2026-03-01"],
      ["FULL_APPLICATION", "a full order made with effect later", ORDERS.fullMadeLater, "the full order is APPLIED on 2026-03-01"],
    ] as const)("at a %s hearing is refused on %s", (type, _state, facts, describe) => {
      expect(effect(type, heard(decision), facts)).toEqual(refused("decision", `the application has already been determined: ${describe}`));
    });
  });
});

describe("the event hearings publishes", () => {
  it("is named HearingOutcomeRecorded on the stream (orders and breaches consume it by that name)", () => {
    expect(HEARING_OUTCOME_RECORDED).toBe("HearingOutcomeRecorded");
  });
});
