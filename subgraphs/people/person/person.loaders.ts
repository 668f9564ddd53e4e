import type { Db } from "../../../platform/db/db";
import { loaderOfMany, loaderOfOne } from "../../../platform/loaders";
import type { Principal } from "../../../platform/identity/principal";
import { personVisibility } from "./person-visibility";
import { PersonRepository } from "./person.repository";

/** Loaders of one request; persons the caller may not see load as null (person(id), _entities alike). */
export function createPersonLoaders(db: Db, principal: Principal) {
  const repository = new PersonRepository(db, personVisibility(principal));
  return {
    personById: loaderOfOne(
      (ids) => repository.findPersonsByIds(ids),
      (person) => person.id,
    ),
    aliasesByPersonId: loaderOfMany(
      (ids) => repository.findAliasesByPersonIds(ids),
      (alias) => alias.personId,
    ),
    notifiedAddressesByPersonId: loaderOfMany(
      (ids) => repository.findNotifiedAddressesByPersonIds(ids),
      (address) => address.personId,
    ),
  };
}
