import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { HearingsContext } from "../context";
import { CourtHearing } from "../hearing/hearing.type";
import { OrderReference } from "./order.type";

/** Contributes StalkingProtectionOrder.hearings. */
@Resolver(() => OrderReference)
export class OrderHearingsResolver {
  @FieldResolver(() => [CourtHearing], { nullable: true, description: "Every hearing about the order, in listing order." })
  hearings(@Root() order: OrderReference, @Ctx() context: HearingsContext): Promise<CourtHearing[]> {
    return context.loaders.hearingsByOrderId.load(order.id);
  }
}
