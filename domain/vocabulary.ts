import { registerEnumType } from "type-graphql";

/**
 * The SPO vocabulary, defined once: the enums of the public contract
 * (schema/contract.graphql), registered here with type-graphql so every
 * subgraph's types, the domain rules and the dataset generator use the same
 * values. The text columns that hold them are held to these lists by
 * domain/__tests__/vocabulary.sql.test.ts (CHECK constraints) and the status
 * rule's SQL twin by subgraphs/orders/__tests__/order-status.property.test.ts.
 *
 * Records, fixtures and rule inputs take a value as `${Enum}` (the union of
 * its strings), so plain strings read from a row or written in a test need no
 * cast; what the code produces is written with the enum's members.
 */

export enum OrderKind {
  INTERIM = "INTERIM",
  FULL = "FULL",
}
registerEnumType(OrderKind, { name: "OrderKind" });

export enum OrderStatus {
  APPLIED = "APPLIED",
  IN_FORCE = "IN_FORCE",
  EXPIRED = "EXPIRED",
  DISCHARGED = "DISCHARGED",
  SUPERSEDED = "SUPERSEDED",
  REFUSED = "REFUSED",
  WITHDRAWN = "WITHDRAWN",
  /** Made by a recorded outcome that was corrected (amendHearingOutcome): the order never had effect as made. */
  SET_ASIDE = "SET_ASIDE",
}
registerEnumType(OrderStatus, {
  name: "OrderStatus",
  valuesConfig: {
    SET_ASIDE: {
      description:
        "Made by a hearing outcome recorded in error and since corrected: the order never had effect. Its history keeps what was recorded.",
    },
  },
});

/** The statuses that end an order for good, recorded with the day it ended (stalking_protection_order.end_reason). */
export const ORDER_END_REASONS = [
  OrderStatus.DISCHARGED,
  OrderStatus.SUPERSEDED,
  OrderStatus.REFUSED,
  OrderStatus.WITHDRAWN,
  OrderStatus.SET_ASIDE,
] as const;
export type OrderEndReason = (typeof ORDER_END_REASONS)[number];

export enum OrderEventType {
  APPLIED = "APPLIED",
  MADE = "MADE",
  SERVED = "SERVED",
  REVIEWED = "REVIEWED",
  VARIED = "VARIED",
  RENEWED = "RENEWED",
  EXTENDED = "EXTENDED",
  DISCHARGED = "DISCHARGED",
  EXPIRED = "EXPIRED",
  APPEALED = "APPEALED",
  SUPERSEDED = "SUPERSEDED",
  REFUSED = "REFUSED",
  WITHDRAWN = "WITHDRAWN",
}
registerEnumType(OrderEventType, { name: "OrderEventType" });

export enum HearingType {
  INTERIM_APPLICATION = "INTERIM_APPLICATION",
  FULL_APPLICATION = "FULL_APPLICATION",
  REVIEW = "REVIEW",
  VARIATION = "VARIATION",
  RENEWAL = "RENEWAL",
  DISCHARGE = "DISCHARGE",
  APPEAL = "APPEAL",
  BREACH_FIRST_APPEARANCE = "BREACH_FIRST_APPEARANCE",
  BREACH_TRIAL = "BREACH_TRIAL",
  BREACH_SENTENCE = "BREACH_SENTENCE",
}
registerEnumType(HearingType, { name: "HearingType" });

export enum HearingStatus {
  LISTED = "LISTED",
  ADJOURNED = "ADJOURNED",
  HEARD = "HEARD",
  VACATED = "VACATED",
}
registerEnumType(HearingStatus, { name: "HearingStatus" });

export enum CourtDecision {
  INTERIM_ORDER_MADE = "INTERIM_ORDER_MADE",
  INTERIM_ORDER_EXTENDED = "INTERIM_ORDER_EXTENDED",
  FULL_ORDER_MADE = "FULL_ORDER_MADE",
  ORDER_VARIED = "ORDER_VARIED",
  ORDER_RENEWED = "ORDER_RENEWED",
  ORDER_DISCHARGED = "ORDER_DISCHARGED",
  APPLICATION_REFUSED = "APPLICATION_REFUSED",
  APPLICATION_WITHDRAWN = "APPLICATION_WITHDRAWN",
  ADJOURNED = "ADJOURNED",
  CONVICTED = "CONVICTED",
  ACQUITTED = "ACQUITTED",
}
registerEnumType(CourtDecision, { name: "CourtDecision" });

export enum BreachOffenceType {
  BREACH_OF_ORDER = "BREACH_OF_ORDER",
  NOTIFICATION_FAILURE = "NOTIFICATION_FAILURE",
  FALSE_NOTIFICATION = "FALSE_NOTIFICATION",
}
registerEnumType(BreachOffenceType, {
  name: "BreachOffenceType",
  valuesConfig: {
    BREACH_OF_ORDER: { description: "s.8: breach of an interim or full order (CJS offence code ST19001)" },
    NOTIFICATION_FAILURE: { description: "s.11: failure to comply with notification requirements" },
    FALSE_NOTIFICATION: { description: "s.11: knowingly giving false information when notifying" },
  },
});

export enum BreachStatus {
  REPORTED = "REPORTED",
  UNDER_INVESTIGATION = "UNDER_INVESTIGATION",
  CHARGED = "CHARGED",
  NO_FURTHER_ACTION = "NO_FURTHER_ACTION",
  CONVICTED = "CONVICTED",
  ACQUITTED = "ACQUITTED",
}
registerEnumType(BreachStatus, { name: "BreachStatus" });

export enum SpoStatus {
  NONE = "NONE",
  ACTIVE_INTERIM = "ACTIVE_INTERIM",
  ACTIVE_FULL = "ACTIVE_FULL",
  ENDED = "ENDED",
}
registerEnumType(SpoStatus, {
  name: "SpoStatus",
  valuesConfig: {
    NONE: { description: "No order has ever been made against this person." },
    ACTIVE_INTERIM: { description: "An interim order is in force and no full order is." },
    ACTIVE_FULL: { description: "A full order is in force." },
    ENDED: { description: "Orders were made, none is in force today." },
  },
});

/** The s.1(3) connection an application by a chief officer of a police area rests on (domain/applications.ts). */
export enum AreaGround {
  RESIDES_IN_AREA = "RESIDES_IN_AREA",
  BELIEVED_IN_AREA = "BELIEVED_IN_AREA",
  BELIEVED_COMING_TO_AREA = "BELIEVED_COMING_TO_AREA",
}
registerEnumType(AreaGround, {
  name: "AreaGround",
  valuesConfig: {
    RESIDES_IN_AREA: { description: "s.1(3)(a): the respondent resides in the applicant's police area." },
    BELIEVED_IN_AREA: { description: "s.1(3)(b): the applicant believes the respondent is in its police area." },
    BELIEVED_COMING_TO_AREA: { description: "s.1(3)(b): the applicant believes the respondent is intending to come to it." },
  },
});
