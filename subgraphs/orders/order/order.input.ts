import { Field, ID, InputType } from "type-graphql";
import { DateScalar } from "../../../platform/scalars";
import { AreaGround } from "../../../domain/vocabulary";

@InputType("ProposedTermInput", { description: "A prohibition or requirement the application asks the court to impose (s.1(2))." })
export class ProposedTermInput {
  @Field(() => String)
  description!: string;

  @Field(() => String, { nullable: true, description: "The area a prohibition keeps the respondent out of; requirements have none." })
  exclusionArea?: string | null;
}

@InputType("ApplyForOrderInput", {
  description: "An application by a chief officer of police for a stalking protection order (s.1), optionally with an interim order (s.5).",
})
export class ApplyForOrderInput {
  @Field(() => ID, { description: "The force applying: one you cover." })
  applicantForce!: string;

  @Field(() => ID, { description: "The respondent: a person already known to the API." })
  respondentId!: string;

  @Field(() => [ID], { description: "The persons the order is to protect, at least one." })
  protectedPersonIds!: string[];

  @Field(() => ID, { description: "The magistrates' court applied to; the youth court for a respondent aged 10 to 17." })
  courtCode!: string;

  @Field(() => DateScalar, { description: "The day of application: on or after 2020-01-20, not in the future." })
  appliedOn!: string;

  @Field(() => AreaGround, {
    nullable: true,
    description:
      "s.1(3): why the respondent is the applicant's concern; none for British Transport Police or the Ministry of Defence Police.",
  })
  areaGround?: AreaGround | null;

  @Field(() => String, { nullable: true, description: "What a belief (BELIEVED_IN_AREA, BELIEVED_COMING_TO_AREA) rests on." })
  beliefReason?: string | null;

  @Field(() => String, { description: "The grounds of the application (s.1(1)): case detail." })
  grounds!: string;

  @Field(() => [ProposedTermInput])
  prohibitions!: ProposedTermInput[];

  @Field(() => [ProposedTermInput], { defaultValue: [] })
  requirements!: ProposedTermInput[];

  @Field(() => Boolean, { defaultValue: false, description: "An interim order is sought with the application (s.5)." })
  interimSought!: boolean;

  @Field(() => String)
  idempotencyKey!: string;
}

@InputType("RecordServiceInput", { description: "The day an order was served on the respondent (notification runs from it, s.9)." })
export class RecordServiceInput {
  @Field(() => ID)
  orderId!: string;

  @Field(() => DateScalar, { description: "A day the order was in force, not in the future." })
  servedOn!: string;

  @Field(() => String)
  idempotencyKey!: string;
}

@InputType("TransferManagementInput", {
  description:
    "Management of an order passes to the force of the area the respondent now lives in (the relevant chief officer, s.14(1)): asked for by the force managing it or the force receiving it.",
})
export class TransferManagementInput {
  @Field(() => ID)
  orderId!: string;

  @Field(() => ID, { description: "The receiving force: a force with a police area, not the one managing the order." })
  toForce!: string;

  @Field(() => DateScalar, { description: "The day management passes: not in the future, nor before the last transfer." })
  transferredOn!: string;

  @Field(() => String)
  idempotencyKey!: string;
}
