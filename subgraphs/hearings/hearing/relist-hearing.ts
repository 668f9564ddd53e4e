import { checkRelisting, markersAt, nextListingSequence, type ListingSlot } from "../../../domain/listing";
import { ReportingRestriction } from "../../../domain/vocabulary";
import { londonDateOf } from "../../../platform/dates";
import { BadUserInputError } from "../../../platform/errors/errors";
import { findCourt } from "../../../platform/estate";
import { runIdempotentMutation } from "../../../platform/subgraph/idempotent-mutation";
import type { HearingsContext } from "../context";
import type { CourtHearing } from "./hearing.type";
import { HearingWriter } from "./hearing.writer";
import type { RelistHearingInput } from "./listing.input";
import { lockListedHearing, reportingRestrictionsOf, slotOf } from "./listed-hearing";
import { courtroomOf, listingRules, refused } from "./listing-slot";

/**
 * relistHearing: a listed hearing at one of the caller's courts moves to another day, courtroom or court of the
 * caller's, with a reason (domain/listing.ts). Its row says where it is listed now; its listing history keeps
 * where it was and why it moved. One transaction with the idempotency record; a refusal changes nothing. No other
 * subgraph keeps a copy of hearings, so no event is published.
 */
export async function relistHearing(context: HearingsContext, input: RelistHearingInput): Promise<CourtHearing> {
  const move = {
    hearingId: input.hearingId,
    courtCode: input.courtCode ?? null,
    listedFor: input.listedFor?.toISOString() ?? null,
    courtroom: input.courtroom === undefined || input.courtroom === null ? null : courtroomOf(input.courtroom),
    listingSequence: input.listingSequence ?? null,
    listedDurationMinutes: input.listedDurationMinutes ?? null,
    reason: input.reason.trim(),
  };
  const { principal, clock } = context;

  return runIdempotentMutation(context, {
    idempotencyKey: input.idempotencyKey,
    request: move,
    newResultId: move.hearingId,
    authorize: (tx) => lockListedHearing(tx, principal, move.hearingId),
    async perform(tx, hearing) {
      const from = slotOf(hearing);
      const place = {
        courtCode: move.courtCode ?? from.courtCode,
        listedFor: move.listedFor === null ? from.listedFor : new Date(move.listedFor),
        courtroom: move.courtroom ?? from.courtroom,
      };
      const samePlace =
        place.courtCode === from.courtCode &&
        place.courtroom === from.courtroom &&
        londonDateOf(place.listedFor) === londonDateOf(from.listedFor);
      const to: ListingSlot = {
        ...place,
        // Staying in its courtroom's list that day, it keeps its place unless given another.
        listingSequence: move.listingSequence ?? (samePlace ? from.listingSequence : null),
        listedDurationMinutes: move.listedDurationMinutes ?? from.listedDurationMinutes,
      };
      const writer = new HearingWriter(tx);
      const rules = await listingRules(writer, principal, clock, to, [from.courtCode, to.courtCode], hearing.id);
      const check = checkRelisting({ ...from, type: hearing.type, status: hearing.status }, to, move.reason, rules);
      if (!check.ok) throw refused("input", check);
      // The markers follow the court: a youth court's own restriction comes and goes with it.
      const kept = reportingRestrictionsOf(hearing).filter((restriction) => restriction !== ReportingRestriction.YOUTH_COURT_AUTOMATIC);
      const markers = markersAt(to.courtCode, { reportingRestrictions: kept, youthMarker: hearing.youthMarker });
      if (!markers.ok) throw new BadUserInputError("input.courtCode", markers.reason);
      const placed = { ...to, listingSequence: to.listingSequence ?? nextListingSequence(rules.takenSequences) };
      await writer.relist(hearing.id, placed, findCourt(to.courtCode)!.forceCode, markers.markers);
      await writer.recordListingChange({
        hearingId: hearing.id,
        kind: "RELISTED",
        slot: placed,
        reason: move.reason,
        changedBy: principal.sub,
      });
    },
    // The loader is cleared first: the move just changed the row it may hold.
    read: (hearingId) => context.loaders.hearingById.clear(hearingId).load(hearingId),
  });
}
