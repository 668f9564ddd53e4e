import type { Db } from "../../../platform/db/db";
import type { RowOf } from "../../../platform/db/table";
import { CourtReference } from "../../../platform/subgraph/entity-reference";
import { orderStatusSql } from "./order-status";
import type { OrderCursor } from "./order-page";
import type { OrderEventType, OrderKind, OrderStatus } from "../../../domain/vocabulary";
import {
  ORDER_EVENT_TABLE,
  ORDER_FIELDS,
  ORDER_MANAGEMENT_TRANSFER_TABLE,
  ORDER_TABLE,
  type OrderManagementTransferRow,
} from "./order.table";
import { OrderEvent, StalkingProtectionOrder } from "./order.type";

const ORDER_COLUMNS = ORDER_TABLE.selectList({ alias: "o", only: ORDER_FIELDS });
const TRANSFER_COLUMNS = ORDER_MANAGEMENT_TRANSFER_TABLE.selectList();
const EVENT_COLUMNS = ORDER_EVENT_TABLE.selectList({ only: ["orderId", "type", "occurredOn", "courtCode", "note", "correctedOn"] });
type EventRow = Pick<RowOf<typeof ORDER_EVENT_TABLE.columns>, "orderId" | "type" | "occurredOn" | "courtCode" | "note" | "correctedOn">;
/** The listing order's sort key; indexed (spo_listing). */
const SORT_DATE_SQL = `coalesce(o.made_on, o.applied_on, DATE '0001-01-01')`;

/**
 * Which orders a request may see at all, applied in SQL (jurisdiction.ts):
 * - null: every order (anyone may know an order exists anywhere);
 * - courts: only orders made at one of these courts, or with an event at one
 *   of them (court-listing callers, and the coverage of court callers);
 * - forces: only orders applied for, or managed, by one of these forces
 *   (coverage of force and region callers, e.g. Person.protectedBy).
 */
export type OrderVisibility = { courts: string[] } | { forces: string[] } | null;

/** The SQL condition over `o` for a visibility, or null for no condition; `param` binds an array parameter. */
function visibilitySql(visibility: OrderVisibility, param: (value: unknown) => string): string | null {
  if (visibility === null) return null;
  if ("forces" in visibility) {
    const forces = param(visibility.forces);
    return `(o.applicant_force_code = ANY(${forces}) OR o.managing_force_code = ANY(${forces}))`;
  }
  const courts = param(visibility.courts);
  return `(o.court_code = ANY(${courts})
    OR EXISTS (SELECT 1 FROM order_event e WHERE e.order_id = o.id AND e.court_code = ANY(${courts})))`;
}

/** A binder that appends a parameter to `params` and returns its placeholder. */
function binder(params: unknown[]): (value: unknown) => string {
  return (value) => {
    params.push(value);
    return `$${params.length}`;
  };
}

/** " AND <condition>" for a visibility, or "" when every order is visible. */
function andVisible(visibility: OrderVisibility, params: unknown[]): string {
  const condition = visibilitySql(visibility, binder(params));
  return condition ? ` AND ${condition}` : "";
}

function toOrder(row: Record<string, unknown>): StalkingProtectionOrder {
  return Object.assign(new StalkingProtectionOrder(), row);
}

/** Criteria already validated and resolved to force codes by the resolver. */
export interface OrderCriteria {
  forceCodes: string[] | null;
  kinds: OrderKind[] | null;
  statuses: OrderStatus[] | null;
  madeFrom: string | null;
  madeTo: string | null;
  asOf: string;
  /** Record filtering by the caller's jurisdiction (court callers see only the orders they cover). */
  visibility: OrderVisibility;
}

export interface OrderPage {
  orders: (StalkingProtectionOrder & { sortDate: string })[];
  totalCount: number;
}

export interface ProtectedPersonLink {
  orderId: string;
  personId: string;
}

/** Reads of orders, for the loaders and the order list; writes are the writer's (order.writer.ts). */
export class OrderRepository {
  constructor(private readonly db: Db) {}

  async findOrdersByIds(ids: readonly string[], visibility: OrderVisibility = null): Promise<StalkingProtectionOrder[]> {
    const params: unknown[] = [ids];
    const rows = await this.db.query(
      `SELECT ${ORDER_COLUMNS} FROM stalking_protection_order o WHERE o.id = ANY($1)${andVisible(visibility, params)}`,
      params,
    );
    return rows.map(toOrder);
  }

  async findOrdersByRespondentIds(personIds: readonly string[], visibility: OrderVisibility = null): Promise<StalkingProtectionOrder[]> {
    const params: unknown[] = [personIds];
    const rows = await this.db.query(
      `SELECT ${ORDER_COLUMNS} FROM stalking_protection_order o
        WHERE o.respondent_id = ANY($1)${andVisible(visibility, params)} ORDER BY ${SORT_DATE_SQL} DESC, o.id DESC`,
      params,
    );
    return rows.map(toOrder);
  }

  async findOrdersByProtectedPersonIds(
    personIds: readonly string[],
    visibility: OrderVisibility = null,
  ): Promise<(StalkingProtectionOrder & { protectedPersonId: string })[]> {
    const params: unknown[] = [personIds];
    const rows = await this.db.query(
      `SELECT pp.person_id AS "protectedPersonId", ${ORDER_COLUMNS}
         FROM order_protected_person pp JOIN stalking_protection_order o ON o.id = pp.order_id
        WHERE pp.person_id = ANY($1)${andVisible(visibility, params)} ORDER BY ${SORT_DATE_SQL} DESC, o.id DESC`,
      params,
    );
    return rows.map((row) => toOrder(row) as StalkingProtectionOrder & { protectedPersonId: string });
  }

  async findProtectedPersonLinks(orderIds: readonly string[]): Promise<ProtectedPersonLink[]> {
    const rows = await this.db.query<{ order_id: string; person_id: string }>(
      `SELECT order_id, person_id FROM order_protected_person WHERE order_id = ANY($1) ORDER BY order_id, person_id`,
      [orderIds],
    );
    return rows.map((row) => ({ orderId: row.order_id, personId: row.person_id }));
  }

  /** Every transfer of these orders' management, each order's in the order recorded. */
  async findManagementTransfersByOrderIds(orderIds: readonly string[]): Promise<OrderManagementTransferRow[]> {
    return this.db.query<OrderManagementTransferRow>(
      `SELECT ${TRANSFER_COLUMNS} FROM order_management_transfer WHERE order_id = ANY($1) ORDER BY order_id, position`,
      [orderIds],
    );
  }

  async findEventsByOrderIds(orderIds: readonly string[]): Promise<OrderEvent[]> {
    const rows = await this.db.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM order_event WHERE order_id = ANY($1) ORDER BY order_id, position`,
      [orderIds],
    );
    return rows.map((row) =>
      Object.assign(new OrderEvent(), {
        orderId: row.orderId,
        type: row.type as OrderEventType,
        on: row.occurredOn,
        court: CourtReference.of(row.courtCode),
        note: row.note,
        correctedOn: row.correctedOn,
      }),
    );
  }

  /** One page of orders newest first, and the number matching the criteria (two statements whatever the page size). */
  async findOrderPage(criteria: OrderCriteria, first: number, after: OrderCursor | null): Promise<OrderPage> {
    const params: unknown[] = [];
    const where: string[] = [];
    const param = binder(params);
    const visible = visibilitySql(criteria.visibility, param);
    if (visible) where.push(visible);
    if (criteria.forceCodes) where.push(`o.applicant_force_code = ANY(${param(criteria.forceCodes)})`);
    if (criteria.kinds) where.push(`o.kind = ANY(${param(criteria.kinds)})`);
    if (criteria.statuses) where.push(`${orderStatusSql(param(criteria.asOf))} = ANY(${param(criteria.statuses)})`);
    if (criteria.madeFrom) where.push(`o.made_on >= ${param(criteria.madeFrom)}::date`);
    if (criteria.madeTo) where.push(`o.made_on <= ${param(criteria.madeTo)}::date`);
    const filter = where.length > 0 ? `WHERE ${where.join(" AND ")}` : "";
    const countParams = [...params];

    const pageWhere = [...where];
    if (after) pageWhere.push(`(${SORT_DATE_SQL}, o.id) < (${param(after.sortDate)}::date, ${param(after.id)})`);
    const limit = param(first + 1); // one extra row tells whether there is a next page
    const [rows, [count]] = await Promise.all([
      this.db.query(
        `SELECT ${ORDER_COLUMNS}, ${SORT_DATE_SQL}::text AS "sortDate" FROM stalking_protection_order o
          ${pageWhere.length > 0 ? `WHERE ${pageWhere.join(" AND ")}` : ""}
          ORDER BY ${SORT_DATE_SQL} DESC, o.id DESC LIMIT ${limit}`,
        params,
      ),
      this.db.query<{ total: number }>(`SELECT count(*)::int AS total FROM stalking_protection_order o ${filter}`, countParams),
    ]);
    return { orders: rows.map((row) => toOrder(row) as StalkingProtectionOrder & { sortDate: string }), totalCount: count.total };
  }
}
