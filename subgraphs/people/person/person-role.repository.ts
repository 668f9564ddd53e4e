import { bulkInsert } from "../../kit/bulk-insert";
import type { Db } from "../../kit/db";
import type { OrderFacts, OrderParties } from "../../kit/order-facts/order-facts";

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

export class PersonRoleRepository {
  constructor(private readonly db: Db) {}

  /**
   * Records an order's parties. Roles are only ever added: a person once
   * protected stays protected (an ended order still tells who the victim was).
   * A redelivered or repeated event changes nothing.
   */
  async recordParties(order: OrderOfRole, parties: OrderParties): Promise<void> {
    const rows = rolesOf(order, parties);
    await this.db.query(
      `INSERT INTO person_role (person_id, order_id, role, applicant_force_code, court_code)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       ON CONFLICT (person_id, role, order_id) DO UPDATE
         SET applicant_force_code = excluded.applicant_force_code, court_code = excluded.court_code`,
      [
        rows.map((row) => row.personId),
        rows.map((row) => row.orderId),
        rows.map((row) => row.role),
        rows.map((row) => row.applicantForceCode),
        rows.map((row) => row.courtCode),
      ],
    );
  }

  /** Bulk form for dataset loads (rows known to be new). */
  async insertRoles(rows: readonly PersonRoleRow[]): Promise<void> {
    await bulkInsert<PersonRoleRow>(
      this.db,
      "person_role",
      { personId: "text", orderId: "text", role: "text", applicantForceCode: "text", courtCode: "text" },
      rows,
    );
  }
}
