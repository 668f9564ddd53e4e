import type { TermChange } from "./terms";
import { CourtDecision, HearingType, type HearingStatus, type OrderStatus } from "./vocabulary";
import { addYears, isIsoDate } from "../platform/dates";
import { findCourt, type CourtJurisdiction } from "../platform/estate";
import type { OrderFacts } from "./order-facts/order-facts";
import { deriveOrderStatus } from "./order-status";
import type { BreachDisposal } from "./breach-disposals";
import type { Appealable, AppealOutcome, Appellant } from "./appeals";

/**
 * What a court decision means, written once: hearings checks an outcome
 * against these rules before recording it (and refuses it if they fail), and
 * orders applies the effect they give when the recorded outcome reaches it.
 * Both ask the same function, so what was accepted is what gets applied.
 */

/** Which decisions each kind of hearing can reach. */
export const DECISIONS_BY_HEARING_TYPE: Readonly<Record<`${HearingType}`, readonly `${CourtDecision}`[]>> = {
  INTERIM_APPLICATION: [
    CourtDecision.INTERIM_ORDER_MADE,
    CourtDecision.APPLICATION_REFUSED,
    CourtDecision.APPLICATION_WITHDRAWN,
    CourtDecision.ADJOURNED,
  ],
  FULL_APPLICATION: [
    CourtDecision.FULL_ORDER_MADE,
    CourtDecision.INTERIM_ORDER_EXTENDED,
    CourtDecision.APPLICATION_REFUSED,
    CourtDecision.APPLICATION_WITHDRAWN,
    CourtDecision.ADJOURNED,
  ],
  REVIEW: [CourtDecision.INTERIM_ORDER_EXTENDED, CourtDecision.ORDER_VARIED, CourtDecision.ORDER_DISCHARGED, CourtDecision.ADJOURNED],
  VARIATION: [CourtDecision.ORDER_VARIED, CourtDecision.APPLICATION_REFUSED, CourtDecision.APPLICATION_WITHDRAWN, CourtDecision.ADJOURNED],
  RENEWAL: [CourtDecision.ORDER_RENEWED, CourtDecision.APPLICATION_REFUSED, CourtDecision.APPLICATION_WITHDRAWN, CourtDecision.ADJOURNED],
  DISCHARGE: [
    CourtDecision.ORDER_DISCHARGED,
    CourtDecision.APPLICATION_REFUSED,
    CourtDecision.APPLICATION_WITHDRAWN,
    CourtDecision.ADJOURNED,
  ],
  // An appeal allowed against a refusal makes the order refused (s.7(4)); against a discharge, ORDER_VARIED reinstates it.
  APPEAL: [
    CourtDecision.INTERIM_ORDER_MADE,
    CourtDecision.FULL_ORDER_MADE,
    CourtDecision.ORDER_VARIED,
    CourtDecision.ORDER_DISCHARGED,
    CourtDecision.APPLICATION_REFUSED,
    CourtDecision.APPLICATION_WITHDRAWN,
    CourtDecision.ADJOURNED,
  ],
  BREACH_FIRST_APPEARANCE: [CourtDecision.CONVICTED, CourtDecision.ADJOURNED],
  BREACH_TRIAL: [CourtDecision.CONVICTED, CourtDecision.ACQUITTED, CourtDecision.ADJOURNED],
  BREACH_SENTENCE: [CourtDecision.CONVICTED, CourtDecision.ADJOURNED],
};

/**
 * Which courts hear each kind of hearing: an application and what follows it (review, variation, renewal,
 * discharge) a magistrates' court, or the youth court for a respondent under 18 (s.1(1)); an appeal the Crown
 * Court (s.7); a breach offence any of them, as it is tried summarily or on indictment (s.8).
 */
const ORDER_COURTS: readonly CourtJurisdiction[] = ["MAGISTRATES", "YOUTH"];
const BREACH_COURTS: readonly CourtJurisdiction[] = ["MAGISTRATES", "YOUTH", "CROWN"];
export const COURTS_BY_HEARING_TYPE: Readonly<Record<`${HearingType}`, readonly CourtJurisdiction[]>> = {
  INTERIM_APPLICATION: ORDER_COURTS,
  FULL_APPLICATION: ORDER_COURTS,
  REVIEW: ORDER_COURTS,
  VARIATION: ORDER_COURTS,
  RENEWAL: ORDER_COURTS,
  DISCHARGE: ORDER_COURTS,
  APPEAL: ["CROWN"],
  BREACH_FIRST_APPEARANCE: BREACH_COURTS,
  BREACH_TRIAL: BREACH_COURTS,
  BREACH_SENTENCE: BREACH_COURTS,
};

const BREACH_DECISIONS: readonly `${CourtDecision}`[] = [CourtDecision.CONVICTED, CourtDecision.ACQUITTED];
/** The applications whose refusal or withdrawal ends the order applied for (or the interim order pending it). */
const ORDER_APPLICATIONS: readonly `${HearingType}`[] = [HearingType.INTERIM_APPLICATION, HearingType.FULL_APPLICATION];

/** A full order has effect for a fixed period of at least two years, or until further order (Stalking Protection Act 2019 s.3). */
export const FULL_ORDER_MINIMUM_YEARS = 2;

export interface Expiry {
  expiresOn: string | null;
  untilFurtherOrder: boolean;
}

export interface HearingUnderDecision {
  type: `${HearingType}`;
  /** The court the hearing is at: it decides only what that court may (COURTS_BY_HEARING_TYPE). */
  courtCode: string;
  orderId: string | null;
  breachId: string | null;
}

export interface HearingOutcome {
  status: `${HearingStatus}`;
  decision: `${CourtDecision}` | null;
  expiresOn: string | null;
  untilFurtherOrder: boolean | null;
}

/** What a decision does to the order the hearing is about. */
export type OrderEffect =
  | { kind: "none" }
  /** The order applied for is made (an interim application, or a full application without an interim order). */
  | { kind: "make"; expiry: Expiry }
  /** A full order is made on the application behind an interim order, and supersedes it. */
  | { kind: "makeFullSuperseding"; expiry: Expiry }
  | { kind: "extend"; atReview: boolean; expiry: Expiry | null }
  | { kind: "vary"; onAppeal: boolean; expiry: Expiry | null }
  | { kind: "renew"; expiry: Expiry }
  | { kind: "end"; reason: "DISCHARGED" | "REFUSED" | "WITHDRAWN"; onAppeal: boolean }
  /** An appeal allowed against the refusal of an order: the Crown Court makes the order refused (s.7(4)). */
  | { kind: "makeOnAppeal"; orderKind: "INTERIM" | "FULL"; expiry: Expiry }
  /** An appeal allowed against the discharge of an order: it has effect again, with the expiry it had. */
  | { kind: "reinstate" };

/** Which input field is at fault, and why. */
export interface DecisionProblem {
  field: "status" | "decision" | "expiresOn" | "untilFurtherOrder" | "hearingId";
  problem: string;
}

export type DecisionCheck =
  { ok: true; orderEffect: OrderEffect; breachDecision: "CONVICTED" | "ACQUITTED" | null } | ({ ok: false } & DecisionProblem);

const refuse = (field: DecisionProblem["field"], problem: string): DecisionCheck => ({ ok: false, field, problem });

/**
 * Checks an outcome of a hearing decided on `decidedOn` against the hearing
 * and the order it is about (null when the hearing has none, or its facts are
 * not known here), and says what it does to the order.
 */
export function checkHearingOutcome(
  hearing: HearingUnderDecision,
  outcome: HearingOutcome,
  decidedOn: string,
  order: OrderFacts | null,
): DecisionCheck {
  const { status, decision } = outcome;
  const court = findCourt(hearing.courtCode);
  if (!court) return refuse("hearingId", `the hearing is at an unknown court "${hearing.courtCode}"`);
  if (!COURTS_BY_HEARING_TYPE[hearing.type].includes(court.jurisdiction)) {
    return refuse("hearingId", `a ${hearing.type} hearing is not one for ${court.name}: ${describeCourts(hearing.type)} hears it`);
  }
  if (status === "LISTED") return refuse("status", "an outcome is HEARD, ADJOURNED or VACATED; LISTED is not an outcome");
  if (status === "VACATED" && decision !== null) return refuse("decision", "a vacated hearing decides nothing; leave decision empty");
  if (status === "HEARD" && decision === null) return refuse("decision", "a heard hearing needs the court's decision");
  if (status === "HEARD" && decision === "ADJOURNED") return refuse("status", "an adjourned hearing has status ADJOURNED, not HEARD");
  if (status === "ADJOURNED" && decision !== null && decision !== "ADJOURNED" && decision !== "INTERIM_ORDER_EXTENDED") {
    return refuse("decision", `an adjourned hearing can only record ADJOURNED or INTERIM_ORDER_EXTENDED, not ${decision}`);
  }
  if (decision !== null && !DECISIONS_BY_HEARING_TYPE[hearing.type].includes(decision)) {
    return refuse(
      "decision",
      `${decision} is not a decision of a ${hearing.type} hearing; it can be ${DECISIONS_BY_HEARING_TYPE[hearing.type].join(", ")}`,
    );
  }
  const expiry = checkExpiryInput(decision, outcome, decidedOn, order);
  if ("problem" in expiry) return refuse(expiry.field, expiry.problem);

  if (decision === null || decision === "ADJOURNED") return { ok: true, orderEffect: { kind: "none" }, breachDecision: null };
  if (BREACH_DECISIONS.includes(decision)) {
    if (hearing.breachId === null) return refuse("hearingId", "this hearing is about no breach offence");
    return { ok: true, orderEffect: { kind: "none" }, breachDecision: decision as "CONVICTED" | "ACQUITTED" };
  }
  if (hearing.orderId === null) return refuse("hearingId", "this hearing is about no order");
  if (order === null) return refuse("hearingId", "the order of this hearing is not known here yet; try again shortly");
  const effect = orderEffectOf(hearing.type, decision, decidedOn, order, expiry.value);
  return "problem" in effect ? refuse(effect.field ?? "decision", effect.problem) : { ok: true, orderEffect: effect, breachDecision: null };
}

function describeCourts(type: `${HearingType}`): string {
  const names: Record<CourtJurisdiction, string> = {
    MAGISTRATES: "a magistrates' court",
    YOUTH: "a youth court",
    CROWN: "the Crown Court",
  };
  return COURTS_BY_HEARING_TYPE[type].map((jurisdiction) => names[jurisdiction]).join(" or ");
}

type ExpiryCheck = { value: Expiry | null } | { field: "expiresOn" | "untilFurtherOrder"; problem: string };

/** Which decisions take an expiry, and what makes one valid. */
function checkExpiryInput(
  decision: `${CourtDecision}` | null,
  outcome: HearingOutcome,
  decidedOn: string,
  order: OrderFacts | null,
): ExpiryCheck {
  const expiresOn = outcome.expiresOn;
  const untilFurtherOrder = outcome.untilFurtherOrder === true;
  if (expiresOn !== null && untilFurtherOrder) {
    return { field: "untilFurtherOrder", problem: "give either expiresOn or untilFurtherOrder: true, not both" };
  }
  const given: Expiry | null = expiresOn !== null || untilFurtherOrder ? { expiresOn, untilFurtherOrder } : null;
  if (expiresOn !== null && (!isIsoDate(expiresOn) || expiresOn <= decidedOn)) {
    return { field: "expiresOn", problem: `must be after the day of the decision (${decidedOn}); got ${expiresOn}` };
  }
  switch (decision) {
    case "FULL_ORDER_MADE":
      if (!given) return { field: "expiresOn", problem: "a full order needs expiresOn, or untilFurtherOrder: true" };
      return lasting("FULL", given, decidedOn);
    case "ORDER_RENEWED": {
      if (!given) return { field: "expiresOn", problem: "a renewal needs the new expiresOn, or untilFurtherOrder: true" };
      const current = order?.expiresOn ?? null;
      if (expiresOn !== null && current !== null && expiresOn <= current) {
        return { field: "expiresOn", problem: `a renewal must end later than the order does now (${current}); got ${expiresOn}` };
      }
      return { value: given };
    }
    case "INTERIM_ORDER_MADE":
    case "INTERIM_ORDER_EXTENDED": {
      const current = order?.expiresOn ?? null;
      if (decision === "INTERIM_ORDER_EXTENDED" && expiresOn !== null && current !== null && expiresOn <= current) {
        return { field: "expiresOn", problem: `an extension must end later than the order does now (${current}); got ${expiresOn}` };
      }
      return given ? lasting("INTERIM", given, decidedOn) : { value: null };
    }
    case "ORDER_VARIED":
      // A variation is held to the rule the order was made under, counted from the day it was made.
      return given && order ? lasting(order.kind, given, order.madeOn ?? decidedOn) : { value: given };
    default:
      if (given) {
        const field = expiresOn !== null ? "expiresOn" : "untilFurtherOrder";
        return { field, problem: `${decision ?? "an outcome without a decision"} sets no expiry; leave ${field} empty` };
      }
      return { value: null };
  }
}

/**
 * How long an order may last, stated once for every decision that sets its expiry (making, extending, varying, on
 * appeal or not): a full order a fixed period of two years at least from the day it was made, or until further
 * order (s.3); an interim order until the full application is determined, or a day before (s.5), never until
 * further order.
 */
function lasting(kind: OrderFacts["kind"], expiry: Expiry, madeOn: string): ExpiryCheck {
  if (kind === "INTERIM") {
    if (expiry.untilFurtherOrder) {
      return {
        field: "untilFurtherOrder",
        problem: "an interim order lasts until the full application is determined, not until further order",
      };
    }
    return { value: expiry };
  }
  const earliest = addYears(madeOn, FULL_ORDER_MINIMUM_YEARS);
  if (expiry.expiresOn !== null && expiry.expiresOn < earliest) {
    return {
      field: "expiresOn",
      problem: `a full order has effect for at least ${FULL_ORDER_MINIMUM_YEARS} years (Stalking Protection Act 2019 s.3): on or after ${earliest}; got ${expiry.expiresOn}`,
    };
  }
  return { value: expiry };
}

/** The decision's effect on the order as it stands on the day of the decision, or why it cannot have one. */
function orderEffectOf(
  hearingType: `${HearingType}`,
  decision: `${CourtDecision}`,
  decidedOn: string,
  order: OrderFacts,
  expiry: Expiry | null,
): OrderEffect | { problem: string; field?: "expiresOn" | "untilFurtherOrder" } {
  const status = deriveOrderStatus(order, decidedOn);
  const awaitingDecision = order.madeOn === null && order.endedOn === null;
  const inForce = status === "IN_FORCE";
  const describe = `the ${order.kind.toLowerCase()} order is ${status} on ${decidedOn}`;
  const onAppeal = hearingType === "APPEAL";
  if (onAppeal && (decision === "FULL_ORDER_MADE" || decision === "INTERIM_ORDER_MADE")) {
    return madeOnAppeal(decision === "FULL_ORDER_MADE" ? "FULL" : "INTERIM", status, order, describe, expiry);
  }
  switch (decision) {
    case "INTERIM_ORDER_MADE":
      if (order.kind === "INTERIM" && awaitingDecision)
        return { kind: "make", expiry: expiry ?? { expiresOn: null, untilFurtherOrder: false } };
      return { problem: `no interim application awaits a decision: ${describe}` };
    case "INTERIM_ORDER_EXTENDED":
      if (order.kind === "INTERIM" && inForce) return { kind: "extend", atReview: hearingType === "REVIEW", expiry };
      return { problem: `only an interim order in force can be extended: ${describe}` };
    case "FULL_ORDER_MADE":
      if (order.kind === "FULL" && awaitingDecision) return { kind: "make", expiry: expiry! };
      if (order.kind === "INTERIM" && inForce) return { kind: "makeFullSuperseding", expiry: expiry! };
      return { problem: `the full application has already been determined: ${describe}` };
    case "ORDER_VARIED":
      if (inForce) return { kind: "vary", onAppeal, expiry };
      if (onAppeal && status === "DISCHARGED") {
        if (expiry)
          return { field: expiry.expiresOn !== null ? "expiresOn" : "untilFurtherOrder", problem: "a reinstated order keeps its expiry" };
        return { kind: "reinstate" };
      }
      return { problem: `only an order in force can be varied: ${describe}` };
    case "ORDER_RENEWED":
      if (order.kind !== "FULL" || !inForce) return { problem: `only a full order in force can be renewed: ${describe}` };
      if (order.untilFurtherOrder) return { problem: "the order already has effect until further order" };
      return { kind: "renew", expiry: expiry! };
    case "ORDER_DISCHARGED":
      if (inForce) return { kind: "end", reason: "DISCHARGED", onAppeal };
      return { problem: `only an order in force can be discharged: ${describe}` };
    case "APPLICATION_REFUSED":
    case "APPLICATION_WITHDRAWN": {
      const reason = decision === "APPLICATION_REFUSED" ? "REFUSED" : "WITHDRAWN";
      // Refusing a variation, renewal, discharge or appeal leaves the order as it was.
      if (!ORDER_APPLICATIONS.includes(hearingType)) return { kind: "none" };
      if (awaitingDecision) return { kind: "end", reason, onAppeal: false };
      // Determining the full application against the applicant ends the interim order that awaited it.
      if (hearingType === "FULL_APPLICATION" && order.kind === "INTERIM" && inForce) return { kind: "end", reason, onAppeal: false };
      return { problem: `the application has already been determined: ${describe}` };
    }
    default:
      return { problem: `${decision} has no effect on an order` };
  }
}

/** An order made by the Crown Court on an appeal against its refusal: only the order refused, of the kind refused. */
function madeOnAppeal(
  orderKind: "INTERIM" | "FULL",
  status: `${OrderStatus}`,
  order: OrderFacts,
  describe: string,
  expiry: Expiry | null,
): OrderEffect | { problem: string } {
  if (order.kind !== orderKind || status !== "REFUSED") {
    return { problem: `on appeal, an order is made only against its refusal: ${describe}` };
  }
  return { kind: "makeOnAppeal", orderKind, expiry: expiry ?? { expiresOn: null, untilFurtherOrder: false } };
}

/** The event hearings publishes (stream hearing-outcomes) when it records a hearing's outcome. */
export const HEARING_OUTCOME_RECORDED = "HearingOutcomeRecorded";

export interface HearingOutcomeRecordedPayload {
  hearingId: string;
  hearingType: `${HearingType}`;
  courtCode: string;
  orderId: string | null;
  breachId: string | null;
  status: HearingOutcome["status"];
  decision: `${CourtDecision}` | null;
  /** The day of the hearing in England and Wales: the day the decision takes effect. */
  decidedOn: string;
  expiresOn: string | null;
  untilFurtherOrder: boolean | null;
  outcomeNote: string | null;
  // Breach sentencing: the structured disposal (domain/breach-disposals.ts), checked by hearings; absent from events
  // written before it existed.
  disposal?: readonly BreachDisposal[] | null;
  // Crown Court appeals: the appeal's outcome, what it was against and who appealed (domain/appeals.ts), for the
  // record; the decision above is what it does to the order. Absent from other hearings' events.
  appeal?: {
    outcome: AppealOutcome;
    against: Appealable;
    appellant: Appellant;
    section4ApplicationBy: "CHIEF_OFFICER" | "DEFENDANT" | null;
  } | null;
  /**
   * The terms the decision makes, varies or removes (domain/terms.ts), for a decision that makes, extends or
   * varies an order; null when none were given (a making decision then makes the terms applied for, or a full
   * order the interim order's terms in force). Absent from events published before decisions carried terms.
   */
  terms?: TermChange[] | null;
}
