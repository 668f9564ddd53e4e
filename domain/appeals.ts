import { addYears, isIsoDate } from "../platform/dates";
import { findCourt } from "../platform/estate";
import { FULL_ORDER_MINIMUM_YEARS, type Expiry, type OrderEffect } from "./court-decisions";
import type { OrderFacts } from "./order-facts/order-facts";
import { deriveOrderStatus } from "./order-status";
import { refuse, type Refusal } from "./refusal";
import { CourtDecision } from "./vocabulary";

/**
 * Appeals to the Crown Court (Stalking Protection Act 2019 s.7), beside the magistrates' rule book of
 * court-decisions.ts and in its terms: an appeal's outcome gives an OrderEffect like a magistrates' decision, and
 * the CourtDecision a recorded hearing already carries. Not every one reads alike yet: an order made on appeal
 * (FULL_ORDER_MADE, INTERIM_ORDER_MADE) is no decision of an APPEAL hearing in DECISIONS_BY_HEARING_TYPE, and a
 * reinstatement (ORDER_VARIED of a discharged order) is one checkHearingOutcome refuses, so neither can be recorded
 * through the hearings' rule book until it learns them. The outcomes are the Crown Court's own vocabulary (not yet
 * in the public schema).
 */
export const APPEAL_OUTCOMES = ["ALLOWED", "DISMISSED", "VARIED", "ABANDONED"] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

/** What is appealed against: the decisions s.7(1)-(3) name. A "section 4 order" varies, renews or discharges an order. */
export const APPEALABLE = [
  "ORDER_MADE",
  "INTERIM_ORDER_MADE",
  "ORDER_REFUSED",
  "INTERIM_ORDER_REFUSED",
  "SECTION_4_ORDER",
  "SECTION_4_REFUSED",
] as const;
export type Appealable = (typeof APPEALABLE)[number];

export type Appellant = "DEFENDANT" | "APPLICANT_CHIEF_OFFICER" | "RELEVANT_CHIEF_OFFICER";

export interface Appeal {
  against: Appealable;
  appellant: Appellant;
  /** Who applied for the section 4 order (or its refusal) appealed against; null for an appeal about making an order. */
  section4ApplicationBy: "CHIEF_OFFICER" | "DEFENDANT" | null;
  courtCode: string;
}

export interface AppealDecision {
  outcome: AppealOutcome;
  /** The expiry of an order the Crown Court makes or varies, as for a magistrates' decision. */
  expiry: Expiry | null;
}

export type AppealEffect =
  | OrderEffect
  /** An allowed appeal against a refusal: the Crown Court makes the order refused (s.7(4)). */
  | { kind: "makeOnAppeal"; orderKind: "INTERIM" | "FULL"; expiry: Expiry }
  /** An allowed appeal against a discharge: the order has effect again. */
  | { kind: "reinstate" };

export type AppealArgument = "courtCode" | "appellant" | "section4ApplicationBy" | "outcome" | "expiresOn" | "untilFurtherOrder";
export type AppealCheck = { ok: true; effect: AppealEffect; recordedDecision: `${CourtDecision}` } | Refusal<AppealArgument>;

/** Who may appeal against what (s.7(1) the defendant, s.7(2) the chief officer who applied, s.7(3) a relevant chief officer). */
function mayAppeal(appeal: Appeal): boolean {
  const { against, appellant, section4ApplicationBy: by } = appeal;
  switch (appellant) {
    case "DEFENDANT":
      return (
        against === "ORDER_MADE" ||
        against === "INTERIM_ORDER_MADE" ||
        (against === "SECTION_4_ORDER" && by === "CHIEF_OFFICER") ||
        (against === "SECTION_4_REFUSED" && by === "DEFENDANT")
      );
    case "APPLICANT_CHIEF_OFFICER":
      return (
        against === "ORDER_REFUSED" || against === "INTERIM_ORDER_REFUSED" || (against === "SECTION_4_REFUSED" && by === "CHIEF_OFFICER")
      );
    case "RELEVANT_CHIEF_OFFICER":
      return against === "SECTION_4_ORDER" && by === "DEFENDANT";
  }
}

const AGAINST_REFUSAL: readonly Appealable[] = ["ORDER_REFUSED", "INTERIM_ORDER_REFUSED"];
const AGAINST_SECTION_4: readonly Appealable[] = ["SECTION_4_ORDER", "SECTION_4_REFUSED"];

/** Checks the outcome of an appeal decided on `decidedOn` against the order as it stands that day, and says what it does. */
export function checkAppealOutcome(appeal: Appeal, decision: AppealDecision, decidedOn: string, order: OrderFacts): AppealCheck {
  const court = findCourt(appeal.courtCode);
  if (!court) return refuse("courtCode", `unknown court code "${appeal.courtCode}"`);
  if (court.jurisdiction !== "CROWN") return refuse("courtCode", `an appeal is to the Crown Court (s.7); ${court.name} is not`);
  const section4 = AGAINST_SECTION_4.includes(appeal.against);
  if (section4 !== (appeal.section4ApplicationBy !== null)) {
    return refuse(
      "section4ApplicationBy",
      section4 ? "say who applied for the section 4 order appealed against" : "only an appeal about a section 4 order has one",
    );
  }
  if (!mayAppeal(appeal))
    return refuse("appellant", `the ${appeal.appellant.toLowerCase().replace(/_/g, " ")} may not appeal against ${describe(appeal)} (s.7)`);
  const { outcome, expiry } = decision;
  const status = deriveOrderStatus(order, decidedOn);
  const againstRefusal = AGAINST_REFUSAL.includes(appeal.against);
  if (outcome === "DISMISSED" || outcome === "ABANDONED") {
    if (expiry)
      return refuse(expiry.expiresOn !== null ? "expiresOn" : "untilFurtherOrder", `an appeal ${outcome.toLowerCase()} sets no expiry`);
    return {
      ok: true,
      effect: { kind: "none" },
      recordedDecision: outcome === "DISMISSED" ? CourtDecision.APPLICATION_REFUSED : CourtDecision.APPLICATION_WITHDRAWN,
    };
  }
  if (againstRefusal) {
    if (outcome === "VARIED")
      return refuse("outcome", "a refusal is reversed or upheld: an appeal against it is ALLOWED or DISMISSED, not VARIED");
    if (status !== "REFUSED") return refuse("outcome", `the order appealed for is ${status} on ${decidedOn}, not REFUSED`);
    return orderMadeOnAppeal(appeal.against === "ORDER_REFUSED" ? "FULL" : "INTERIM", expiry, decidedOn);
  }
  if (outcome === "ALLOWED" && appeal.against === "SECTION_4_ORDER" && status === "DISCHARGED") {
    if (expiry) return refuse(expiry.expiresOn !== null ? "expiresOn" : "untilFurtherOrder", "a reinstated order keeps its expiry");
    return { ok: true, effect: { kind: "reinstate" }, recordedDecision: CourtDecision.ORDER_VARIED };
  }
  if (status !== "IN_FORCE")
    return refuse(
      "outcome",
      `the ${order.kind.toLowerCase()} order is ${status} on ${decidedOn}: only an order in force is quashed or varied on appeal`,
    );
  if (outcome === "ALLOWED" && !section4) {
    // The order is quashed: an expiry given with it would be dropped unread, so it is refused.
    if (expiry) return refuse(expiry.expiresOn !== null ? "expiresOn" : "untilFurtherOrder", "a quashed order sets no expiry");
    return { ok: true, effect: { kind: "end", reason: "DISCHARGED", onAppeal: true }, recordedDecision: CourtDecision.ORDER_DISCHARGED };
  }
  const expiryProblem = expiry ? checkExpiry(order.kind, expiry, decidedOn, order.madeOn ?? decidedOn) : null;
  if (expiryProblem) return expiryProblem;
  return { ok: true, effect: { kind: "vary", onAppeal: true, expiry }, recordedDecision: CourtDecision.ORDER_VARIED };
}

function describe(appeal: Appeal): string {
  const what = appeal.against.toLowerCase().replace(/_/g, " ").replace("section 4", "a section 4");
  return appeal.section4ApplicationBy
    ? `${what} on the application of the ${appeal.section4ApplicationBy.toLowerCase().replace("_", " ")}`
    : what;
}

function orderMadeOnAppeal(orderKind: "INTERIM" | "FULL", expiry: Expiry | null, decidedOn: string): AppealCheck {
  if (orderKind === "FULL" && !expiry)
    return refuse("expiresOn", "a full order made on appeal needs expiresOn, or untilFurtherOrder: true");
  const given = expiry ?? { expiresOn: null, untilFurtherOrder: false };
  const problem = checkExpiry(orderKind, given, decidedOn, decidedOn);
  if (problem) return problem;
  return {
    ok: true,
    effect: { kind: "makeOnAppeal", orderKind, expiry: given },
    recordedDecision: orderKind === "FULL" ? CourtDecision.FULL_ORDER_MADE : CourtDecision.INTERIM_ORDER_MADE,
  };
}

/**
 * The expiry rules of a magistrates' decision (s.3, s.5): after the day of the decision; a full order two years at
 * least from the day it was made (`madeOn`); an interim order never until further order.
 */
function checkExpiry(orderKind: "INTERIM" | "FULL", expiry: Expiry, decidedOn: string, madeOn: string): Refusal<AppealArgument> | null {
  const { expiresOn, untilFurtherOrder } = expiry;
  if (expiresOn !== null && untilFurtherOrder)
    return refuse("untilFurtherOrder", "give either expiresOn or untilFurtherOrder: true, not both");
  if (orderKind === "INTERIM" && untilFurtherOrder)
    return refuse("untilFurtherOrder", "an interim order lasts until the full application is determined, not until further order");
  if (expiresOn === null) return null;
  if (!isIsoDate(expiresOn) || expiresOn <= decidedOn)
    return refuse("expiresOn", `must be after the day of the decision (${decidedOn}); got ${expiresOn}`);
  const earliest = addYears(madeOn, FULL_ORDER_MINIMUM_YEARS);
  if (orderKind === "FULL" && expiresOn < earliest) {
    return refuse(
      "expiresOn",
      `a full order has effect for at least ${FULL_ORDER_MINIMUM_YEARS} years (Stalking Protection Act 2019 s.3): on or after ${earliest}; got ${expiresOn}`,
    );
  }
  return null;
}
