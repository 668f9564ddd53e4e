import type { Db } from "../../../platform/db/db";
import { BREACH_TABLE } from "./breach.table";
import { BreachDisposal, BreachOffence } from "./breach.type";
import type { BreachDisposal as DomainDisposal } from "../../../domain/breach-disposals";

/** The breach's columns, and the force managing its order from the order-facts copy (who covers the order's detail). */
const BREACH_COLUMNS = `${BREACH_TABLE.selectList()},
  (SELECT f.managing_force_code FROM order_facts f WHERE f.id = breach_offence.order_id) AS "orderManagingForceCode"`;

function toBreach(row: Record<string, unknown>): BreachOffence {
  // The disposal column holds the checked disposals as JSON (breach.writer.ts writes it).
  const disposal = typeof row.disposal === "string" ? (JSON.parse(row.disposal) as DomainDisposal[]).map(BreachDisposal.from) : null;
  return Object.assign(new BreachOffence(), row, { disposal });
}

/** Reads of breach offences, for the loaders; writes are the writer's (breach.writer.ts). */
export class BreachRepository {
  constructor(private readonly db: Db) {}

  async findBreachesByIds(ids: readonly string[]): Promise<BreachOffence[]> {
    const rows = await this.db.query(`SELECT ${BREACH_COLUMNS} FROM breach_offence WHERE id = ANY($1)`, [ids]);
    return rows.map(toBreach);
  }

  /** Breaches of each order, in the order they occurred. */
  async findBreachesByOrderIds(orderIds: readonly string[]): Promise<BreachOffence[]> {
    const rows = await this.db.query(`SELECT ${BREACH_COLUMNS} FROM breach_offence WHERE order_id = ANY($1) ORDER BY occurred_on, id`, [
      orderIds,
    ]);
    return rows.map(toBreach);
  }

  /** Breaches committed by each person, in the order they occurred. */
  async findBreachesByOffenderIds(offenderIds: readonly string[]): Promise<BreachOffence[]> {
    const rows = await this.db.query(`SELECT ${BREACH_COLUMNS} FROM breach_offence WHERE offender_id = ANY($1) ORDER BY occurred_on, id`, [
      offenderIds,
    ]);
    return rows.map(toBreach);
  }
}
