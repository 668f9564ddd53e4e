import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import {
  Appealable,
  AppealOutcome,
  Appellant,
  CourtDecision,
  HearingLanguage,
  HearingStatus,
  HearingType,
  Section4Applicant,
} from "../../../domain/vocabulary";
import { DateTimeScalar } from "../../../platform/scalars";

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

  // A Crown Court appeal, recorded with its outcome.
  @Field(() => AppealOutcome, { nullable: true, description: "An APPEAL hearing's outcome in the Crown Court's terms (s.7)." })
  appealOutcome!: AppealOutcome | null;

  @Field(() => Appealable, { nullable: true, description: "What the appeal was against." })
  appealAgainst!: Appealable | null;

  @Field(() => Appellant, { nullable: true, description: "Who appealed (s.7(1)-(3))." })
  appellant!: Appellant | null;

  @Field(() => Section4Applicant, { nullable: true, description: "Who applied for the section 4 order (or its refusal) appealed against." })
  section4ApplicationBy!: Section4Applicant | null;

  // Court listing (HMCTS Common Platform's hearing shape); sittingDay, reportingRestrictions, nextHearing and
  // previousHearing are the resolver's, made from the columns below.
  @Field(() => Int, {
    nullable: true,
    description: "The hearing's place in its courtroom's list that day, from 1 (null for hearings listed before sequences were kept).",
  })
  listingSequence!: number | null;

  @Field(() => Int, { nullable: true, description: "How long the court listed the hearing for, in minutes." })
  listedDurationMinutes!: number | null;

  @Field(() => HearingLanguage, { description: "The language the hearing is held in." })
  hearingLanguage!: `${HearingLanguage}`;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Whether the person the hearing is about is under 18 (a youth case): case detail, for callers covering the hearing's court or its order's force.",
  })
  youthMarker!: boolean;

  courtCode!: string;
  /** Force of the court (partition key). */
  forceCode!: string;
  orderId!: string | null;
  /** The applicant force of the order heard (null when the hearing is about no order). */
  orderForceCode!: string | null;
  /** The force managing the order heard after a transfer of management (null while its applicant force does, or no order). */
  orderManagingForceCode!: string | null;
  respondentId!: string | null;
  /** Set on BREACH_* hearings: the breach offence being tried or sentenced. */
  breachId!: string | null;
  /** The ReportingRestriction values, comma separated ("" for none): read as CourtHearing.reportingRestrictions. */
  reportingRestrictionCodes!: string;
  /** The adjourned hearing this one continues. */
  previousHearingId!: string | null;
}
