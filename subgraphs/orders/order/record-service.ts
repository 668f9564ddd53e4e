import { checkService, type ServedOrder } from "../../../domain/service";
import { BadUserInputError, outOfJurisdiction } from "../../../platform/errors/errors";
import type { OrderFacts } from "../../../domain/order-facts/order-facts";
import { runIdempotentMutation } from "../../../platform/subgraph/idempotent-mutation";
import type { OrdersContext } from "../context";
import type { RecordServiceInput } from "./order.input";
import type { StalkingProtectionOrder } from "./order.type";
import { OrderWriter } from "./order.writer";
import { coversOrderForces } from "./order-jurisdiction";
import { publishOrderFacts } from "./publish-order-facts";

/**
 * recordService: the day an order of a force the caller covers was served on the respondent (domain/service.ts:
 * once, on a day it was in force, not in the future). Sets servedOn and adds SERVED to its history, in ONE
 * transaction with its idempotency record and the OrderFactsChanged event (people checks notifications against
 * the day of service). A refusal changes nothing; the same key with the same input returns the order after the
 * same jurisdiction check.
 */
export async function recordService(context: OrdersContext, input: RecordServiceInput): Promise<StalkingProtectionOrder> {
  const service = { orderId: input.orderId, servedOn: input.servedOn };
  const { principal } = context;
  return runIdempotentMutation(context, {
    idempotencyKey: input.idempotencyKey,
    request: service,
    newResultId: service.orderId,
    async authorize(tx): Promise<ServedOrder & OrderFacts> {
      const order = await new OrderWriter(tx).lockForService(service.orderId);
      if (!order) throw new BadUserInputError("input.orderId", `no order "${service.orderId}"`);
      // Anyone may know the order exists; recording its service is for the forces covering it.
      if (!coversOrderForces(principal, order)) throw outOfJurisdiction();
      return order;
    },
    async perform(tx, order) {
      const check = checkService(order, service.servedOn, context.clock.today());
      if (!check.ok) throw new BadUserInputError(`input.${check.argument}`, check.reason);
      await publishOrderFacts(tx, await new OrderWriter(tx).recordService(service.orderId, service.servedOn));
    },
    // The loader is cleared first: the change is to the row it may hold.
    read: (orderId) => context.loaders.orderById.clear(orderId).load(orderId),
    afterChange: () => context.eventsWritten(),
  });
}
