import type { Db } from "../../../platform/db/db";
import { appendToOutbox } from "../../../platform/events/outbox";
import { ORDER_FACTS_CHANGED, type OrderFacts, type OrderFactsChangedPayload } from "../../../domain/order-facts/order-facts";
import { STREAMS } from "../../../domain/topology";
import { OrderWriter } from "./order.writer";

/**
 * Publishes an order's changed facts, with its parties, in the transaction that changed them (outbox): for a
 * change no decision made (service, a transfer of management), so no hearing made the order.
 */
export async function publishOrderFacts(tx: Db, order: OrderFacts): Promise<void> {
  const protectedPersons = await new OrderWriter(tx).protectedPersonIdsOf([order.id]);
  await appendToOutbox<OrderFactsChangedPayload>(tx, STREAMS.orderFacts.name, [
    {
      type: ORDER_FACTS_CHANGED,
      payload: {
        order,
        madeAtHearingId: null,
        parties: { respondentId: order.respondentId, protectedPersonIds: protectedPersons.get(order.id)! },
      },
    },
  ]);
}
