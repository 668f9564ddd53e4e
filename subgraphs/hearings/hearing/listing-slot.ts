import { markersAt, nextListingSequence, type ListingMarkers, type ListingSlot } from "../../../domain/listing";
import type { Refusal } from "../../../domain/refusal";
import type { HearingLanguage, HearingType, ReportingRestriction } from "../../../domain/vocabulary";
import { BadUserInputError } from "../../../platform/errors/errors";
import { findCourt } from "../../../platform/estate";
import { coversCourt, type Principal } from "../../../platform/identity/principal";
import type { Clock } from "../../../platform/clock";
import { londonDateOf } from "../../../platform/dates";
import type { CourtHearingRow } from "./hearing.table";
import { HearingWriter } from "./hearing.writer";

/**
 * What listing a hearing takes, shared by listHearing and an adjournment's next hearing: the court's list held,
 * the rules asked with the sequences taken there, and the hearing written with its first listing-history entry.
 */

/** A domain refusal as the API's error, its argument under `prefix` ("input" or "input.nextHearing"). */
export function refused(prefix: string, refusal: Refusal): BadUserInputError {
  return new BadUserInputError(`${prefix}.${refusal.argument}`, refusal.reason);
}

/** A courtroom as typed: trimmed, blank as none (the rules bound its length). */
export function courtroomOf(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

export interface ListingRules {
  today: string;
  coversCourt: (courtCode: string) => boolean;
  takenSequences: readonly number[];
}

/** Holds the slot's court list and reads what the rules need of it. */
export async function listingRules(
  writer: HearingWriter,
  principal: Principal,
  clock: Clock,
  slot: ListingSlot,
  courts: readonly string[],
  exceptId: string | null,
): Promise<ListingRules> {
  await writer.lockCourtLists(courts);
  return {
    today: clock.today(),
    coversCourt: (courtCode) => coversCourt(principal, courtCode),
    takenSequences: await writer.takenSequences(slot, exceptId),
  };
}

export interface NewHearing {
  id: string;
  type: `${HearingType}`;
  slot: ListingSlot;
  hearingLanguage: `${HearingLanguage}`;
  markers: { reportingRestrictions: readonly `${ReportingRestriction}`[] | null; youthMarker: boolean | null };
  orderId: string | null;
  respondentId: string | null;
  breachId: string | null;
  /** The case the hearing belongs to, when it continues one (an adjournment); a new number otherwise. */
  caseNumber: string | null;
  previousHearingId: string | null;
}

/** Writes a hearing the rules accepted, LISTED, at the sequence after the last when none was given; refuses its markers (under `prefix`) if the court rules them out. */
export async function insertListedHearing(
  writer: HearingWriter,
  hearing: NewHearing,
  rules: ListingRules,
  changedBy: string,
  prefix: string,
): Promise<void> {
  const court = findCourt(hearing.slot.courtCode);
  if (!court) throw new Error(`court ${hearing.slot.courtCode} passed the listing rules unknown`);
  const markers = markersAt(court.code, hearing.markers);
  if (!markers.ok) throw refused(prefix, markers);
  const slot: ListingSlot = { ...hearing.slot, listingSequence: hearing.slot.listingSequence ?? nextListingSequence(rules.takenSequences) };
  const sittingDay = londonDateOf(slot.listedFor);
  const row: CourtHearingRow = {
    id: hearing.id,
    caseNumber: hearing.caseNumber ?? (await writer.nextCaseNumber(court.code, Number(sittingDay.slice(0, 4)))),
    courtCode: court.code,
    forceCode: court.forceCode,
    type: hearing.type,
    status: "LISTED",
    listedFor: slot.listedFor.toISOString(),
    courtroom: slot.courtroom,
    orderId: hearing.orderId,
    respondentId: hearing.respondentId,
    breachId: hearing.breachId,
    decision: null,
    outcomeNote: null,
    listingSequence: slot.listingSequence,
    listedDurationMinutes: slot.listedDurationMinutes,
    hearingLanguage: hearing.hearingLanguage,
    ...markerColumns(markers.markers),
    previousHearingId: hearing.previousHearingId,
  };
  await writer.insertHearing(row);
  await writer.recordListingChange({ hearingId: hearing.id, kind: "LISTED", slot, reason: null, changedBy });
}

/** The markers as their columns. */
export function markerColumns(markers: ListingMarkers): { reportingRestrictionCodes: string; youthMarker: boolean } {
  return { reportingRestrictionCodes: markers.reportingRestrictions.join(","), youthMarker: markers.youthMarker };
}
