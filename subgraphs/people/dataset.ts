import { bulkInsert } from "../kit/bulk-insert";
import type { Db } from "../kit/db";
import type { DatasetChunk, NotifiedAddressRow, PersonAliasRow, PersonRow } from "../dataset/rows";

/** Writes the people share of a dataset chunk (demo data, benchmark loads). */
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
}
