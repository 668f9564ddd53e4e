import type { Db } from "../../../platform/db/db";
import type { DomainEvent } from "../../../platform/events/event";
import { orderFactsChange } from "../../../domain/order-facts/order-facts";
import { storeOrderFacts } from "../../../domain/order-facts/order-facts-copy";
import { PersonWriter, rolesOf } from "../person/person.writer";

/**
 * Keeps people's knowledge of who plays which part in which order current
 * (stream order-facts): the roles, and the orders' facts (their managing force), that decide whose identity a
 * caller may see.
 */
export async function applyOrderFactsToPeople(tx: Db, event: DomainEvent): Promise<void> {
  const change = orderFactsChange(event);
  if (!change) return;
  // Events published before they carried parties still name the respondent; their protected persons stay
  // unknown here, so hidden (fail closed) until a later event or a dataset load names them.
  const parties = change.parties ?? { respondentId: change.order.respondentId, protectedPersonIds: [] };
  await new PersonWriter(tx).recordRoles(rolesOf(change.order, parties));
  // The facts themselves, newer only: the managing force among them covers the order's protected persons.
  await storeOrderFacts(tx, change.order);
}
