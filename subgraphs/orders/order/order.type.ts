import { Directive, Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { CourtReference } from "../../../platform/subgraph/entity-reference";
import { Region } from "../../../domain/region";
import { OrderEventType, OrderKind, OrderStatus } from "../../../domain/vocabulary";
import { DateScalar } from "../../../platform/scalars";
import type { OrderStatusFacts } from "./order-status";

@ObjectType("OrderTerm", { description: "A prohibition or requirement of an order." })
export class OrderTerm {
  @Field(() => String)
  description!: string;

  @Field(() => String, { nullable: true })
  exclusionArea!: string | null;

  orderId!: string;
  category!: "PROHIBITION" | "REQUIREMENT";
  /** The order the term was reached through (set by its prohibitions and requirements). */
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
  courtCode!: string | null;
  respondentId!: string;
  supersedesId!: string | null;
  endedOn!: string | null;
  endReason!: OrderStatusFacts["endReason"];
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
