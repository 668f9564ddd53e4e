import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { HearingsContext } from "../context";
import { CourtHearing } from "../hearing/hearing.type";
import { OrderReference } from "./order.type";

/** Contributes StalkingProtectionOrder.hearings. */
@Resolver(() => OrderReference)
export class OrderHearingsResolver {
  /** Jurisdiction: a court-listing caller gets only the hearings at its courts (the loader filters in SQL). */
  @FieldResolver(() => [CourtHearing], { nullable: true, description: "Every hearing about the order, in listing order." })
  hearings(@Root() order: OrderReference, @Ctx() context: HearingsContext): Promise<CourtHearing[]> {
    return context.loaders.hearingsByOrderId.load(order.id);
  }
}
