import type { Db } from "../../../platform/db/db";
import type { OrderFacts, OrderParties } from "../../../domain/order-facts/order-facts";
import { PERSON_ROLE_TABLE, type PersonRoleKind, type PersonRoleRow } from "./person.table";

type OrderOfRole = Pick<OrderFacts, "id" | "applicantForceCode"> & { courtCode?: string | null };

/** One row per party of an order. */
export function rolesOf(order: OrderOfRole, parties: OrderParties): PersonRoleRow[] {
  const row = (personId: string, role: PersonRoleKind): PersonRoleRow => ({
    personId,
    orderId: order.id,
    role,
    applicantForceCode: order.applicantForceCode,
    courtCode: order.courtCode ?? null,
  });
  return [row(parties.respondentId, "RESPONDENT"), ...parties.protectedPersonIds.map((id) => row(id, "PROTECTED"))];
}

/** A row seen again changes nothing but the order's force and court. */
const ROLE_SEEN_AGAIN = PERSON_ROLE_TABLE.upsertClause(["personId", "role", "orderId"]);

/**
 * Writes of the people subgraph: each person's roles in orders (person_role), from the order-facts
 * stream or a dataset load. Reads are the repository's, which reads roles only inside its
 * visibility condition (person-visibility.ts).
 */
export class PersonWriter {
  constructor(private readonly tx: Db) {}

  /**
   * Records parties of orders (from an event or a dataset load). Roles are
   * only ever added: a person once protected stays protected (an ended order
   * still tells who the victim was). A row seen again (a redelivered or
   * repeated event) changes nothing but the order's force and court.
   */
  async recordRoles(rows: readonly PersonRoleRow[]): Promise<void> {
    await PERSON_ROLE_TABLE.insert(this.tx, rows, { onConflict: ROLE_SEEN_AGAIN });
  }
}
