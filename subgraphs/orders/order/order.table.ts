import {
  boolean,
  date,
  defineTable,
  int,
  keysExcept,
  text,
  type ColumnsMatch,
  type Holds,
  type InsertRowOf,
  type RowOf,
} from "../../../platform/db/table";
import { ORDER_FACTS_COLUMNS } from "../../../domain/order-facts/order-facts";
import type { OrderEventType, TermType } from "../../../domain/vocabulary";
import type { AreaGround } from "../../../domain/applications";
import type { StalkingProtectionOrder } from "./order.type";

/** The orders subgraph's tables (migrations/), each column declared once: every statement on them is derived from these. */

/** An order: its facts (published on stream order-facts, the day it was served and its managing force among them) and its reference. */
export const ORDER_TABLE = defineTable("stalking_protection_order", {
  ...ORDER_FACTS_COLUMNS,
  version: int().withDefault(1),
  reference: text(),
});
export type OrderRow = InsertRowOf<typeof ORDER_TABLE.columns>;
/** The columns the GraphQL type does not carry: the version orders the published copies. */
const NOT_IN_TYPE = ["version"] as const;
/** The columns an order is read with: every one the GraphQL type carries. */
export const ORDER_FIELDS = keysExcept(ORDER_TABLE, NOT_IN_TYPE);
/** Every column is a field of the GraphQL type, and every field of it a column, but those set aside above. */
export type OrderColumnsMatch = Holds<
  ColumnsMatch<RowOf<typeof ORDER_TABLE.columns>, StalkingProtectionOrder, never, (typeof NOT_IN_TYPE)[number]>
>;

export const ORDER_PROTECTED_PERSON_TABLE = defineTable("order_protected_person", { orderId: text(), personId: text() });
export type OrderProtectedPersonRow = InsertRowOf<typeof ORDER_PROTECTED_PERSON_TABLE.columns>;

/** The terms applied for, and the dataset's (made by the decision that made the order: migrations/007). */
export const ORDER_TERM_TABLE = defineTable("order_term", {
  orderId: text(),
  category: text<`${TermType}`>(),
  position: int(),
  description: text(),
  exclusionArea: text().nullable(),
});
export type OrderTermRow = InsertRowOf<typeof ORDER_TERM_TABLE.columns>;

/** The order's history; expiresOn / untilFurtherOrder are set on events that set or change the expiry. */
export const ORDER_EVENT_TABLE = defineTable("order_event", {
  orderId: text(),
  position: int(),
  type: text<`${OrderEventType}`>(),
  occurredOn: date(),
  courtCode: text().nullable(),
  note: text().nullable(),
  expiresOn: date().nullable(),
  untilFurtherOrder: boolean().nullable(),
  // The hearing whose outcome added the event, and the day that outcome was corrected (migrations/009).
  hearingId: text().nullable(),
  correctedOn: date().nullable(),
});
export type OrderEventRow = InsertRowOf<typeof ORDER_EVENT_TABLE.columns>;

/** Each transfer of an order's management (migrations/008), in the order recorded. */
export const ORDER_MANAGEMENT_TRANSFER_TABLE = defineTable("order_management_transfer", {
  orderId: text(),
  position: int(),
  fromForceCode: text(),
  toForceCode: text(),
  requestedByForceCode: text(),
  transferredOn: date(),
});
export type OrderManagementTransferRow = RowOf<typeof ORDER_MANAGEMENT_TRANSFER_TABLE.columns>;

/** What the application rules read of a person an application names, copied from people (migrations/006). */
export const PERSON_FACTS_TABLE = defineTable("person_facts", {
  personId: text(),
  dateOfBirth: date().nullable(),
  homeForceCode: text().nullable(),
});
export type PersonFactsRow = RowOf<typeof PERSON_FACTS_TABLE.columns>;

/** An application made through the API: the s.1(3) ground it rests on, and whether an interim order was sought. */
export const ORDER_APPLICATION_TABLE = defineTable("order_application", {
  orderId: text(),
  areaGround: text<AreaGround>().nullable(),
  interimSought: boolean(),
});
