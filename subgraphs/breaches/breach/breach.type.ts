import { Directive, Field, ID, ObjectType } from "type-graphql";
import { BreachOffenceType, BreachStatus } from "../../../domain/vocabulary";
import { DateScalar } from "../../../platform/scalars";

/**
 * A reported offence under the Stalking Protection Act 2019 (s.8 or s.11).
 * `order`, `offender` and `reportingForce` are references to entities owned
 * elsewhere, resolved from the ids and codes below by the breach resolver.
 */
@ObjectType("BreachOffence", { description: "An offence of breaching a stalking protection order or its notification requirements." })
@Directive(`@key(fields: "id")`)
export class BreachOffence {
  @Field(() => ID)
  id!: string;

  @Field(() => BreachOffenceType)
  offenceType!: BreachOffenceType;

  @Field(() => String, { nullable: true, description: "CJS offence code, e.g. ST19001." })
  offenceCode!: string | null;

  @Field(() => DateScalar)
  occurredOn!: string;

  @Field(() => DateScalar)
  reportedOn!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => BreachStatus)
  status!: BreachStatus;

  @Field(() => String, { nullable: true })
  sentence!: string | null;

  orderId!: string | null;
  /** Applicant force of the order breached (jurisdiction of the order's detail). */
  orderForceCode!: string | null;
  /** The force managing the order breached after a transfer of management (null while its applicant force does). */
  orderManagingForceCode!: string | null;
  offenderId!: string;
  reportingForceCode!: string;
  /** Date of conviction or acquittal: convictions are counted in the period they were decided. */
  decidedOn!: string | null;
}
