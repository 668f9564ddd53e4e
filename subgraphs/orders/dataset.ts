import type { Db } from "../../platform/db/db";
import type { NotifiedAddressRow, PersonRow } from "../dataset-chunk";
import {
  ORDER_EVENT_TABLE,
  ORDER_PROTECTED_PERSON_TABLE,
  ORDER_TABLE,
  ORDER_TERM_TABLE,
  PERSON_FACTS_TABLE,
  type OrderEventRow,
  type OrderProtectedPersonRow,
  type OrderRow,
  type OrderTermRow,
} from "./order/order.table";

/** The orders share of a dataset chunk, and what the application rules read of its people. */
export interface OrdersDatasetShare {
  orders: { orders: OrderRow[]; protectedPersons: OrderProtectedPersonRow[]; terms: OrderTermRow[]; events: OrderEventRow[] };
  people: {
    persons: Pick<PersonRow, "id" | "dateOfBirth">[];
    addresses: Pick<NotifiedAddressRow, "personId" | "forceCode" | "notifiedOn">[];
  };
}

/** Each person's date of birth and the force of their last notified home address (the day, then the later row, decides). */
function personFacts(people: OrdersDatasetShare["people"]) {
  const home = new Map<string, { forceCode: string; notifiedOn: string }>();
  for (const address of people.addresses) {
    const known = home.get(address.personId);
    if (!known || address.notifiedOn >= known.notifiedOn) home.set(address.personId, address);
  }
  return people.persons.map((person) => ({
    personId: person.id,
    dateOfBirth: person.dateOfBirth ?? null,
    homeForceCode: home.get(person.id)?.forceCode ?? null,
  }));
}

/** Writes the orders share of a dataset chunk (demo data, benchmark loads). */
export async function insertOrdersChunk(db: Db, chunk: OrdersDatasetShare): Promise<void> {
  await ORDER_TABLE.insert(db, chunk.orders.orders);
  await ORDER_PROTECTED_PERSON_TABLE.insert(db, chunk.orders.protectedPersons);
  await ORDER_TERM_TABLE.insert(db, chunk.orders.terms);
  await ORDER_EVENT_TABLE.insert(db, chunk.orders.events);
  await PERSON_FACTS_TABLE.insert(db, personFacts(chunk.people));
}
