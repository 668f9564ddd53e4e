import type { Db } from "../../../platform/db/db";
import { PERSON_FACTS_TABLE, type PersonFactsRow } from "./order.table";

const FACTS = PERSON_FACTS_TABLE.selectList();

/**
 * The persons an application may name, as orders knows them: only a person whose identity the caller may already
 * see — a respondent to any order (every person:read caller sees them), or a party to an order of a force the
 * caller covers (`forces`, null for national callers). Anyone else, protected only by another force's orders or
 * named by no order, is answered as unknown: naming them must neither confirm them nor, by linking them to an
 * order the caller covers, disclose who they are.
 */
export async function namedPersons(
  tx: Db,
  personIds: readonly string[],
  forces: readonly string[] | null,
): Promise<Map<string, Omit<PersonFactsRow, "personId">>> {
  const rows = await tx.query<PersonFactsRow>(
    `SELECT ${FACTS} FROM person_facts
      WHERE person_id = ANY($1::text[])
        AND (EXISTS (SELECT 1 FROM stalking_protection_order o WHERE o.respondent_id = person_facts.person_id)
             OR EXISTS (SELECT 1 FROM stalking_protection_order o
                          LEFT JOIN order_protected_person p ON p.order_id = o.id
                         WHERE ($2::text[] IS NULL OR o.applicant_force_code = ANY($2::text[]))
                           AND (o.respondent_id = person_facts.person_id OR p.person_id = person_facts.person_id)))`,
    [personIds, forces],
  );
  return new Map(rows.map(({ personId, ...facts }) => [personId, facts]));
}
