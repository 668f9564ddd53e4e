/**
 * Enum values of the public contract (schema/contract.graphql) that the
 * dataset writes into text columns, as types so a misspelt value fails to compile.
 */
export type OrderEventType =
  | "APPLIED"
  | "MADE"
  | "SERVED"
  | "REVIEWED"
  | "VARIED"
  | "RENEWED"
  | "EXTENDED"
  | "DISCHARGED"
  | "APPEALED"
  | "SUPERSEDED"
  | "REFUSED"
  | "WITHDRAWN";

export type HearingType =
  | "INTERIM_APPLICATION"
  | "FULL_APPLICATION"
  | "REVIEW"
  | "VARIATION"
  | "RENEWAL"
  | "DISCHARGE"
  | "APPEAL"
  | "BREACH_FIRST_APPEARANCE"
  | "BREACH_TRIAL"
  | "BREACH_SENTENCE";

export type CourtDecision =
  | "INTERIM_ORDER_MADE"
  | "INTERIM_ORDER_EXTENDED"
  | "FULL_ORDER_MADE"
  | "ORDER_VARIED"
  | "ORDER_RENEWED"
  | "ORDER_DISCHARGED"
  | "APPLICATION_REFUSED"
  | "APPLICATION_WITHDRAWN"
  | "ADJOURNED"
  | "CONVICTED"
  | "ACQUITTED";
