import type { Db } from "../../../platform/db/db";
import type { RowOf } from "../../../platform/db/table";
import { visibilityParams, visiblePersonSql, type PersonVisibility } from "./person-visibility";
import { NOTIFIED_ADDRESS_TABLE, PERSON_ALIAS_TABLE, PERSON_TABLE } from "./person.table";
import { NotifiedAddress, Person, PersonName } from "./person.type";

type PersonRow = RowOf<typeof PERSON_TABLE.columns>;
type AliasRow = Pick<RowOf<typeof PERSON_ALIAS_TABLE.columns>, "personId" | "givenName" | "familyName">;
type AddressRow = Omit<RowOf<typeof NOTIFIED_ADDRESS_TABLE.columns>, "id">;

const PERSON_COLUMNS = PERSON_TABLE.selectList({ alias: "p" });
const ALIAS_COLUMNS = PERSON_ALIAS_TABLE.selectList({ only: ["personId", "givenName", "familyName"] });
const ADDRESS_COLUMNS = NOTIFIED_ADDRESS_TABLE.selectList({ only: ["personId", "forceCode", "address", "notifiedOn", "policeStation"] });
/** Upper bound on search results: a search is for finding a person, not for listing people. */
export const SEARCH_LIMIT = 100;

function toPerson(row: PersonRow): Person {
  return Object.assign(new Person(), {
    id: row.id,
    forceCode: row.forceCode,
    pncId: row.pncId,
    name: Object.assign(new PersonName(), { given: row.givenName, family: row.familyName }),
    dateOfBirth: row.dateOfBirth,
  });
}

export interface PersonAlias extends PersonName {
  personId: string;
}

/**
 * Every read of a person goes through the caller's visibility (person-visibility.ts),
 * filtered in the same SQL statement: a person the caller may not see is never read. Writes are
 * the writer's (person.writer.ts).
 */
export class PersonRepository {
  constructor(
    private readonly db: Db,
    private readonly visibility: PersonVisibility,
  ) {}

  async findPersonsByIds(ids: readonly string[]): Promise<Person[]> {
    const rows = await this.db.query<PersonRow>(
      `SELECT ${PERSON_COLUMNS} FROM person p WHERE p.id = ANY($1) AND ${visiblePersonSql("p", 2)}`,
      [ids, ...visibilityParams(this.visibility)],
    );
    return rows.map(toPerson);
  }

  async findAliasesByPersonIds(personIds: readonly string[]): Promise<PersonAlias[]> {
    const rows = await this.db.query<AliasRow>(
      `SELECT ${ALIAS_COLUMNS} FROM person_alias WHERE person_id = ANY($1) ORDER BY person_id, position`,
      [personIds],
    );
    return rows.map((row) => Object.assign(new PersonName(), { personId: row.personId, given: row.givenName, family: row.familyName }));
  }

  async findNotifiedAddressesByPersonIds(personIds: readonly string[]): Promise<(NotifiedAddress & { personId: string })[]> {
    const rows = await this.db.query<AddressRow>(
      `SELECT ${ADDRESS_COLUMNS} FROM notified_address WHERE person_id = ANY($1) ORDER BY person_id, notified_on, id`,
      [personIds],
    );
    return rows.map((row) => Object.assign(new NotifiedAddress(), row));
  }

  async findPersonsByPncId(pncId: string): Promise<Person[]> {
    const rows = await this.db.query<PersonRow>(
      `SELECT ${PERSON_COLUMNS} FROM person p WHERE p.pnc_id = $1 AND ${visiblePersonSql("p", 2)}`,
      [pncId, ...visibilityParams(this.visibility)],
    );
    return rows.map(toPerson);
  }

  /**
   * Family name and date of birth (optionally given name), matched against the
   * person's name and every alias, ignoring case, accents and punctuation
   * (search_key, migration 002). Ranked exact-first: the name exactly as
   * typed, then a match on the person's own name, then a match on an alias.
   * Each branch is driven by its expression index, so neither scans the table;
   * people the caller may not see are left out before the limit.
   */
  async searchByName(familyName: string, dateOfBirth: string, givenName: string | null): Promise<Person[]> {
    const rows = await this.db.query<PersonRow>(
      `WITH matched AS (
         SELECT p.id, 1 AS rank FROM person p
          WHERE search_key(p.family_name) = search_key($1) AND p.date_of_birth = $2
            AND ($3::text IS NULL OR search_key(p.given_name) = search_key($3))
         UNION ALL
         SELECT a.person_id, 2 FROM person_alias a JOIN person p ON p.id = a.person_id
          WHERE search_key(a.family_name) = search_key($1) AND p.date_of_birth = $2
            AND ($3::text IS NULL OR search_key(a.given_name) = search_key($3))
       ), ranked AS (
         SELECT id, min(rank) AS rank FROM matched GROUP BY id
       )
       SELECT ${PERSON_COLUMNS} FROM ranked r JOIN person p ON p.id = r.id
        WHERE ${visiblePersonSql("p", 4)}
        ORDER BY (p.family_name = $1 AND ($3::text IS NULL OR p.given_name = $3)) DESC, r.rank, p.family_name, p.given_name, p.id
        LIMIT ${SEARCH_LIMIT}`,
      [familyName, dateOfBirth, givenName, ...visibilityParams(this.visibility)],
    );
    return rows.map(toPerson);
  }
}
