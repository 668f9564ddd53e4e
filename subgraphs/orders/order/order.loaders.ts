import type { Db } from "../../kit/db";
import { loaderOfMany, loaderOfOne } from "../../kit/loaders";
import { OrderRepository } from "./order.repository";

export function createOrderLoaders(db: Db) {
  const repository = new OrderRepository(db);
  return {
    orderById: loaderOfOne((ids) => repository.findOrdersByIds(ids), (order) => order.id),
    ordersByRespondentId: loaderOfMany((ids) => repository.findOrdersByRespondentIds(ids), (order) => order.respondentId),
    ordersByProtectedPersonId: loaderOfMany(
      (ids) => repository.findOrdersByProtectedPersonIds(ids),
      (order) => order.protectedPersonId,
    ),
    protectedPersonLinksByOrderId: loaderOfMany((ids) => repository.findProtectedPersonLinks(ids), (link) => link.orderId),
    termsByOrderId: loaderOfMany((ids) => repository.findTermsByOrderIds(ids), (term) => term.orderId),
    eventsByOrderId: loaderOfMany((ids) => repository.findEventsByOrderIds(ids), (event) => event.orderId),
  };
}

export type OrderLoaders = ReturnType<typeof createOrderLoaders>;
