import { bulkInsert, type ColumnTypes } from "../../../platform/db/bulk-insert";
import type { Db } from "../../../platform/db/db";
import type { OrderFacts, OrderParties } from "../../../domain/order-facts/order-facts";

export type PersonRoleKind = "RESPONDENT" | "PROTECTED";

export interface PersonRoleRow {
  personId: string;
  orderId: string;
  role: PersonRoleKind;
  applicantForceCode: string;
  courtCode: string | null;
}

type OrderOfRole = Pick<OrderFacts, "id" | "applicantForceCode" | "courtCode">;

/** One row per party of an order. */
export function rolesOf(order: OrderOfRole, parties: OrderParties): PersonRoleRow[] {
  const row = (personId: string, role: PersonRoleKind): PersonRoleRow => ({
    personId,
    orderId: order.id,
    role,
    applicantForceCode: order.applicantForceCode,
    courtCode: order.courtCode,
  });
  return [row(parties.respondentId, "RESPONDENT"), ...parties.protectedPersonIds.map((id) => row(id, "PROTECTED"))];
}

const ROLE_COLUMNS: ColumnTypes<PersonRoleRow> = {
  personId: "text",
  orderId: "text",
  role: "text",
  applicantForceCode: "text",
  courtCode: "text",
};

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
    await bulkInsert(
      this.tx,
      "person_role",
      ROLE_COLUMNS,
      rows,
      `ON CONFLICT (person_id, role, order_id) DO UPDATE
         SET applicant_force_code = excluded.applicant_force_code, court_code = excluded.court_code`,
    );
  }
}
