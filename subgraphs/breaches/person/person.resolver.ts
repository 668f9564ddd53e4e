import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { BreachOffence } from "../breach/breach.type";
import type { BreachesContext } from "../context";
import { PersonReference } from "./person.type";

/** Contributes Person.breachOffences. */
@Resolver(() => PersonReference)
export class PersonBreachesResolver {
  @FieldResolver(() => [BreachOffence], {
    nullable: true,
    description: "Breach offences the person committed, in the order they occurred.",
  })
  breachOffences(@Root() person: PersonReference, @Ctx() context: BreachesContext): Promise<BreachOffence[]> {
    return context.loaders.breachesByOffenderId.load(person.id);
  }
}
