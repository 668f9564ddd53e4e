import { Field, ID, InputType, Int } from "type-graphql";
import { DateTimeScalar } from "../../../platform/scalars";
import { HearingLanguage, HearingType, ReportingRestriction } from "../../../domain/vocabulary";

/** Where and how a hearing is listed, as a court's listing system gives it (HMCTS Common Platform's hearing shape). */
@InputType("NextHearingInput", { description: "The next hearing an adjournment lists, in the same transaction as the outcome." })
export class NextHearingInput {
  @Field(() => DateTimeScalar, { description: "When the next hearing sits: a later day than the adjourned hearing's, not in the past." })
  listedFor!: Date;

  @Field(() => ID, { nullable: true, description: "One of your courts; the adjourned hearing's court when left out." })
  courtCode?: string | null;

  @Field(() => HearingType, {
    nullable: true,
    description: "The adjourned hearing's type when left out; a breach case may move on to its trial or sentence.",
  })
  type?: HearingType | null;

  @Field(() => String, { nullable: true })
  courtroom?: string | null;

  @Field(() => Int, { nullable: true, description: "Place in the courtroom's list that day; after the last when left out." })
  listingSequence?: number | null;

  @Field(() => Int, { nullable: true })
  listedDurationMinutes?: number | null;

  @Field(() => HearingLanguage, { nullable: true, description: "The adjourned hearing's language when left out." })
  hearingLanguage?: HearingLanguage | null;

  @Field(() => [ReportingRestriction], { nullable: true, description: "The adjourned hearing's restrictions when left out." })
  reportingRestrictions?: ReportingRestriction[] | null;

  @Field(() => Boolean, { nullable: true, description: "The adjourned hearing's marker when left out." })
  youthMarker?: boolean | null;
}

@InputType("ListHearingInput")
export class ListHearingInput {
  @Field(() => ID, { description: "The order the hearing is about." })
  orderId!: string;

  @Field(() => HearingType, {
    description: "An application, review, variation, renewal, discharge or appeal; breach hearings follow by adjournment.",
  })
  type!: HearingType;

  @Field(() => ID, { description: "One of your courts, one that hears this type of hearing." })
  courtCode!: string;

  @Field(() => DateTimeScalar, { description: "When the hearing sits: a weekday, today or later." })
  listedFor!: Date;

  @Field(() => String, { nullable: true })
  courtroom?: string | null;

  @Field(() => Int, { nullable: true, description: "Place in the courtroom's list that day; after the last when left out." })
  listingSequence?: number | null;

  @Field(() => Int, { nullable: true, description: "Minutes, up to one sitting day (360)." })
  listedDurationMinutes?: number | null;

  @Field(() => HearingLanguage, { nullable: true, description: "ENGLISH when left out." })
  hearingLanguage?: HearingLanguage | null;

  @Field(() => [ReportingRestriction], {
    nullable: true,
    description: "None when left out; a youth court adds YOUTH_COURT_AUTOMATIC itself.",
  })
  reportingRestrictions?: ReportingRestriction[] | null;

  @Field(() => Boolean, { nullable: true, description: "false when left out; always true at a youth court." })
  youthMarker?: boolean | null;

  @Field(() => String, { description: "The same key sent twice lists the hearing once and returns the same hearing." })
  idempotencyKey!: string;
}

@InputType("RelistHearingInput", { description: "Where a listed hearing moves to: each field left out stays as it is." })
export class RelistHearingInput {
  @Field(() => ID)
  hearingId!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  listedFor?: Date | null;

  @Field(() => ID, { nullable: true, description: "One of your courts." })
  courtCode?: string | null;

  @Field(() => String, { nullable: true })
  courtroom?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "Kept when the hearing stays in its courtroom that day; after the last in a new one when left out.",
  })
  listingSequence?: number | null;

  @Field(() => Int, { nullable: true })
  listedDurationMinutes?: number | null;

  @Field(() => String, { description: "Why the hearing moves (kept in its listing history)." })
  reason!: string;

  @Field(() => String, { description: "The same key sent twice moves the hearing once and returns the same hearing." })
  idempotencyKey!: string;
}

@InputType("VacateHearingInput")
export class VacateHearingInput {
  @Field(() => ID)
  hearingId!: string;

  @Field(() => String, { description: "Why the hearing is taken out of the list (kept in its listing history)." })
  reason!: string;

  @Field(() => String, { description: "The same key sent twice vacates the hearing once and returns the same hearing." })
  idempotencyKey!: string;
}
