import { Field, ID, InputType } from "type-graphql";
import { DateScalar } from "../../../platform/scalars";
import { CourtDecision, HearingStatus, TermAction, TermCategory, TermType } from "../../../domain/vocabulary";

@InputType("TermChangeInput", {
  description:
    "A term the decision makes (type, category, description), varies (termId and what changes) or removes (termId). A field left out of a variation is unchanged; null clears exclusionArea or until.",
})
export class TermChangeInput {
  @Field(() => TermAction)
  action!: TermAction;

  @Field(() => ID, { nullable: true, description: "The term varied or removed (OrderTerm.id); not given for a term made." })
  termId?: string | null;

  @Field(() => TermType, { nullable: true, description: "Of a term made; a variation never changes it." })
  type?: TermType | null;

  @Field(() => TermCategory, { nullable: true })
  category?: TermCategory | null;

  @Field(() => String, { nullable: true, description: "What is prohibited or required." })
  description?: string | null;

  @Field(() => String, { nullable: true })
  exclusionArea?: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "The day the term ceases to have effect, if it has a period of its own (s.2(4)).",
  })
  until?: string | null;
}

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

  @Field(() => [TermChangeInput], {
    nullable: true,
    description:
      "The terms a decision that makes, extends or varies an order makes, varies or removes (s.2, s.4). Left out, an order made has the terms applied for (a full order replacing an interim one: the interim order's terms in force).",
  })
  terms?: TermChangeInput[] | null;

  @Field(() => String, { description: "The same key sent twice records the outcome once and returns the same hearing." })
  idempotencyKey!: string;
}
