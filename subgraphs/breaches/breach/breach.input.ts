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

  // The crime reference: checked against the reporting force and the dates (domain/breach-report.ts).
  @Field(() => String, {
    nullable: true,
    description: 'The reporting force\'s crime reference, FF/SERIAL/YY, e.g. "07/0012345/26": its force code, serial and year recorded.',
  })
  crimeReference?: string | null;
}
