import { Field, ID, InputType, Int } from "type-graphql";
import { DateScalar } from "../../../platform/scalars";
import {
  Appealable,
  AppealOutcome,
  Appellant,
  CourtDecision,
  DisposalType,
  HearingStatus,
  LengthUnit,
  Section4Applicant,
  TermAction,
  TermCategory,
  TermType,
} from "../../../domain/vocabulary";
import { NextHearingInput } from "./listing.input";

@InputType("AppealOutcomeInput", {
  description: "The Crown Court's decision on an appeal (s.7): its outcome, what was appealed against and who appealed.",
})
export class AppealOutcomeInput {
  @Field(() => AppealOutcome)
  outcome!: AppealOutcome;

  @Field(() => Appealable)
  against!: Appealable;

  @Field(() => Appellant)
  appellant!: Appellant;

  @Field(() => Section4Applicant, {
    nullable: true,
    description: "For an appeal about a section 4 order (or its refusal): who applied for it.",
  })
  section4ApplicationBy?: Section4Applicant | null;
}

@InputType("SentenceLengthInput")
export class SentenceLengthInput {
  @Field(() => Int)
  value!: number;

  @Field(() => LengthUnit)
  unit!: LengthUnit;
}

@InputType("BreachDisposalInput", {
  description: "One part of a breach sentence: its type and whichever of length, suspendedFor and amountPence the type takes.",
})
export class BreachDisposalInput {
  @Field(() => DisposalType)
  type!: DisposalType;

  @Field(() => SentenceLengthInput, { nullable: true, description: "Custody, suspended sentence, community order, conditional discharge." })
  length?: SentenceLengthInput | null;

  @Field(() => SentenceLengthInput, { nullable: true, description: "A suspended sentence's operational period." })
  suspendedFor?: SentenceLengthInput | null;

  @Field(() => Int, { nullable: true, description: "A fine, in pence." })
  amountPence?: number | null;
}

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
  // Court listing: an adjournment lists its next hearing in the same transaction (listing.input.ts).
  @Field(() => NextHearingInput, { nullable: true, description: "On an adjournment only: the next hearing, listed with the outcome." })
  nextHearing?: NextHearingInput | null;

  @Field(() => String, { description: "The same key sent twice records the outcome once and returns the same hearing." })
  idempotencyKey!: string;

  // Breach sentencing: the structured disposal.
  @Field(() => [BreachDisposalInput], {
    nullable: true,
    description: "At a BREACH_SENTENCE hearing that CONVICTED: the sentence, one entry per disposal (custody and a fine, say).",
  })
  disposal?: BreachDisposalInput[] | null;

  // Crown Court appeals.
  @Field(() => AppealOutcomeInput, {
    nullable: true,
    description:
      "At an APPEAL hearing (a Crown Court): the appeal's outcome. The decision it is recorded as follows from it; leave decision out or give that one.",
  })
  appeal?: AppealOutcomeInput | null;
}

/** A correction of a recorded outcome: the outcome as it should have been recorded, in the same fields, and why. */
@InputType("AmendHearingOutcomeInput")
export class AmendHearingOutcomeInput extends HearingOutcomeInput {
  @Field(() => String, {
    description: "What was wrong with the recorded outcome (10 characters at least); kept with the hearing's history.",
  })
  reason!: string;
}
