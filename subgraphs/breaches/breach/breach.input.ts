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

  // Terms breached (s.8): checked against the order's terms in force on occurredOn.
  @Field(() => [ID], {
    nullable: true,
    description: "The order's terms the breach is of (OrderTerm.id), each in force on occurredOn; left out: not stated.",
  })
  termsBreached?: string[] | null;

  @Field(() => String)
  idempotencyKey!: string;
}
