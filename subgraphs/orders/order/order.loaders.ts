import type { Db } from "../../../platform/db/db";
import { loaderOfMany, loaderOfOne } from "../../../platform/loaders";
import type { Principal } from "../../../platform/identity/principal";
import { coverageVisibility, existenceVisibility } from "./order-jurisdiction";
import { OrderRepository } from "./order.repository";
import { OrderTermsRepository } from "./order-terms.repository";

/**
 * Loaders of one request, filtering by the caller's jurisdiction in SQL (one
 * statement per batch either way): court callers load only the orders they
 * cover, by id (order(id), _entities, supersedes) and by respondent;
 * protected-person links to orders are loaded only for orders the caller covers.
 */
export function createOrderLoaders(db: Db, principal: Principal) {
  const repository = new OrderRepository(db);
  const existence = existenceVisibility(principal);
  const coverage = coverageVisibility(principal);
  return {
    orderById: loaderOfOne(
      (ids) => repository.findOrdersByIds(ids, existence),
      (order) => order.id,
    ),
    ordersByRespondentId: loaderOfMany(
      (ids) => repository.findOrdersByRespondentIds(ids, existence),
      (order) => order.respondentId,
    ),
    // Person.protectedBy: the link is protected-person detail, so only orders the caller covers (silently filtered).
    ordersByProtectedPersonId: loaderOfMany(
      (ids) => repository.findOrdersByProtectedPersonIds(ids, coverage),
      (order) => order.protectedPersonId,
    ),
    protectedPersonLinksByOrderId: loaderOfMany(
      (ids) => repository.findProtectedPersonLinks(ids),
      (link) => link.orderId,
    ),
    termDecisionsByOrderId: loaderOfOne(
      (ids) => new OrderTermsRepository(db).decisionsOf(ids),
      (held) => held.orderId,
    ),
    managementTransfersByOrderId: loaderOfMany(
      (ids) => repository.findManagementTransfersByOrderIds(ids),
      (transfer) => transfer.orderId,
    ),
    eventsByOrderId: loaderOfMany(
      (ids) => repository.findEventsByOrderIds(ids),
      (event) => event.orderId,
    ),
  };
}
