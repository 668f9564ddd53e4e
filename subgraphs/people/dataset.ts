import { bulkInsert } from "../../platform/db/bulk-insert";
import type { Db } from "../../platform/db/db";
import type { DatasetChunk, NotifiedAddressRow, PersonAliasRow, PersonRow } from "../../domain/records";
import { PersonWriter, rolesOf } from "./person/person.writer";

/**
 * Writes the people share of a dataset chunk (demo data, benchmark loads), with
 * every person's roles in the chunk's orders, as the order-facts stream would
 * have told them: persons and roles arrive in the same load, so no person is
 * ever visible before people knows whether they are a protected person.
 */
export async function insertPeopleChunk(db: Db, chunk: DatasetChunk): Promise<void> {
  await bulkInsert<PersonRow>(
    db,
    "person",
    { id: "text", forceCode: "text", pncId: "text", givenName: "text", familyName: "text", dateOfBirth: "date" },
    chunk.people.persons,
  );
  await bulkInsert<PersonAliasRow>(
    db,
    "person_alias",
    { personId: "text", position: "int", givenName: "text", familyName: "text" },
    chunk.people.aliases,
  );
  await bulkInsert<NotifiedAddressRow>(
    db,
    "notified_address",
    { id: "text", personId: "text", forceCode: "text", address: "text", notifiedOn: "date", policeStation: "text" },
    chunk.people.addresses,
  );
  const protectedByOrder = new Map<string, string[]>();
  for (const link of chunk.orders.protectedPersons) {
    protectedByOrder.set(link.orderId, [...(protectedByOrder.get(link.orderId) ?? []), link.personId]);
  }
  await new PersonWriter(db).recordRoles(
    chunk.orders.orders.flatMap((order) =>
      rolesOf(order, { respondentId: order.respondentId, protectedPersonIds: protectedByOrder.get(order.id) ?? [] }),
    ),
  );
}
