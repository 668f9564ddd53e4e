import { addYears, Day, weekdayOnOrAfter, weekdayOnOrBefore, yearOf } from "./calendar";
import { ChunkContext } from "./chunk-context";
import { addHearing, listIfAhead, ListingState } from "./hearings";
import { Expiry, OrderDraft } from "./order-draft";
import { chooseTerms, OrderTerm, writeTerms } from "./order-terms";
import { CourtHearingRow, OrderRow } from "../../subgraphs/dataset-chunk";
import { CourtDecision, HearingType, OrderEventType } from "../../domain/vocabulary";

export interface CasePlan {
  appliedOn: Day;
  forceCode: string;
  courtCode: string;
  /** The town the case is about, for exclusion areas. */
  place: string;
  respondentId: string;
  protectedPersonIds: readonly string[];
  /** False when the case may produce only one order row (the chunk's quota is nearly full). */
  mayStartWithInterim: boolean;
}

/*
 * Shares of the ways a case can go. Most applications ask for an interim order
 * first (about 80% of full orders follow one); most are granted.
 */
const INTERIM_FIRST_SHARE = 0.78;
const INTERIM_APPLICATION_OUTCOMES = { refused: 0.03, withdrawn: 0.01 };
const FULL_APPLICATION_OUTCOMES = { refused: 0.04, withdrawn: 0.06 };
const INTERIM_REVIEW_SHARE = 0.45;
const INTERIM_DISCHARGE_SHARE = 0.05;
const SERVED_AT_COURT_SHARE = 0.55;
const ADJOURNMENT_SHARE = 0.15;
const VACATED_LISTING_SHARE = 0.03;
/** Full orders last at least 2 years (s.2(5)); most are made for exactly 2, some for 5, some until further order. */
const FULL_ORDER_TWO_YEARS_SHARE = 0.7;
const FULL_ORDER_FIVE_YEARS_SHARE = 0.18;
const APPEAL_SHARE = 0.02;
const VARIATION_SHARE = 0.08;
const DISCHARGE_SHARE = 0.05;
const RENEWAL_SHARE = 0.12;

const ADJOURNMENT_REASONS: readonly string[] = [
  "Adjourned for the respondent to obtain legal representation.",
  "Adjourned for the respondent to file evidence.",
  "Adjourned: insufficient court time.",
  "Adjourned: a witness was unavailable.",
  "Adjourned at the request of the applicant force.",
];

/**
 * One application for a stalking protection order, played forward from its
 * application day: interim order or not, hearings, the full order and what
 * happens to it later. Steps falling after the dataset's last day have not
 * happened yet and are not recorded (a near one appears as a LISTED hearing).
 */
export class StalkingCase {
  private readonly orders: OrderDraft[] = [];
  private terms: OrderTerm[] | null = null;

  constructor(
    private readonly context: ChunkContext,
    private readonly plan: CasePlan,
  ) {}

  /** Writes the case's orders, events, terms and hearings; returns its orders in the order made. */
  run(): OrderDraft[] {
    if (this.plan.mayStartWithInterim && this.context.rng.chance(INTERIM_FIRST_SHARE)) this.applyWithInterimFirst();
    else this.applyForFullOrderOnly();
    return this.orders;
  }

  private applyWithInterimFirst(): void {
    const { rng } = this.context;
    const { appliedOn } = this.plan;
    const interim = this.openOrder("INTERIM", null);
    const interimHearingOn = weekdayOnOrAfter(appliedOn + rng.int(0, 3));
    if (!this.leadUpToDecision(interim, HearingType.INTERIM_APPLICATION, appliedOn, interimHearingOn)) return;
    if (this.refuseOrWithdraw(interim, HearingType.INTERIM_APPLICATION, interimHearingOn, INTERIM_APPLICATION_OUTCOMES)) return;
    interim.record(OrderEventType.MADE, interimHearingOn, { courtCode: this.plan.courtCode });
    const madeNote = "Interim order made pending the full hearing.";
    this.hearing(interim, HearingType.INTERIM_APPLICATION, interimHearingOn, "HEARD", CourtDecision.INTERIM_ORDER_MADE, madeNote);
    this.writeTerms(interim);
    this.serve(interim);

    const fullHearingOn = weekdayOnOrAfter(interimHearingOn + rng.int(42, 200));
    const review = this.reviewAndExtend(interim, fullHearingOn);
    // A review still ahead is the next thing to happen to the interim order: it cannot have been discharged before it.
    if (review !== "listed" && this.dischargeInterimBefore(interim, fullHearingOn)) return;
    if (!this.leadUpToDecision(interim, HearingType.FULL_APPLICATION, interim.lastEventOn, fullHearingOn)) return;
    if (this.refuseOrWithdraw(interim, HearingType.FULL_APPLICATION, fullHearingOn, FULL_APPLICATION_OUTCOMES)) return;
    const full = this.openOrder("FULL", interim);
    interim.record(OrderEventType.SUPERSEDED, fullHearingOn, {
      courtCode: this.plan.courtCode,
      note: `Superseded by full order ${full.row.reference}.`,
    });
    this.makeFullOrder(full, fullHearingOn);
  }

  private applyForFullOrderOnly(): void {
    const { appliedOn } = this.plan;
    const full = this.openOrder("FULL", null);
    const hearingOn = weekdayOnOrAfter(appliedOn + this.context.rng.int(21, 120));
    if (!this.leadUpToDecision(full, HearingType.FULL_APPLICATION, appliedOn, hearingOn)) return;
    if (this.refuseOrWithdraw(full, HearingType.FULL_APPLICATION, hearingOn, FULL_APPLICATION_OUTCOMES)) return;
    this.makeFullOrder(full, hearingOn);
  }

  private openOrder(kind: OrderRow["kind"], supersedes: OrderDraft | null): OrderDraft {
    const { ids, sequences, chunk } = this.context;
    const { appliedOn, forceCode, courtCode } = this.plan;
    const row: OrderRow = {
      id: ids.next(),
      reference: sequences.orderReference(forceCode, yearOf(appliedOn)),
      kind,
      applicantForceCode: forceCode,
      courtCode,
      respondentId: this.plan.respondentId,
      appliedOn: null,
      madeOn: null,
      servedOn: null,
      expiresOn: null,
      untilFurtherOrder: false,
      endedOn: null,
      endReason: null,
      supersedesId: supersedes?.id ?? null,
    };
    chunk.orders.orders.push(row);
    for (const personId of this.plan.protectedPersonIds) chunk.orders.protectedPersons.push({ orderId: row.id, personId });
    const order = new OrderDraft(row, chunk.orders.events);
    order.record(OrderEventType.APPLIED, appliedOn, { courtCode });
    this.orders.push(order);
    return order;
  }

  private makeFullOrder(full: OrderDraft, madeOn: Day): void {
    const { rng } = this.context;
    const roll = rng.next();
    const years = roll < FULL_ORDER_TWO_YEARS_SHARE ? 2 : roll < FULL_ORDER_TWO_YEARS_SHARE + FULL_ORDER_FIVE_YEARS_SHARE ? 5 : null;
    const expiry: Expiry =
      years === null ? { expiresOn: null, untilFurtherOrder: true } : { expiresOn: addYears(madeOn, years), untilFurtherOrder: false };
    full.record(OrderEventType.MADE, madeOn, { courtCode: this.plan.courtCode, expiry });
    const duration = years === null ? "until further order" : `for ${years} years`;
    this.hearing(full, HearingType.FULL_APPLICATION, madeOn, "HEARD", CourtDecision.FULL_ORDER_MADE, `Full order made ${duration}.`);
    this.writeTerms(full);
    this.serve(full);
    this.laterCourtActions(full);
  }

  /**
   * Appeal, variation, discharge and renewal of a full order, each only while
   * it is still in force. An application listed ahead of the dataset's last
   * day is the last thing known of the order: nothing later has happened.
   */
  private laterCourtActions(full: OrderDraft): void {
    const { rng, until } = this.context;
    const courtCode = this.plan.courtCode;
    const happensOn = (day: Day): boolean => day <= until && full.inForceOn(day);

    if (rng.chance(APPEAL_SHARE)) {
      const appealedOn = weekdayOnOrAfter(full.lastEventOn + rng.int(21, 56));
      // The appeal is heard in the Crown Court, which keeps its own list: no magistrates' hearing.
      if (happensOn(appealedOn))
        full.record(OrderEventType.APPEALED, appealedOn, { note: "Appeal against the order dismissed by the Crown Court." });
    }
    if (rng.chance(VARIATION_SHARE)) {
      const variedOn = weekdayOnOrAfter(full.lastEventOn + rng.int(60, 540));
      if (full.inForceOn(variedOn) && this.listIfAhead(full, HearingType.VARIATION, variedOn) === "listed") return;
      if (happensOn(variedOn)) {
        const currentExpiry = full.expiry.expiresOn;
        const lengthenedTo = currentExpiry !== null && rng.chance(0.5) ? addYears(currentExpiry, 1) : null;
        const note = lengthenedTo !== null ? "Terms varied and the order lengthened by one year." : "Terms varied; expiry unchanged.";
        full.record(OrderEventType.VARIED, variedOn, {
          courtCode,
          note,
          expiry: lengthenedTo === null ? undefined : { expiresOn: lengthenedTo, untilFurtherOrder: false },
        });
        this.hearing(full, HearingType.VARIATION, variedOn, "HEARD", CourtDecision.ORDER_VARIED, note);
      }
    }
    if (rng.chance(DISCHARGE_SHARE)) {
      const dischargedOn = weekdayOnOrAfter(full.lastEventOn + rng.int(120, 720));
      if (full.inForceOn(dischargedOn) && this.listIfAhead(full, HearingType.DISCHARGE, dischargedOn) === "listed") return;
      if (happensOn(dischargedOn)) {
        this.discharge(full, dischargedOn, "Order discharged on the application of the respondent, with the consent of the police.");
        return;
      }
    }
    const expiresOn = full.expiry.expiresOn;
    if (expiresOn !== null && rng.chance(RENEWAL_SHARE)) {
      const renewedOn = weekdayOnOrBefore(expiresOn - rng.int(14, 56));
      if (renewedOn > full.lastEventOn && this.listIfAhead(full, HearingType.RENEWAL, renewedOn) === "held") {
        const note = "Order renewed for a further 2 years.";
        full.record(OrderEventType.RENEWED, renewedOn, {
          courtCode,
          note,
          expiry: { expiresOn: addYears(expiresOn, 2), untilFurtherOrder: false },
        });
        this.hearing(full, HearingType.RENEWAL, renewedOn, "HEARD", CourtDecision.ORDER_RENEWED, note);
      }
    }
  }

  /**
   * A long wait for the full hearing often brings a review that extends the
   * interim order until then. Returns where the review falls (undefined: none).
   */
  private reviewAndExtend(interim: OrderDraft, fullHearingOn: Day): ListingState | undefined {
    const { rng } = this.context;
    const madeOn = interim.madeOn!;
    if (fullHearingOn - madeOn <= 100 || !rng.chance(INTERIM_REVIEW_SHARE)) return undefined;
    const reviewedOn = weekdayOnOrBefore(madeOn + rng.int(56, fullHearingOn - madeOn - 21));
    if (reviewedOn < interim.lastEventOn) return undefined;
    const state = this.listIfAhead(interim, HearingType.REVIEW, reviewedOn);
    if (state !== "held") return state;
    const courtCode = this.plan.courtCode;
    interim.record(OrderEventType.REVIEWED, reviewedOn, { courtCode });
    interim.record(OrderEventType.EXTENDED, reviewedOn, {
      courtCode,
      note: "Interim order extended until the full hearing.",
      expiry: { expiresOn: null, untilFurtherOrder: false },
    });
    const reviewNote = "Interim order reviewed and extended until the full hearing.";
    this.hearing(interim, HearingType.REVIEW, reviewedOn, "HEARD", CourtDecision.INTERIM_ORDER_EXTENDED, reviewNote);
    return "held";
  }

  /**
   * Sometimes the interim order is discharged before the full hearing. Returns
   * whether the case stops there (also when the discharge is still ahead of
   * the dataset's last day: nothing else happens before it).
   */
  private dischargeInterimBefore(interim: OrderDraft, fullHearingOn: Day): boolean {
    const { rng } = this.context;
    if (!rng.chance(INTERIM_DISCHARGE_SHARE)) return false;
    const latestOffset = fullHearingOn - interim.lastEventOn - 3;
    if (latestOffset < 14) return false;
    const dischargedOn = weekdayOnOrBefore(interim.lastEventOn + rng.int(14, latestOffset));
    if (this.listIfAhead(interim, HearingType.DISCHARGE, dischargedOn) === "held") {
      this.discharge(interim, dischargedOn, "Interim order discharged on the application of the respondent.");
    }
    return true;
  }

  private discharge(order: OrderDraft, dischargedOn: Day, note: string): void {
    order.record(OrderEventType.DISCHARGED, dischargedOn, { courtCode: this.plan.courtCode, note });
    this.hearing(order, HearingType.DISCHARGE, dischargedOn, "HEARD", CourtDecision.ORDER_DISCHARGED, note);
  }

  /** The court refuses the application, or the police withdraw it, at the deciding hearing. Returns whether it did. */
  private refuseOrWithdraw(order: OrderDraft, type: HearingType, decidedOn: Day, odds: { refused: number; withdrawn: number }): boolean {
    const roll = this.context.rng.next();
    const courtCode = this.plan.courtCode;
    if (roll < odds.refused) {
      order.record(OrderEventType.REFUSED, decidedOn, { courtCode, note: "Application refused." });
      const note = "Application refused: the court was not satisfied the order was necessary.";
      this.hearing(order, type, decidedOn, "HEARD", CourtDecision.APPLICATION_REFUSED, note);
      return true;
    }
    if (roll < odds.refused + odds.withdrawn) {
      order.record(OrderEventType.WITHDRAWN, decidedOn, { courtCode, note: "Application withdrawn by the applicant force." });
      this.hearing(order, type, decidedOn, "HEARD", CourtDecision.APPLICATION_WITHDRAWN, "Application withdrawn by the applicant force.");
      return true;
    }
    return false;
  }

  /**
   * Adjourned and vacated listings before the deciding hearing on `decidedOn`.
   * Returns whether the deciding hearing has taken place by the dataset's last day.
   */
  private leadUpToDecision(order: OrderDraft, type: HearingType, after: Day, decidedOn: Day): boolean {
    const { rng, until } = this.context;
    const isEarlierListing = (day: Day): boolean => day > after && day <= until;
    if (rng.chance(ADJOURNMENT_SHARE)) {
      const adjournments = rng.chance(0.7) ? 1 : 2;
      const gap = rng.int(14, 21);
      for (let before = adjournments; before >= 1; before--) {
        const day = weekdayOnOrBefore(decidedOn - before * gap);
        if (isEarlierListing(day)) this.hearing(order, type, day, "ADJOURNED", CourtDecision.ADJOURNED, rng.pick(ADJOURNMENT_REASONS));
      }
    }
    if (rng.chance(VACATED_LISTING_SHARE)) {
      const day = weekdayOnOrBefore(decidedOn - rng.int(3, 10));
      if (isEarlierListing(day)) this.hearing(order, type, day, "VACATED", null, "Vacated and relisted: the court could not sit.");
    }
    return this.listIfAhead(order, type, decidedOn) === "held";
  }

  /** The order's hearing on `day` when that is ahead of the dataset's last day (see hearings.ts). */
  private listIfAhead(order: OrderDraft, type: HearingType, day: Day): ListingState {
    return listIfAhead(this.context, {
      type,
      day,
      courtCode: this.plan.courtCode,
      orderId: order.id,
      respondentId: this.plan.respondentId,
    });
  }

  /** Often in person at the court the same day, otherwise by an officer within a week. */
  private serve(order: OrderDraft): void {
    const { rng, until } = this.context;
    const madeOn = order.madeOn!;
    const atCourt = rng.chance(SERVED_AT_COURT_SHARE);
    const servedOn = atCourt ? madeOn : madeOn + rng.int(1, 6);
    if (servedOn <= until) order.record(OrderEventType.SERVED, servedOn, { note: atCourt ? "Served on the respondent at court." : null });
  }

  /** The same terms on the interim and the full order of a case, chosen when the first is made. */
  private writeTerms(order: OrderDraft): void {
    this.terms ??= chooseTerms(this.context, this.plan.place);
    writeTerms(this.context, order.id, this.terms);
  }

  private hearing(
    order: OrderDraft,
    type: HearingType,
    day: Day,
    status: CourtHearingRow["status"],
    decision: CourtDecision | null,
    outcomeNote: string | null,
  ): void {
    addHearing(this.context, {
      type,
      status,
      day,
      courtCode: this.plan.courtCode,
      orderId: order.id,
      respondentId: this.plan.respondentId,
      decision,
      outcomeNote,
    });
  }
}
