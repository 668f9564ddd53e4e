import type { Db } from "../../kit/db";
import { loaderOfMany, loaderOfOne } from "../../kit/loaders";
import { PersonRepository } from "./person.repository";

export function createPersonLoaders(db: Db) {
  const repository = new PersonRepository(db);
  return {
    personById: loaderOfOne((ids) => repository.findPersonsByIds(ids), (person) => person.id),
    aliasesByPersonId: loaderOfMany((ids) => repository.findAliasesByPersonIds(ids), (alias) => alias.personId),
    notifiedAddressesByPersonId: loaderOfMany(
      (ids) => repository.findNotifiedAddressesByPersonIds(ids),
      (address) => address.personId,
    ),
  };
}

export type PersonLoaders = ReturnType<typeof createPersonLoaders>;
