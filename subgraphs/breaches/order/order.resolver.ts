import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { BreachOffence } from "../breach/breach.type";
import type { BreachesContext } from "../context";
import { OrderReference } from "./order.type";

/** Contributes StalkingProtectionOrder.breaches. */
@Resolver(() => OrderReference)
export class OrderBreachesResolver {
  @FieldResolver(() => [BreachOffence], { nullable: true, description: "Breaches of the order, in the order they occurred." })
  breaches(@Root() order: OrderReference, @Ctx() context: BreachesContext): Promise<BreachOffence[]> {
    return context.loaders.breachesByOrderId.load(order.id);
  }
}
