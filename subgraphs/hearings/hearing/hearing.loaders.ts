import type { Db } from "../../../platform/db/db";
import { loaderOfMany, loaderOfOne } from "../../../platform/loaders";
import { confinedToCourts, type Principal } from "../../../platform/identity/principal";
import { HearingRepository } from "./hearing.repository";

/**
 * Loaders of one request. Jurisdiction: a court-listing caller sees only
 * hearings at the courts it covers (filtered in SQL, still one statement per
 * batch), so hearing(id) and _entities give null for others and an order's
 * hearings are only those at its courts. Force, region and national callers
 * see every hearing.
 */
export function createHearingLoaders(db: Db, principal: Principal) {
  const repository = new HearingRepository(db);
  const courts = confinedToCourts(principal);
  return {
    hearingById: loaderOfOne(
      (ids) => repository.findHearingsByIds(ids, courts),
      (hearing) => hearing.id,
    ),
    hearingsByOrderId: loaderOfMany(
      (orderIds) => repository.findHearingsByOrderIds(orderIds, courts),
      // The SQL selects only hearings with one of the order ids, so orderId is never null here.
      (hearing) => hearing.orderId as string,
    ),
    // An adjourned hearing's next one (CourtHearing.nextHearing); the SQL selects only hearings with a previous one.
    hearingByPreviousId: loaderOfOne(
      (previousIds) => repository.findHearingsByPreviousIds(previousIds, courts),
      (hearing) => hearing.previousHearingId as string,
    ),
    // Only for hearings already read through the loaders above, so already within the caller's courts.
    correctedOutcomesByHearingId: loaderOfMany(
      (hearingIds) => repository.findCorrectedOutcomesByHearingIds(hearingIds),
      (outcome) => outcome.hearingId,
    ),
  };
}
