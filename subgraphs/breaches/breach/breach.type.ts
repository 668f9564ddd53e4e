import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { BreachOffenceType, BreachStatus, DisposalType, LengthUnit } from "../../../domain/vocabulary";
import type { BreachDisposal as DomainDisposal } from "../../../domain/breach-disposals";
import { DateScalar } from "../../../platform/scalars";

@ObjectType("SentenceLength", { description: "A length of a sentence: a whole number of days, weeks, months or years." })
export class SentenceLength {
  @Field(() => Int)
  value!: number;

  @Field(() => LengthUnit)
  unit!: LengthUnit;
}

@ObjectType("BreachDisposal", {
  description: "One part of the sentence for a breach (domain/breach-disposals.ts): custody, a suspended sentence, a fine…",
})
export class BreachDisposal {
  @Field(() => DisposalType)
  type!: DisposalType;

  @Field(() => SentenceLength, { nullable: true, description: "Custody, suspended sentence, community order, conditional discharge." })
  length!: SentenceLength | null;

  @Field(() => SentenceLength, { nullable: true, description: "A suspended sentence's operational period." })
  suspendedFor!: SentenceLength | null;

  @Field(() => Int, { nullable: true, description: "A fine, in pence." })
  amountPence!: number | null;

  static from(disposal: DomainDisposal): BreachDisposal {
    return Object.assign(new BreachDisposal(), {
      type: disposal.type,
      length: "length" in disposal ? disposal.length : null,
      suspendedFor: "suspendedFor" in disposal ? disposal.suspendedFor : null,
      amountPence: "amountPence" in disposal ? disposal.amountPence : null,
    });
  }
}

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

  @Field(() => String, {
    nullable: true,
    description: 'The crime reference the reporting force gave the breach, e.g. "07/0012345/26" (force code, serial, year).',
  })
  crimeReference!: string | null;

  @Field(() => [BreachDisposal], {
    nullable: true,
    description: "The sentence's disposals, as recorded at the sentencing hearing; null until one is recorded with them.",
  })
  disposal!: BreachDisposal[] | null;

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
