import type { Db } from "../../kit/db";
import { loaderOfMany, loaderOfOne } from "../../kit/loaders";
import { HearingRepository } from "./hearing.repository";

export function createHearingLoaders(db: Db) {
  const repository = new HearingRepository(db);
  return {
    hearingById: loaderOfOne((ids) => repository.findHearingsByIds(ids), (hearing) => hearing.id),
    hearingsByOrderId: loaderOfMany(
      (orderIds) => repository.findHearingsByOrderIds(orderIds),
      // The SQL selects only hearings with one of the order ids, so orderId is never null here.
      (hearing) => hearing.orderId as string,
    ),
  };
}

export type HearingLoaders = ReturnType<typeof createHearingLoaders>;
