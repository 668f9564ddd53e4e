import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { BadUserInputError } from "../../../platform/errors/errors";
import { coversCourt } from "../../../platform/identity/principal";
import { findCourt } from "../../../platform/estate";
import { CourtReference } from "../../../platform/subgraph/entity-reference";
import { DateScalar } from "../../../platform/scalars";
import type { HearingsContext } from "../context";
import { OrderReference } from "../order/order.type";
import { PersonReference } from "../person/person.type";
import { recordHearingOutcome } from "./record-hearing-outcome";
import { AmendHearingOutcomeInput, HearingOutcomeInput } from "./hearing.input";
import { amendHearingOutcome } from "./amend-hearing-outcome";
import { CorrectedHearingOutcome } from "./corrected-outcome.type";
import { HearingRepository } from "./hearing.repository";
import { CourtHearing } from "./hearing.type";
import { ReportingRestriction } from "../../../domain/vocabulary";
import { londonDateOf } from "../../../platform/dates";
import { listHearing } from "./list-hearing";
import { reportingRestrictionsOf } from "./listed-hearing";
import { ListHearingInput, RelistHearingInput, VacateHearingInput } from "./listing.input";
import { relistHearing } from "./relist-hearing";
import { vacateHearing } from "./vacate-hearing";

@Resolver(() => CourtHearing)
export class HearingResolver {
  /** Jurisdiction: null for a hearing at a court a court-listing caller does not cover (the loader filters). */
  @Query(() => CourtHearing, { nullable: true })
  hearing(@Arg("id", () => ID) id: string, @Ctx() context: HearingsContext): Promise<CourtHearing | null> {
    return context.loaders.hearingById.load(id);
  }

  @Query(() => [CourtHearing], {
    description: "The hearings at a court on one calendar day (Europe/London), in listing order: time, then courtroom.",
  })
  courtList(
    @Arg("courtCode", () => ID) courtCode: string,
    @Arg("date", () => DateScalar) date: string,
    @Ctx() context: HearingsContext,
  ): Promise<CourtHearing[]> {
    if (!findCourt(courtCode)) throw new BadUserInputError("courtCode", `unknown court code "${courtCode}"`);
    // Jurisdiction: a court-listing caller asking for another court's list gets an empty list — nothing
    // leaks, not even an error. Force, region and national callers see every court's list.
    if (context.principal.jurisdiction.kind === "courts" && !coversCourt(context.principal, courtCode)) return Promise.resolve([]);
    return new HearingRepository(context.db).findCourtList(courtCode, date);
  }

  @Mutation(() => CourtHearing, {
    description:
      "Records a hearing's outcome at one of your courts. Its effect on the order (events, status, a full order made) or on a breach offence follows through the event stream without a further call.",
  })
  recordHearingOutcome(
    @Arg("input", () => HearingOutcomeInput) input: HearingOutcomeInput,
    @Ctx() context: HearingsContext,
  ): Promise<CourtHearing> {
    return recordHearingOutcome(context, input);
  }

  // Court listing: the mutations that list, move and vacate hearings (list-hearing.ts, relist-hearing.ts,
  // vacate-hearing.ts), and the listing fields made from columns.
  @Mutation(() => CourtHearing, {
    description: "Lists a new hearing about an order at one of your courts, in its courtroom's list for the day.",
  })
  listHearing(@Arg("input", () => ListHearingInput) input: ListHearingInput, @Ctx() context: HearingsContext): Promise<CourtHearing> {
    return listHearing(context, input);
  }

  @Mutation(() => CourtHearing, {
    description:
      "Moves a listed hearing at one of your courts to another day, courtroom or court of yours, with the reason; where it was is kept.",
  })
  relistHearing(@Arg("input", () => RelistHearingInput) input: RelistHearingInput, @Ctx() context: HearingsContext): Promise<CourtHearing> {
    return relistHearing(context, input);
  }

  @Mutation(() => CourtHearing, {
    description: "Takes a listed hearing at one of your courts out of the list, with the reason: it stays, VACATED, deciding nothing.",
  })
  vacateHearing(@Arg("input", () => VacateHearingInput) input: VacateHearingInput, @Ctx() context: HearingsContext): Promise<CourtHearing> {
    return vacateHearing(context, input);
  }

  @FieldResolver(() => DateScalar, { description: "The day the hearing sits, in England and Wales." })
  sittingDay(@Root() hearing: CourtHearing): string {
    return londonDateOf(hearing.listedFor);
  }

  @FieldResolver(() => [ReportingRestriction], {
    nullable: true,
    description:
      "The restrictions on reporting the hearing: case detail (they can say a child is concerned), for callers covering the hearing's court or its order's force.",
  })
  reportingRestrictions(@Root() hearing: CourtHearing): `${ReportingRestriction}`[] {
    return reportingRestrictionsOf(hearing);
  }

  @FieldResolver(() => CourtHearing, { nullable: true, description: "The hearing listed when this one was adjourned." })
  nextHearing(@Root() hearing: CourtHearing, @Ctx() context: HearingsContext): Promise<CourtHearing | null> {
    return context.loaders.hearingByPreviousId.load(hearing.id);
  }

  @FieldResolver(() => CourtHearing, { nullable: true, description: "The adjourned hearing this one continues." })
  previousHearing(@Root() hearing: CourtHearing, @Ctx() context: HearingsContext): Promise<CourtHearing | null> | null {
    return hearing.previousHearingId === null ? null : context.loaders.hearingById.load(hearing.previousHearingId);
  }

  @Mutation(() => CourtHearing, {
    description:
      "Corrects a hearing's recorded outcome at one of your courts, with the reason. The outcome corrected is kept in outcomeHistory; its effect on the order or breach offence is undone and the corrected one applied through the event stream.",
  })
  amendHearingOutcome(
    @Arg("input", () => AmendHearingOutcomeInput) input: AmendHearingOutcomeInput,
    @Ctx() context: HearingsContext,
  ): Promise<CourtHearing> {
    return amendHearingOutcome(context, input);
  }

  @FieldResolver(() => [CorrectedHearingOutcome], {
    description:
      "Outcomes recorded for this hearing and later corrected, oldest first; the hearing's own fields hold the outcome that stands.",
  })
  outcomeHistory(@Root() hearing: CourtHearing, @Ctx() context: HearingsContext): Promise<CorrectedHearingOutcome[]> {
    return context.loaders.correctedOutcomesByHearingId.load(hearing.id);
  }

  @FieldResolver(() => CourtReference)
  court(@Root() hearing: CourtHearing): CourtReference {
    return CourtReference.of(hearing.courtCode);
  }

  @FieldResolver(() => OrderReference, { nullable: true })
  order(@Root() hearing: CourtHearing): OrderReference | null {
    return OrderReference.of(hearing.orderId);
  }

  @FieldResolver(() => PersonReference, { nullable: true })
  respondent(@Root() hearing: CourtHearing): PersonReference | null {
    return PersonReference.of(hearing.respondentId);
  }
}
