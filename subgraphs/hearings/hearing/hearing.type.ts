import { Directive, Field, ID, ObjectType } from "type-graphql";
import {
  Appealable,
  AppealOutcome,
  Appellant,
  CourtDecision,
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
}
