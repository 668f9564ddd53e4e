import { Field, ID, InputType } from "type-graphql";
import { DateScalar } from "../../../platform/scalars";
import { BreachOffenceType } from "../../../domain/vocabulary";

@InputType("ReportBreachInput")
export class ReportBreachInput {
  @Field(() => ID)
  orderId!: string;

  @Field(() => BreachOffenceType)
  offenceType!: BreachOffenceType;

  @Field(() => DateScalar)
  occurredOn!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String)
  idempotencyKey!: string;
}
