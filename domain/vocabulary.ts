import { registerEnumType } from "type-graphql";
import type { CourtJurisdiction as EstateCourtJurisdiction } from "../platform/estate";
import type { DisposalType as DomainDisposalType, Length } from "./breach-disposals";
import type {
  Appeal as DomainAppeal,
  Appealable as DomainAppealable,
  AppealOutcome as DomainAppealOutcome,
  Appellant as DomainAppellant,
} from "./appeals";

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

/**
 * Which court a court is (the estate data's `jurisdiction`, platform/estate.ts COURT_JURISDICTIONS): the
 * compiler holds this object to that list, so a jurisdiction added there fails here until it is named.
 */
export const CourtJurisdiction = {
  MAGISTRATES: "MAGISTRATES",
  YOUTH: "YOUTH",
  CROWN: "CROWN",
} as const satisfies { [J in EstateCourtJurisdiction]: J };
export type CourtJurisdiction = EstateCourtJurisdiction;
registerEnumType(CourtJurisdiction, {
  name: "CourtJurisdiction",
  valuesConfig: {
    MAGISTRATES: { description: "A magistrates' court: where an application is made (s.1(1)) and what follows it is heard." },
    YOUTH: { description: "A youth court: a magistrates' court hearing applications about respondents aged 10 to 17." },
    CROWN: { description: "A Crown Court centre: where appeals go (s.7); it may also try a breach on indictment (s.8)." },
  },
});

/**
 * How a conviction for breach was disposed of, and the units of a sentence's lengths (domain/breach-disposals.ts
 * DISPOSAL_TYPES and LENGTH_UNITS): the compiler holds these objects to those lists.
 */
export const DisposalType = {
  CUSTODY: "CUSTODY",
  SUSPENDED: "SUSPENDED",
  COMMUNITY_ORDER: "COMMUNITY_ORDER",
  FINE: "FINE",
  CONDITIONAL_DISCHARGE: "CONDITIONAL_DISCHARGE",
  ABSOLUTE_DISCHARGE: "ABSOLUTE_DISCHARGE",
} as const satisfies { [T in DomainDisposalType]: T };
export type DisposalType = DomainDisposalType;
registerEnumType(DisposalType, {
  name: "DisposalType",
  valuesConfig: {
    CUSTODY: { description: "Imprisonment (or detention): a length of 1 day to 5 years (s.8)." },
    SUSPENDED: { description: "A suspended sentence: 14 days to 2 years, suspended for 6 months to 2 years." },
    COMMUNITY_ORDER: { description: "A community order of up to 3 years." },
    FINE: { description: "A fine: an amount in pence." },
    CONDITIONAL_DISCHARGE: { description: "A conditional discharge of up to 3 years; stands alone." },
    ABSOLUTE_DISCHARGE: { description: "An absolute discharge; stands alone." },
  },
});

export const LengthUnit = {
  DAYS: "DAYS",
  WEEKS: "WEEKS",
  MONTHS: "MONTHS",
  YEARS: "YEARS",
} as const satisfies { [U in Length["unit"]]: U };
export type LengthUnit = Length["unit"];
registerEnumType(LengthUnit, { name: "LengthUnit" });

/**
 * Crown Court appeals (domain/appeals.ts): the outcome, what was appealed against, who appealed, and who applied
 * for the section 4 order appealed about. The compiler holds these objects to the domain's types.
 */
export const AppealOutcome = {
  ALLOWED: "ALLOWED",
  DISMISSED: "DISMISSED",
  VARIED: "VARIED",
  ABANDONED: "ABANDONED",
} as const satisfies { [O in DomainAppealOutcome]: O };
export type AppealOutcome = DomainAppealOutcome;
registerEnumType(AppealOutcome, {
  name: "AppealOutcome",
  valuesConfig: {
    ALLOWED: { description: "Against a refusal, the Crown Court makes the order (s.7(4)); against an order, it is quashed." },
    DISMISSED: { description: "The decision appealed against stands." },
    VARIED: { description: "The order appealed against is varied." },
    ABANDONED: { description: "The appellant abandoned the appeal; the decision stands." },
  },
});

export const Appealable = {
  ORDER_MADE: "ORDER_MADE",
  INTERIM_ORDER_MADE: "INTERIM_ORDER_MADE",
  ORDER_REFUSED: "ORDER_REFUSED",
  INTERIM_ORDER_REFUSED: "INTERIM_ORDER_REFUSED",
  SECTION_4_ORDER: "SECTION_4_ORDER",
  SECTION_4_REFUSED: "SECTION_4_REFUSED",
} as const satisfies { [A in DomainAppealable]: A };
export type Appealable = DomainAppealable;
registerEnumType(Appealable, {
  name: "Appealable",
  valuesConfig: {
    SECTION_4_ORDER: { description: "An order varying, renewing or discharging the order (s.4)." },
    SECTION_4_REFUSED: { description: "The refusal of an application to vary, renew or discharge the order (s.4)." },
  },
});

export const Appellant = {
  DEFENDANT: "DEFENDANT",
  APPLICANT_CHIEF_OFFICER: "APPLICANT_CHIEF_OFFICER",
  RELEVANT_CHIEF_OFFICER: "RELEVANT_CHIEF_OFFICER",
} as const satisfies { [A in DomainAppellant]: A };
export type Appellant = DomainAppellant;
registerEnumType(Appellant, {
  name: "Appellant",
  valuesConfig: {
    DEFENDANT: { description: "s.7(1): the person the order is against." },
    APPLICANT_CHIEF_OFFICER: { description: "s.7(2): the chief officer who applied." },
    RELEVANT_CHIEF_OFFICER: { description: "s.7(3): a relevant chief officer, against a section 4 order the defendant applied for." },
  },
});

export const Section4Applicant = { CHIEF_OFFICER: "CHIEF_OFFICER", DEFENDANT: "DEFENDANT" } as const satisfies {
  [A in NonNullable<DomainAppeal["section4ApplicationBy"]>]: A;
};
export type Section4Applicant = NonNullable<DomainAppeal["section4ApplicationBy"]>;
registerEnumType(Section4Applicant, { name: "Section4Applicant" });
/** Terms of an order (domain/terms.ts holds the rules and says what each category covers; a test holds the lists alike). */
export enum TermType {
  PROHIBITION = "PROHIBITION",
  REQUIREMENT = "REQUIREMENT",
}
registerEnumType(TermType, { name: "TermType", description: "A prohibition or a requirement (s.1(2))." });

export enum TermCategory {
  CONTACT = "CONTACT",
  APPROACH = "APPROACH",
  LOCATION = "LOCATION",
  ONLINE = "ONLINE",
  THIRD_PARTY = "THIRD_PARTY",
  REQUIREMENT_ASSESSMENT = "REQUIREMENT_ASSESSMENT",
  REQUIREMENT_PROGRAMME = "REQUIREMENT_PROGRAMME",
  OTHER = "OTHER",
}
registerEnumType(TermCategory, {
  name: "TermCategory",
  description: "What kind of term it is, for national counting (docs/lifecycle-rules.md#terms-s2-s4).",
});

/** What a decision does to a term; in a term's history, MAKE, VARY and REMOVE read as made, varied and removed. */
export enum TermAction {
  MAKE = "MAKE",
  VARY = "VARY",
  REMOVE = "REMOVE",
}
registerEnumType(TermAction, { name: "TermAction" });
/** The language a hearing is held in (Welsh Language Act 1993 s.22: Welsh may be spoken in any court in Wales). */
export enum HearingLanguage {
  ENGLISH = "ENGLISH",
  WELSH = "WELSH",
}
registerEnumType(HearingLanguage, { name: "HearingLanguage" });

/** The statutory restrictions on reporting a hearing that a court list carries (HMCTS Common Platform lists them by statute). */
export enum ReportingRestriction {
  YOUTH_COURT_AUTOMATIC = "YOUTH_COURT_AUTOMATIC",
  YOUTH_DIRECTION = "YOUTH_DIRECTION",
  ADULT_WITNESS_DIRECTION = "ADULT_WITNESS_DIRECTION",
  POSTPONEMENT_ORDER = "POSTPONEMENT_ORDER",
  MATTER_WITHHELD = "MATTER_WITHHELD",
}
registerEnumType(ReportingRestriction, {
  name: "ReportingRestriction",
  valuesConfig: {
    YOUTH_COURT_AUTOMATIC: {
      description:
        "Children and Young Persons Act 1933 s.49: no report may identify a child or young person concerned in youth court proceedings.",
    },
    YOUTH_DIRECTION: {
      description:
        "Youth Justice and Criminal Evidence Act 1999 s.45: a direction that no report identify a person under 18 concerned in the proceedings.",
    },
    ADULT_WITNESS_DIRECTION: {
      description:
        "Youth Justice and Criminal Evidence Act 1999 s.46: a direction that no report identify an adult witness in fear or distress.",
    },
    POSTPONEMENT_ORDER: { description: "Contempt of Court Act 1981 s.4(2): reports of the proceedings, or a part of them, postponed." },
    MATTER_WITHHELD: {
      description: "Contempt of Court Act 1981 s.11: a name or other matter withheld from the public in the proceedings.",
    },
  },
});

/** What happened to a hearing's place in the list: listed, moved to another day, court or courtroom, or taken out. */
export enum ListingChangeKind {
  LISTED = "LISTED",
  RELISTED = "RELISTED",
  VACATED = "VACATED",
}
registerEnumType(ListingChangeKind, { name: "ListingChangeKind" });
