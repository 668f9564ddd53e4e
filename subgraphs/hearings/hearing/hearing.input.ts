import { Field, ID, InputType } from "type-graphql";
import { DateScalar } from "../../../platform/scalars";
import { CourtDecision, HearingStatus } from "../../../domain/vocabulary";

@InputType("HearingOutcomeInput")
export class HearingOutcomeInput {
  @Field(() => ID)
  hearingId!: string;

  @Field(() => HearingStatus)
  status!: HearingStatus;

  @Field(() => CourtDecision, { nullable: true })
  decision?: CourtDecision | null;

  @Field(() => String, { nullable: true })
  outcomeNote?: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "New expiry for decisions that set or change one (full order, extension, renewal, variation).",
  })
  expiresOn?: string | null;

  @Field(() => Boolean, { nullable: true })
  untilFurtherOrder?: boolean | null;

  @Field(() => String, { description: "The same key sent twice records the outcome once and returns the same hearing." })
  idempotencyKey!: string;
}

/** A correction of a recorded outcome: the outcome as it should have been recorded, in the same fields, and why. */
@InputType("AmendHearingOutcomeInput")
export class AmendHearingOutcomeInput extends HearingOutcomeInput {
  @Field(() => String, {
    description: "What was wrong with the recorded outcome (10 characters at least); kept with the hearing's history.",
  })
  reason!: string;
}
