import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { ForceReference } from "../../../platform/subgraph/entity-reference";
import type { BreachesContext } from "../context";
import { OrderReference } from "../order/order.type";
import { PersonReference } from "../person/person.type";
import { ReportBreachInput } from "./breach.input";
import { reportBreach } from "./report-breach";
import { BreachOffence } from "./breach.type";

@Resolver(() => BreachOffence)
export class BreachResolver {
  @Query(() => BreachOffence, { nullable: true })
  breachOffence(@Arg("id", () => ID) id: string, @Ctx() context: BreachesContext): Promise<BreachOffence | null> {
    return context.loaders.breachById.load(id);
  }

  @Mutation(() => BreachOffence, {
    description:
      "Reports a breach of an order your force covers, committed on a day it was in force. s.8 breaches get CJS offence code ST19001.",
  })
  reportBreach(@Arg("input", () => ReportBreachInput) input: ReportBreachInput, @Ctx() context: BreachesContext): Promise<BreachOffence> {
    return reportBreach(context, input);
  }

  @FieldResolver(() => OrderReference, { nullable: true })
  order(@Root() breach: BreachOffence): OrderReference | null {
    return OrderReference.of(breach.orderId);
  }

  @FieldResolver(() => [ID], {
    nullable: true,
    description: "The terms of the order the breach is of (OrderTerm.id), as reported; empty when not stated.",
  })
  async termsBreached(@Root() breach: BreachOffence, @Ctx() context: BreachesContext): Promise<string[]> {
    return (await context.loaders.termsBreachedByBreachId.load(breach.id)).map((row) => row.termId);
  }

  @FieldResolver(() => PersonReference)
  offender(@Root() breach: BreachOffence): PersonReference {
    return PersonReference.of(breach.offenderId);
  }

  @FieldResolver(() => ForceReference, { description: "The force the breach was reported to; statistics count it there." })
  reportingForce(@Root() breach: BreachOffence): ForceReference {
    return ForceReference.of(breach.reportingForceCode);
  }
}
