import type { Db } from "../../../platform/db/db";
import { loaderOfMany, loaderOfOne } from "../../../platform/loaders";
import { BreachRepository } from "./breach.repository";

export function createBreachLoaders(db: Db) {
  const repository = new BreachRepository(db);
  return {
    breachById: loaderOfOne(
      (ids) => repository.findBreachesByIds(ids),
      (breach) => breach.id,
    ),
    breachesByOrderId: loaderOfMany(
      (orderIds) => repository.findBreachesByOrderIds(orderIds),
      // The SQL selects only breaches with one of the order ids, so orderId is never null here.
      (breach) => breach.orderId as string,
    ),
    termsBreachedByBreachId: loaderOfMany(
      (breachIds) =>
        db.query<{ breachId: string; termId: string }>(
          `SELECT breach_id AS "breachId", term_id AS "termId" FROM breach_term_breached WHERE breach_id = ANY($1) ORDER BY breach_id, position`,
          [breachIds],
        ),
      (row) => row.breachId,
    ),
    breachesByOffenderId: loaderOfMany(
      (offenderIds) => repository.findBreachesByOffenderIds(offenderIds),
      (breach) => breach.offenderId,
    ),
  };
}
