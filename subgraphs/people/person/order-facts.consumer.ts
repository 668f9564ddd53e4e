import type { Db } from "../../kit/db";
import type { DomainEvent } from "../../kit/events/event";
import { orderFactsChange } from "../../kit/order-facts/order-facts";
import { PersonRoleRepository } from "./person-role.repository";

/**
 * Keeps people's knowledge of who plays which part in which order current
 * (stream order-facts): the roles that decide whose identity a caller may see.
 */
export async function applyOrderFactsToPeople(tx: Db, event: DomainEvent): Promise<void> {
  const change = orderFactsChange(event);
  if (!change) return;
  await new PersonRoleRepository(tx).recordParties(change.order, change.parties);
}
