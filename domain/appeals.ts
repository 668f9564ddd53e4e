import { findCourt } from "../platform/estate";
import { checkHearingOutcome, type Expiry, type OrderEffect } from "./court-decisions";
import type { OrderFacts } from "./order-facts/order-facts";
import { deriveOrderStatus } from "./order-status";
import { refuse, type Refusal } from "./refusal";
import { CourtDecision } from "./vocabulary";

/**
 * Appeals to the Crown Court (Stalking Protection Act 2019 s.7). This module says who may appeal against what and
 * which CourtDecision each outcome is recorded as at the APPEAL hearing; what that decision does to the order, and
 * which expiry it may set, is the hearings' rule book's (checkHearingOutcome), asked here, so an outcome accepted
 * here is one recordHearingOutcome accepts with the same effect. The outcomes are the Crown Court's own vocabulary
 * (not yet in the public schema).
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

/** What an appeal does to the order: an OrderEffect, as the hearings' rule book gives it for the recorded decision. */
export type AppealEffect = OrderEffect;

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
    if (expiry) return refuse(expiryArgument(expiry), `an appeal ${outcome.toLowerCase()} sets no expiry`);
    return recorded(
      appeal.courtCode,
      outcome === "DISMISSED" ? CourtDecision.APPLICATION_REFUSED : CourtDecision.APPLICATION_WITHDRAWN,
      null,
      decidedOn,
      order,
    );
  }
  if (againstRefusal) {
    if (outcome === "VARIED")
      return refuse("outcome", "a refusal is reversed or upheld: an appeal against it is ALLOWED or DISMISSED, not VARIED");
    if (status !== "REFUSED") return refuse("outcome", `the order appealed for is ${status} on ${decidedOn}, not REFUSED`);
    // s.7(4): the Crown Court makes the order refused.
    const made = appeal.against === "ORDER_REFUSED" ? CourtDecision.FULL_ORDER_MADE : CourtDecision.INTERIM_ORDER_MADE;
    return recorded(appeal.courtCode, made, expiry, decidedOn, order);
  }
  if (outcome === "ALLOWED" && appeal.against === "SECTION_4_ORDER" && status === "DISCHARGED") {
    // The discharge is quashed: the order is reinstated, recorded as a variation of it.
    return recorded(appeal.courtCode, CourtDecision.ORDER_VARIED, expiry, decidedOn, order);
  }
  if (status !== "IN_FORCE")
    return refuse(
      "outcome",
      `the ${order.kind.toLowerCase()} order is ${status} on ${decidedOn}: only an order in force is quashed or varied on appeal`,
    );
  if (outcome === "ALLOWED" && !section4) {
    // The order is quashed: an expiry given with it would be dropped unread, so it is refused.
    if (expiry) return refuse(expiryArgument(expiry), "a quashed order sets no expiry");
    return recorded(appeal.courtCode, CourtDecision.ORDER_DISCHARGED, null, decidedOn, order);
  }
  return recorded(appeal.courtCode, CourtDecision.ORDER_VARIED, expiry, decidedOn, order);
}

const expiryArgument = (expiry: Expiry): "expiresOn" | "untilFurtherOrder" =>
  expiry.expiresOn !== null ? "expiresOn" : "untilFurtherOrder";

/** The decision recorded at the APPEAL hearing, with the effect (and the expiry rules) the hearings' rule book gives it. */
function recorded(
  courtCode: string,
  decision: `${CourtDecision}`,
  expiry: Expiry | null,
  decidedOn: string,
  order: OrderFacts,
): AppealCheck {
  const check = checkHearingOutcome(
    { type: "APPEAL", courtCode, orderId: order.id, breachId: null },
    { status: "HEARD", decision, expiresOn: expiry?.expiresOn ?? null, untilFurtherOrder: expiry?.untilFurtherOrder ?? null },
    decidedOn,
    order,
  );
  if (!check.ok) return refuse(check.field === "expiresOn" || check.field === "untilFurtherOrder" ? check.field : "outcome", check.problem);
  return { ok: true, effect: check.orderEffect, recordedDecision: decision };
}

function describe(appeal: Appeal): string {
  const what = appeal.against.toLowerCase().replace(/_/g, " ").replace("section 4", "a section 4");
  return appeal.section4ApplicationBy
    ? `${what} on the application of the ${appeal.section4ApplicationBy.toLowerCase().replace("_", " ")}`
    : what;
}
