import { Field, ID, InputType } from "type-graphql";
import { DateScalar } from "../../../platform/scalars";
import { CourtDecision, HearingStatus } from "../../../domain/vocabulary";
import { NextHearingInput } from "./listing.input";

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

  // Court listing: an adjournment lists its next hearing in the same transaction (listing.input.ts).
  @Field(() => NextHearingInput, { nullable: true, description: "On an adjournment only: the next hearing, listed with the outcome." })
  nextHearing?: NextHearingInput | null;

  @Field(() => String, { description: "The same key sent twice records the outcome once and returns the same hearing." })
  idempotencyKey!: string;
}
