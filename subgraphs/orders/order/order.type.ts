import { Directive, Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { CourtReference, ForceReference } from "../../../platform/subgraph/entity-reference";
import { Region } from "../../../domain/region";
import { OrderEventType, OrderKind, OrderStatus, TermAction, TermCategory, TermType } from "../../../domain/vocabulary";
import { DateScalar } from "../../../platform/scalars";
import type { OrderStatusFacts } from "./order-status";

@ObjectType("OrderTermVersion", {
  description: "A term as a decision made or varied it, or its removal: what it said from effectiveFrom to effectiveTo.",
})
export class OrderTermVersion {
  @Field(() => TermAction)
  action!: TermAction;

  @Field(() => ID, {
    nullable: true,
    description: "The hearing whose decision it is; null for terms made before decisions were recorded term by term.",
  })
  hearingId!: string | null;

  @Field(() => DateScalar)
  effectiveFrom!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: "The day the next version, its removal or the end of its own period took effect; null while it stands.",
  })
  effectiveTo!: string | null;

  @Field(() => TermCategory)
  category!: TermCategory;

  @Field(() => String)
  description!: string;

  @Field(() => String, { nullable: true })
  exclusionArea!: string | null;

  @Field(() => DateScalar, { nullable: true })
  until!: string | null;

  /** The order the term was reached through (its text's guard asks that order). */
  order?: StalkingProtectionOrder;
}

@ObjectType("OrderTerm", { description: "A prohibition or requirement of an order." })
export class OrderTerm {
  @Field(() => String)
  description!: string;

  @Field(() => String, { nullable: true })
  exclusionArea!: string | null;

  @Field(() => ID, { description: "The term, as decisions vary or remove it and breaches name it." })
  id!: string;

  @Field(() => TermType)
  type!: TermType;

  @Field(() => TermCategory)
  category!: TermCategory;

  @Field(() => DateScalar, { nullable: true, description: "The day it ceases to have effect, if it has a period of its own (s.2(4))." })
  until!: string | null;

  @Field(() => DateScalar, { nullable: true, description: "The day it was made; null for a term applied for, not yet made." })
  madeOn!: string | null;

  @Field(() => [OrderTermVersion], { description: "As made, after each variation, and its removal; empty for a term not yet made." })
  history!: OrderTermVersion[];

  orderId!: string;
  /** The order the term was reached through (set by its prohibitions, requirements and terms). */
  order?: StalkingProtectionOrder;
}

@ObjectType("OrderEvent")
export class OrderEvent {
  @Field(() => OrderEventType)
  type!: OrderEventType;

  @Field(() => DateScalar)
  on!: string;

  @Field(() => CourtReference, { nullable: true })
  court!: CourtReference | null;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      "The day the hearing outcome that added this event was corrected (amendHearingOutcome): the event is kept as recorded but no longer has effect.",
  })
  correctedOn!: string | null;

  orderId!: string;
}

@ObjectType("StalkingProtectionOrder", { description: "An interim or full stalking protection order (Stalking Protection Act 2019)." })
@Directive(`@key(fields: "id")`)
export class StalkingProtectionOrder implements OrderStatusFacts {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  reference!: string;

  @Field(() => OrderKind)
  kind!: OrderKind;

  @Field(() => DateScalar, { nullable: true })
  appliedOn!: string | null;

  @Field(() => DateScalar, { nullable: true })
  madeOn!: string | null;

  @Field(() => DateScalar, { nullable: true })
  servedOn!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "Null when the order runs until further order, or (interim) until the main application is determined.",
  })
  expiresOn!: string | null;

  @Field(() => Boolean)
  untilFurtherOrder!: boolean;

  applicantForceCode!: string;
  /** Null while the applicant force manages the order (managingForce resolves it). */
  managingForceCode!: string | null;
  courtCode!: string | null;
  respondentId!: string;
  supersedesId!: string | null;
  endedOn!: string | null;
  endReason!: OrderStatusFacts["endReason"];
}

@ObjectType("ManagementPeriod", {
  description: "A period in which one force managed the order: the applicant force from the start, then each force it was transferred to.",
})
export class ManagementPeriod {
  @Field(() => ForceReference)
  force!: ForceReference;

  @Field(() => DateScalar, { nullable: true, description: "The day management passed to this force; null for the applicant force." })
  from!: string | null;

  @Field(() => DateScalar, { nullable: true, description: "The day management passed on; null while this force manages the order." })
  until!: string | null;

  @Field(() => ForceReference, { nullable: true, description: "The force that asked for the transfer; null for the applicant force." })
  requestedBy!: ForceReference | null;
}

@ObjectType("PageInfo")
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType("OrderConnection")
export class OrderConnection {
  @Field(() => [StalkingProtectionOrder])
  nodes!: StalkingProtectionOrder[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}

@InputType("OrderFilter", { description: "All given criteria must hold; within one list, any value matches." })
export class OrderFilter {
  @Field(() => [ID], { nullable: true })
  forces?: string[] | null;

  @Field(() => [Region], { nullable: true })
  regions?: Region[] | null;

  @Field(() => [OrderKind], { nullable: true })
  kinds?: OrderKind[] | null;

  @Field(() => [OrderStatus], { nullable: true })
  statuses?: OrderStatus[] | null;

  @Field(() => DateScalar, { nullable: true })
  madeFrom?: string | null;

  @Field(() => DateScalar, { nullable: true })
  madeTo?: string | null;
}
