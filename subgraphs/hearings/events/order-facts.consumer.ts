import type { Db } from "../../../platform/db/db";
import type { DomainEvent } from "../../../platform/events/event";
import { orderFactsChange } from "../../../domain/order-facts/order-facts";
import { applyOrderFactsChange } from "../../../domain/order-facts/order-facts-copy";
import { HearingWriter } from "../hearing/hearing.writer";

/**
 * Keeps this subgraph's copy of order facts current (to check decisions
 * against), and moves a full application hearing, listed against the interim
 * order, over to the full order it made.
 */
export async function applyOrderFactsToHearings(tx: Db, event: DomainEvent): Promise<void> {
  await applyOrderFactsChange(tx, event);
  const change = orderFactsChange(event);
  if (change?.madeAtHearingId) await new HearingWriter(tx).relinkToOrder(change.madeAtHearingId, change.order.id);
}
