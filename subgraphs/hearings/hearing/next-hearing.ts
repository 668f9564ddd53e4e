import { randomUUID } from "node:crypto";
import { checkNextHearing, type ListingSlot } from "../../../domain/listing";
import { ReportingRestriction, type HearingStatus } from "../../../domain/vocabulary";
import type { Db } from "../../../platform/db/db";
import type { HearingsContext } from "../context";
import type { CourtHearing } from "./hearing.type";
import { HearingWriter } from "./hearing.writer";
import type { NextHearingInput } from "./listing.input";
import { courtroomOf, insertListedHearing, listingRules, refused } from "./listing-slot";
import { reportingRestrictionsOf } from "./listed-hearing";

/** An adjournment's next hearing as asked, each field left out still null (the adjourned hearing's are taken when listing). */
export function nextHearingRequest(input: NextHearingInput) {
  return {
    listedFor: input.listedFor.toISOString(),
    courtCode: input.courtCode ?? null,
    type: input.type ?? null,
    courtroom: courtroomOf(input.courtroom),
    listingSequence: input.listingSequence ?? null,
    listedDurationMinutes: input.listedDurationMinutes ?? null,
    hearingLanguage: input.hearingLanguage ?? null,
    reportingRestrictions: input.reportingRestrictions ?? null,
    youthMarker: input.youthMarker ?? null,
  };
}
export type NextHearingRequest = ReturnType<typeof nextHearingRequest>;

/**
 * Lists the next hearing of an adjourned one, inside the transaction recording the adjournment
 * (domain/listing.ts checkNextHearing): the same case, order, respondent and breach, at the adjourned hearing's
 * court, language and markers unless given others. A refusal names `input.nextHearing` or one of its fields, and
 * the whole outcome is refused with it.
 */
export async function listNextHearing(
  tx: Db,
  context: HearingsContext,
  adjourned: CourtHearing,
  outcomeStatus: `${HearingStatus}`,
  next: NextHearingRequest,
): Promise<void> {
  const slot: ListingSlot = {
    courtCode: next.courtCode ?? adjourned.courtCode,
    listedFor: new Date(next.listedFor),
    courtroom: next.courtroom,
    listingSequence: next.listingSequence,
    listedDurationMinutes: next.listedDurationMinutes,
  };
  const type = next.type ?? adjourned.type;
  const writer = new HearingWriter(tx);
  const rules = await listingRules(writer, context.principal, context.clock, slot, [slot.courtCode], null);
  const check = checkNextHearing(outcomeStatus, adjourned, { ...slot, type }, rules);
  if (!check.ok) throw refused("input", check);
  // A youth court's own restriction is the court's, not the case's: it follows the next hearing's court.
  const carried = reportingRestrictionsOf(adjourned).filter((restriction) => restriction !== ReportingRestriction.YOUTH_COURT_AUTOMATIC);
  await insertListedHearing(
    writer,
    {
      id: randomUUID(),
      type,
      slot,
      hearingLanguage: next.hearingLanguage ?? adjourned.hearingLanguage,
      markers: { reportingRestrictions: next.reportingRestrictions ?? carried, youthMarker: next.youthMarker ?? adjourned.youthMarker },
      orderId: adjourned.orderId,
      respondentId: adjourned.respondentId,
      breachId: adjourned.breachId,
      caseNumber: adjourned.caseNumber,
      previousHearingId: adjourned.id,
    },
    rules,
    context.principal.sub,
    "input.nextHearing",
  );
}
