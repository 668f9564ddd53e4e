import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { NotImplementedError } from "../../kit/errors";
import { forceReference, ForceReference } from "../../kit/reference-stubs";
import type { BreachesContext } from "../context";
import { OrderReference } from "../order/order.type";
import { PersonReference } from "../person/person.type";
import { ReportBreachInput } from "./breach.input";
import { BreachOffence } from "./breach.type";

@Resolver(() => BreachOffence)
export class BreachResolver {
  @Query(() => BreachOffence, { nullable: true })
  breachOffence(@Arg("id", () => ID) id: string, @Ctx() context: BreachesContext): Promise<BreachOffence | null> {
    return context.loaders.breachById.load(id);
  }

  @Mutation(() => BreachOffence)
  reportBreach(@Arg("input", () => ReportBreachInput) _input: ReportBreachInput): BreachOffence {
    // Reporting needs the order (owned by orders) to attribute and check the breach; until that lands, say so.
    throw new NotImplementedError("reportBreach");
  }

  @FieldResolver(() => OrderReference, { nullable: true })
  order(@Root() breach: BreachOffence): OrderReference | null {
    return breach.orderId === null ? null : OrderReference.of(breach.orderId);
  }

  @FieldResolver(() => PersonReference)
  offender(@Root() breach: BreachOffence): PersonReference {
    return PersonReference.of(breach.offenderId);
  }

  @FieldResolver(() => ForceReference, { description: "The force the breach was reported to; statistics count it there." })
  reportingForce(@Root() breach: BreachOffence): ForceReference {
    return forceReference(breach.reportingForceCode);
  }
}
