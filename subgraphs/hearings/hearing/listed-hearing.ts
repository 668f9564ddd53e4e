import type { ListingSlot } from "../../../domain/listing";
import type { ReportingRestriction } from "../../../domain/vocabulary";
import type { Db } from "../../../platform/db/db";
import { BadUserInputError } from "../../../platform/errors/errors";
import { coversCourt, type Principal } from "../../../platform/identity/principal";
import type { CourtHearing } from "./hearing.type";
import { HearingWriter } from "./hearing.writer";

/**
 * The hearing a listing change is about, locked until the transaction ends. A hearing at a court the caller does
 * not cover does not exist for it: the same answer as an unknown id (as recordHearingOutcome gives).
 */
export async function lockListedHearing(tx: Db, principal: Principal, hearingId: string): Promise<CourtHearing> {
  const hearing = await new HearingWriter(tx).lockHearing(hearingId);
  if (!hearing || !coversCourt(principal, hearing.courtCode)) {
    throw new BadUserInputError("input.hearingId", "no hearing with this id at your courts");
  }
  return hearing;
}

/** Where the hearing is listed now. */
export function slotOf(hearing: CourtHearing): ListingSlot {
  return {
    courtCode: hearing.courtCode,
    listedFor: hearing.listedFor,
    courtroom: hearing.courtroom,
    listingSequence: hearing.listingSequence,
    listedDurationMinutes: hearing.listedDurationMinutes,
  };
}

/** The hearing's reporting restrictions, from their column. */
export function reportingRestrictionsOf(hearing: Pick<CourtHearing, "reportingRestrictionCodes">): `${ReportingRestriction}`[] {
  return hearing.reportingRestrictionCodes === "" ? [] : (hearing.reportingRestrictionCodes.split(",") as `${ReportingRestriction}`[]);
}
