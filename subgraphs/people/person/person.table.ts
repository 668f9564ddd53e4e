import { date, defineTable, int, text, type ColumnsMatch, type Holds, type InsertRowOf, type RowOf } from "../../../platform/db/table";
import type { NotifiedAddress, Person } from "./person.type";

/** The people subgraph's tables (migrations/), each column declared once: every statement on them is derived from these. */

export const PERSON_TABLE = defineTable("person", {
  id: text(),
  forceCode: text(),
  pncId: text().nullable(),
  givenName: text(),
  familyName: text(),
  dateOfBirth: date().nullable(),
});
export type PersonRow = InsertRowOf<typeof PERSON_TABLE.columns>;
/** Every column is a field of the GraphQL type, but the name's two parts (its `name`). */
export type PersonColumnsMatch = Holds<ColumnsMatch<RowOf<typeof PERSON_TABLE.columns>, Person, "name", "givenName" | "familyName">>;

export const PERSON_ALIAS_TABLE = defineTable("person_alias", {
  personId: text(),
  position: int(),
  givenName: text(),
  familyName: text(),
});
export type PersonAliasRow = InsertRowOf<typeof PERSON_ALIAS_TABLE.columns>;

/** s.9 notifications: a respondent notifies the police of names and addresses. */
export const NOTIFIED_ADDRESS_TABLE = defineTable("notified_address", {
  id: text(),
  personId: text(),
  forceCode: text(),
  address: text(),
  notifiedOn: date(),
  policeStation: text().nullable(),
});
export type NotifiedAddressRow = InsertRowOf<typeof NOTIFIED_ADDRESS_TABLE.columns>;
/** Every column is a field of the GraphQL type, but its keys (the address's id, its person). */
export type NotifiedAddressColumnsMatch = Holds<
  ColumnsMatch<RowOf<typeof NOTIFIED_ADDRESS_TABLE.columns>, NotifiedAddress, never, "id" | "personId">
>;

export type PersonRoleKind = "RESPONDENT" | "PROTECTED";

/** Each person's roles in orders, from the order-facts stream or a dataset load. */
export const PERSON_ROLE_TABLE = defineTable("person_role", {
  personId: text(),
  orderId: text(),
  role: text<PersonRoleKind>(),
  applicantForceCode: text(),
  courtCode: text().nullable(),
});
export type PersonRoleRow = RowOf<typeof PERSON_ROLE_TABLE.columns>;
