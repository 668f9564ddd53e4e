import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { OrdersContext } from "../context";
import { StalkingProtectionOrder } from "../order/order.type";
import { deriveSpoStatus } from "./spo-status";
import { SpoStatus } from "../../../domain/vocabulary";
import { PersonReference } from "./person.type";

/**
 * Jurisdiction (filtered in the loaders' SQL, see order.loaders.ts):
 * - stalkingProtectionOrders and spoStatus span every force's orders
 *   (cross-force intelligence), except that a court-listing caller sees only
 *   the orders it covers (and the status is derived from those);
 * - protectedBy lists only the orders the caller covers, silently: the link
 *   itself is protected-person detail.
 */
@Resolver(() => PersonReference)
export class PersonOrdersResolver {
  @FieldResolver(() => [StalkingProtectionOrder], {
    description: "Orders in which this person is the respondent, across every force the caller may see.",
  })
  stalkingProtectionOrders(@Root() person: PersonReference, @Ctx() context: OrdersContext): Promise<StalkingProtectionOrder[]> {
    return context.loaders.ordersByRespondentId.load(person.id);
  }

  @FieldResolver(() => [StalkingProtectionOrder], { nullable: true, description: "Orders that protect this person." })
  protectedBy(@Root() person: PersonReference, @Ctx() context: OrdersContext): Promise<StalkingProtectionOrder[]> {
    return context.loaders.ordersByProtectedPersonId.load(person.id);
  }

  @FieldResolver(() => SpoStatus, { description: "Summary across all forces, as of today." })
  async spoStatus(@Root() person: PersonReference, @Ctx() context: OrdersContext): Promise<SpoStatus> {
    return deriveSpoStatus(await context.loaders.ordersByRespondentId.load(person.id), context.clock.today());
  }
}
