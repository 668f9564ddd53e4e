import { Field, ObjectType } from "type-graphql";
import { CourtDecision, HearingStatus } from "../../../domain/vocabulary";
import { DateScalar, DateTimeScalar } from "../../../platform/scalars";

/**
 * An outcome recorded for a hearing and later corrected (amendHearingOutcome), as it was recorded: the court's
 * record is never overwritten. The hearing's own fields hold the outcome that stands.
 */
@ObjectType("CorrectedHearingOutcome", {
  description: "An outcome recorded for a hearing and later corrected, as it was recorded, with when and why it was corrected.",
})
export class CorrectedHearingOutcome {
  @Field(() => HearingStatus)
  status!: HearingStatus;

  @Field(() => CourtDecision, { nullable: true })
  decision!: CourtDecision | null;

  @Field(() => String, { nullable: true })
  outcomeNote!: string | null;

  @Field(() => DateScalar, { nullable: true, description: "The expiry the court was recorded as deciding, if any." })
  expiresOn!: string | null;

  @Field(() => Boolean, { nullable: true })
  untilFurtherOrder!: boolean | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When this outcome was recorded (null for outcomes loaded with the dataset).",
  })
  recordedAt!: Date | null;

  @Field(() => DateTimeScalar)
  correctedAt!: Date;

  @Field(() => String, { description: "Why it was corrected: the court's words." })
  correctionReason!: string;

  hearingId!: string;
  /** The hearing's court and its order's applicant force: who may read the free text (access.ts). */
  courtCode!: string;
  orderForceCode!: string | null;
  /** The force managing its order after a transfer of management (null while the applicant force does). */
  orderManagingForceCode!: string | null;
}
