import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { outOfJurisdiction } from "../../kit/jurisdiction-errors";
import { coversForce, type Principal } from "../../kit/principal";
import { forceReference, ForceReference } from "../../kit/reference-stubs";
import type { BreachesContext } from "../context";
import { OrderReference } from "../order/order.type";
import { PersonReference } from "../person/person.type";
import { ReportBreachInput } from "./breach.input";
import { reportBreach } from "./report-breach";
import { BreachOffence } from "./breach.type";

/**
 * Jurisdiction: a breach is covered when the caller covers the applicant force
 * of the order breached or the force it was reported to. Anyone with
 * breach:read sees that it exists (type, status, dates, forces); its detail
 * (description, sentence) is for callers covering it, others get null and
 * FORBIDDEN / OUT_OF_JURISDICTION. Court callers cover no force, so they never
 * see the detail.
 */
function assertCoversBreach(principal: Principal, breach: BreachOffence): void {
  const covered =
    (breach.orderForceCode !== null && coversForce(principal, breach.orderForceCode)) ||
    coversForce(principal, breach.reportingForceCode);
  if (!covered) throw outOfJurisdiction();
}

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

  @FieldResolver(() => String, { nullable: true })
  description(@Root() breach: BreachOffence, @Ctx() context: BreachesContext): string | null {
    assertCoversBreach(context.principal, breach);
    return breach.description;
  }

  @FieldResolver(() => String, { nullable: true })
  sentence(@Root() breach: BreachOffence, @Ctx() context: BreachesContext): string | null {
    assertCoversBreach(context.principal, breach);
    return breach.sentence;
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
