import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeScalar } from "../../../platform/scalars";

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

/**
 * A hearing listed at a magistrates' court about an order (application,
 * review, variation...) or a breach of one. `court`, `order` and `respondent`
 * are references to entities owned elsewhere, resolved from the codes and ids
 * below by the hearing resolver.
 */
@ObjectType("CourtHearing", { description: "A hearing at a magistrates' court about a stalking protection order or its breach." })
@Directive(`@key(fields: "id")`)
export class CourtHearing {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  caseNumber!: string;

  @Field(() => HearingType)
  type!: HearingType;

  @Field(() => HearingStatus)
  status!: HearingStatus;

  @Field(() => DateTimeScalar, { description: "When the hearing is listed, local time in England and Wales." })
  listedFor!: Date;

  @Field(() => String, { nullable: true })
  courtroom!: string | null;

  @Field(() => CourtDecision, { nullable: true })
  decision!: CourtDecision | null;

  @Field(() => String, { nullable: true })
  outcomeNote!: string | null;

  courtCode!: string;
  /** Force of the court (partition key). */
  forceCode!: string;
  orderId!: string | null;
  /** The applicant force of the order heard (null when the hearing is about no order). */
  orderForceCode!: string | null;
  respondentId!: string | null;
  /** Set on BREACH_* hearings: the breach offence being tried or sentenced. */
  breachId!: string | null;
}
