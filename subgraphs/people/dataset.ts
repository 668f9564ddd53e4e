import type { Db } from "../../platform/db/db";
import { insertOrderFactsRows } from "../../domain/order-facts/order-facts-copy";
import {
  NOTIFIED_ADDRESS_TABLE,
  PERSON_ALIAS_TABLE,
  PERSON_TABLE,
  type NotifiedAddressRow,
  type PersonAliasRow,
  type PersonRow,
} from "./person/person.table";
import { PersonWriter, rolesOf } from "./person/person.writer";

/** The people share of a dataset chunk, and the orders whose parties it records. */
export interface PeopleDatasetShare {
  people: { persons: PersonRow[]; aliases: PersonAliasRow[]; addresses: NotifiedAddressRow[] };
  orders: {
    orders: Parameters<typeof insertOrderFactsRows>[1];
    protectedPersons: { orderId: string; personId: string }[];
  };
}

/**
 * Writes the people share of a dataset chunk (demo data, benchmark loads), with
 * every person's roles in the chunk's orders and the orders' facts, as the
 * order-facts stream would have told them: persons and roles arrive in the same load, so no person is
 * ever visible before people knows whether they are a protected person.
 */
export async function insertPeopleChunk(db: Db, chunk: PeopleDatasetShare): Promise<void> {
  await PERSON_TABLE.insert(db, chunk.people.persons);
  await PERSON_ALIAS_TABLE.insert(db, chunk.people.aliases);
  await NOTIFIED_ADDRESS_TABLE.insert(db, chunk.people.addresses);
  const protectedByOrder = new Map<string, string[]>();
  for (const link of chunk.orders.protectedPersons) {
    protectedByOrder.set(link.orderId, [...(protectedByOrder.get(link.orderId) ?? []), link.personId]);
  }
  await new PersonWriter(db).recordRoles(
    chunk.orders.orders.flatMap((order) =>
      rolesOf(order, { respondentId: order.respondentId, protectedPersonIds: protectedByOrder.get(order.id) ?? [] }),
    ),
  );
  // The orders' facts as the order-facts stream would have told them: their managing force (whose callers cover a
  // protected person as the applicant force's do) and the day of service.
  await insertOrderFactsRows(db, chunk.orders.orders);
}
