import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { DateScalar } from "../../../platform/scalars";

export enum BreachOffenceType {
  BREACH_OF_ORDER = "BREACH_OF_ORDER",
  NOTIFICATION_FAILURE = "NOTIFICATION_FAILURE",
  FALSE_NOTIFICATION = "FALSE_NOTIFICATION",
}
registerEnumType(BreachOffenceType, {
  name: "BreachOffenceType",
  valuesConfig: {
    BREACH_OF_ORDER: { description: "s.8: breach of an interim or full order (CJS offence code ST19001)" },
    NOTIFICATION_FAILURE: { description: "s.11: failure to comply with notification requirements" },
    FALSE_NOTIFICATION: { description: "s.11: knowingly giving false information when notifying" },
  },
});

export enum BreachStatus {
  REPORTED = "REPORTED",
  UNDER_INVESTIGATION = "UNDER_INVESTIGATION",
  CHARGED = "CHARGED",
  NO_FURTHER_ACTION = "NO_FURTHER_ACTION",
  CONVICTED = "CONVICTED",
  ACQUITTED = "ACQUITTED",
}
registerEnumType(BreachStatus, { name: "BreachStatus" });

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
  offenderId!: string;
  reportingForceCode!: string;
  /** Date of conviction or acquittal: convictions are counted in the period they were decided. */
  decidedOn!: string | null;
}
