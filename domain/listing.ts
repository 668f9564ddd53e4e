import { findCourt } from "../platform/estate";
import { londonDateOf } from "../platform/dates";
import { COURTS_BY_HEARING_TYPE } from "./court-decisions";
import { deriveOrderStatus, type OrderStatusFacts } from "./order-status";
import { refuse, type Refusal } from "./refusal";
import { ReportingRestriction, type HearingStatus, type HearingType } from "./vocabulary";

/**
 * Court listing (HMCTS Common Platform's hearing shape): where and when a hearing sits, its place in the
 * courtroom's list, and the rules for listing one, moving it (relisting) and taking it out of the list
 * (vacating). A refusal names the input argument at fault, as the API names it; the mutations turn it into
 * BAD_USER_INPUT and change nothing.
 */

/** Courts sit Monday to Friday; SPO business is not weekend remand business. Bank holidays are not known here. */
const SITTING_WEEKDAYS: readonly number[] = [1, 2, 3, 4, 5];
/** One sitting day's court time: a longer hearing is listed day by day. */
export const MAX_LISTED_DURATION_MINUTES = 360;
export const MAX_COURTROOM_LENGTH = 40;
/** The longest relisting or vacating reason accepted. */
export const MAX_LISTING_REASON_LENGTH = 1000;
/** Breach hearings are about an offence this subgraph cannot check; they are continued by adjournment only. */
const LISTABLE_TYPES: readonly `${HearingType}`[] = [
  "INTERIM_APPLICATION",
  "FULL_APPLICATION",
  "REVIEW",
  "VARIATION",
  "RENEWAL",
  "DISCHARGE",
  "APPEAL",
];

/** A hearing's place in the list. */
export interface ListingSlot {
  courtCode: string;
  listedFor: Date;
  courtroom: string | null;
  listingSequence: number | null;
  listedDurationMinutes: number | null;
}

export type SlotArgument = "courtCode" | "listedFor" | "courtroom" | "listingSequence" | "listedDurationMinutes";

/** The sequences already taken in the slot's courtroom that day, by other hearings still listed. */
export type TakenSequences = readonly number[];

/** Who may list at a court: the caller's own courts only. */
export type CoversCourt = (courtCode: string) => boolean;

/**
 * A place in the list a hearing of `type` can take: at a known court of the caller's that hears that type, on a
 * day that is not past and the court sits, for a sensible length, at a sequence not taken in that courtroom.
 */
export function checkSlot(
  type: `${HearingType}`,
  slot: ListingSlot,
  context: { today: string; coversCourt: CoversCourt; takenSequences: TakenSequences },
): { ok: true } | Refusal<SlotArgument> {
  const court = findCourt(slot.courtCode);
  if (!court || !context.coversCourt(slot.courtCode)) return refuse("courtCode", `no court "${slot.courtCode}" among your courts`);
  if (!COURTS_BY_HEARING_TYPE[type].includes(court.jurisdiction)) {
    return refuse("courtCode", `${court.name} (${court.jurisdiction}) does not hear a ${type} hearing`);
  }
  const sittingDay = londonDateOf(slot.listedFor);
  if (sittingDay < context.today) return refuse("listedFor", `the sitting day ${sittingDay} is in the past (today is ${context.today})`);
  if (!SITTING_WEEKDAYS.includes(weekdayOf(sittingDay))) {
    return refuse("listedFor", `${court.name} does not sit on ${sittingDay}, a ${dayName(sittingDay)}`);
  }
  if (slot.courtroom !== null && (slot.courtroom === "" || slot.courtroom.length > MAX_COURTROOM_LENGTH)) {
    return refuse("courtroom", `a courtroom is 1 to ${MAX_COURTROOM_LENGTH} characters`);
  }
  const duration = slot.listedDurationMinutes;
  if (duration !== null && (!Number.isInteger(duration) || duration < 1 || duration > MAX_LISTED_DURATION_MINUTES)) {
    return refuse("listedDurationMinutes", `from 1 to ${MAX_LISTED_DURATION_MINUTES} minutes (one sitting day); got ${duration}`);
  }
  const sequence = slot.listingSequence;
  if (sequence !== null) {
    if (!Number.isInteger(sequence) || sequence < 1) return refuse("listingSequence", `a position in the list from 1; got ${sequence}`);
    if (context.takenSequences.includes(sequence)) {
      return refuse("listingSequence", `${sequence} is taken in ${slot.courtroom ?? "the court's list"} on ${sittingDay}`);
    }
  }
  return { ok: true };
}

/** What a court list says of a hearing besides its place: the reporting restrictions on it and whether it is a youth case. */
export interface ListingMarkers {
  reportingRestrictions: readonly `${ReportingRestriction}`[];
  youthMarker: boolean;
}

/**
 * The markers a hearing is listed with at a court. A youth court hears only the cases of people under 18, and
 * reports of its proceedings are restricted by law (Children and Young Persons Act 1933 s.49): there the youth
 * marker is set and the automatic restriction added; elsewhere that restriction does not apply and the marker is
 * what the court says (false unless given). Restrictions come back once each, in their vocabulary's order.
 */
export function markersAt(
  courtCode: string,
  given: { reportingRestrictions: readonly `${ReportingRestriction}`[] | null; youthMarker: boolean | null },
): { ok: true; markers: ListingMarkers } | Refusal<"reportingRestrictions" | "youthMarker"> {
  const youthCourt = findCourt(courtCode)?.jurisdiction === "YOUTH";
  const restrictions = new Set(given.reportingRestrictions ?? []);
  if (youthCourt) {
    if (given.youthMarker === false) return refuse("youthMarker", "a youth court hears only the cases of people under 18");
    restrictions.add(ReportingRestriction.YOUTH_COURT_AUTOMATIC);
  } else if (restrictions.has(ReportingRestriction.YOUTH_COURT_AUTOMATIC)) {
    return refuse(
      "reportingRestrictions",
      "YOUTH_COURT_AUTOMATIC applies in a youth court only; elsewhere a court directs YOUTH_DIRECTION",
    );
  }
  const ordered = Object.values(ReportingRestriction).filter((restriction) => restrictions.has(restriction));
  return { ok: true, markers: { reportingRestrictions: ordered, youthMarker: youthCourt || given.youthMarker === true } };
}

/** The sequence a hearing listed without one takes: after the last in its courtroom that day. */
export function nextListingSequence(taken: TakenSequences): number {
  return taken.reduce((last, sequence) => Math.max(last, sequence), 0) + 1;
}

export type NewListingArgument = SlotArgument | "orderId" | "type";

/** The order a hearing is listed about, as hearings' copy of its facts has it. */
export interface ListedOrder extends OrderStatusFacts {
  kind: "INTERIM" | "FULL";
}

/**
 * A new hearing about an order (listHearing): a type a listing may start (breach hearings are continued by
 * adjournment, from the hearing that charged them), about an order in the state that type of hearing is for: an
 * application about an order applied for (a full application may also be about the interim order made pending it),
 * a review, variation, renewal or discharge about an order in force, an appeal about an order decided.
 */
export function checkNewListing(
  type: `${HearingType}`,
  order: ListedOrder,
  slot: ListingSlot,
  context: { today: string; coversCourt: CoversCourt; takenSequences: TakenSequences },
): { ok: true } | Refusal<NewListingArgument> {
  if (!LISTABLE_TYPES.includes(type)) {
    return refuse("type", `a ${type} hearing is listed by adjourning the breach hearing before it (recordHearingOutcome nextHearing)`);
  }
  const status = deriveOrderStatus(order, context.today);
  const fits = orderFitsHearing(type, order.kind, status);
  if (fits !== null) return refuse("orderId", fits);
  return checkSlot(type, slot, context);
}

function orderFitsHearing(type: `${HearingType}`, kind: "INTERIM" | "FULL", status: string): string | null {
  const describe = `the ${kind.toLowerCase()} order is ${status}`;
  switch (type) {
    case "INTERIM_APPLICATION":
      return kind === "INTERIM" && status === "APPLIED"
        ? null
        : `an interim application hearing is about an interim order applied for; ${describe}`;
    case "FULL_APPLICATION":
      return (kind === "FULL" && status === "APPLIED") || (kind === "INTERIM" && (status === "APPLIED" || status === "IN_FORCE"))
        ? null
        : `a full application hearing is about a full order applied for, or the interim order pending it; ${describe}`;
    case "APPEAL":
      return status === "APPLIED" ? `an appeal is against a decision; ${describe}, nothing is decided yet` : null;
    default:
      return status === "IN_FORCE" ? null : `a ${type} hearing is about an order in force; ${describe}`;
  }
}

/** A hearing as listed now, for relisting or vacating it. */
export interface ListedHearing extends ListingSlot {
  type: `${HearingType}`;
  status: `${HearingStatus}`;
}

export type ChangeArgument = SlotArgument | "hearingId" | "reason";

/** Only a hearing still listed can be moved or taken out: a heard, adjourned or vacated one has its outcome. */
function stillListed(hearing: ListedHearing): Refusal<"hearingId"> | null {
  if (hearing.status === "LISTED") return null;
  return refuse("hearingId", `the hearing is ${hearing.status}; only a LISTED hearing can be relisted or vacated`);
}

/** The reason a listing changed: said in words, within bounds. */
export function checkReason(reason: string): Refusal<"reason"> | null {
  if (reason === "") return refuse("reason", "say why the listing changes");
  if (reason.length > MAX_LISTING_REASON_LENGTH) {
    return refuse("reason", `at most ${MAX_LISTING_REASON_LENGTH} characters; got ${reason.length}`);
  }
  return null;
}

/**
 * Moving a listed hearing (relistHearing) to another day, court, courtroom, sequence or length: the hearing still
 * listed, a reason given, the new place one the hearing could be listed in, and something actually changed.
 */
export function checkRelisting(
  hearing: ListedHearing,
  to: ListingSlot,
  reason: string,
  context: { today: string; coversCourt: CoversCourt; takenSequences: TakenSequences },
): { ok: true } | Refusal<ChangeArgument> {
  const refusal = stillListed(hearing) ?? checkReason(reason);
  if (refusal) return refusal;
  const unchanged =
    to.courtCode === hearing.courtCode &&
    to.listedFor.getTime() === hearing.listedFor.getTime() &&
    to.courtroom === hearing.courtroom &&
    to.listingSequence === hearing.listingSequence &&
    to.listedDurationMinutes === hearing.listedDurationMinutes;
  if (unchanged) return refuse("listedFor", "the hearing is already listed there; give the day, court, courtroom or sequence it moves to");
  return checkSlot(hearing.type, to, context);
}

/** Taking a listed hearing out of the list (vacateHearing): it stays on record, VACATED, with the reason. */
export function checkVacating(hearing: ListedHearing, reason: string): { ok: true } | Refusal<"hearingId" | "reason"> {
  return stillListed(hearing) ?? checkReason(reason) ?? { ok: true };
}

/** The hearing an outcome adjourns, for its next hearing. */
export interface AdjournedHearing {
  type: `${HearingType}`;
  listedFor: Date;
}

/** The hearing types an adjourned hearing of each type continues as: a breach case moves on to its trial or sentence. */
const NEXT_TYPES: Readonly<Partial<Record<`${HearingType}`, readonly `${HearingType}`[]>>> = {
  BREACH_FIRST_APPEARANCE: ["BREACH_FIRST_APPEARANCE", "BREACH_TRIAL", "BREACH_SENTENCE"],
  BREACH_TRIAL: ["BREACH_TRIAL", "BREACH_SENTENCE"],
};

/** The types an adjourned hearing's next hearing may have (the same type, first). */
export function nextHearingTypes(adjourned: `${HearingType}`): readonly `${HearingType}`[] {
  return NEXT_TYPES[adjourned] ?? [adjourned];
}

/** Named as the API names them: the whole input (`nextHearing`) or one of its fields. */
export type NextHearingArgument = "nextHearing" | `nextHearing.${SlotArgument | "type"}`;

/**
 * The next hearing an adjournment lists (recordHearingOutcome nextHearing): only an adjournment lists one; it sits
 * on a later day than the hearing adjourned, at a place the caller can list, and continues the same business (an
 * application or review stays one; a breach case may move on to its trial or sentence).
 */
export function checkNextHearing(
  outcomeStatus: `${HearingStatus}`,
  adjourned: AdjournedHearing,
  next: ListingSlot & { type: `${HearingType}` },
  context: { today: string; coversCourt: CoversCourt; takenSequences: TakenSequences },
): { ok: true } | Refusal<NextHearingArgument> {
  if (outcomeStatus !== "ADJOURNED") {
    return refuse("nextHearing", `only an adjournment lists a next hearing; this outcome is ${outcomeStatus}`);
  }
  const adjournedOn = londonDateOf(adjourned.listedFor);
  const nextOn = londonDateOf(next.listedFor);
  if (nextOn <= adjournedOn) {
    return refuse("nextHearing.listedFor", `the next hearing sits after the adjourned one (${adjournedOn}); got ${nextOn}`);
  }
  const types = nextHearingTypes(adjourned.type);
  if (!types.includes(next.type)) {
    return refuse("nextHearing.type", `an adjourned ${adjourned.type} hearing continues as ${types.join(" or ")}, not ${next.type}`);
  }
  const slot = checkSlot(next.type, next, context);
  return slot.ok ? slot : refuse(`nextHearing.${slot.argument}`, slot.reason);
}

function weekdayOf(isoDate: string): number {
  return new Date(`${isoDate}T00:00:00Z`).getUTCDay();
}

function dayName(isoDate: string): string {
  return ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"][weekdayOf(isoDate)];
}
