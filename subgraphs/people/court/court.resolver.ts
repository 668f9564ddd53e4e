import { Arg, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { BadUserInputError } from "../../../platform/errors/errors";
import { COURTS, findForce } from "../../../platform/estate";
import { CourtJurisdiction } from "../../../domain/vocabulary";
import { Force } from "../force/force.type";
import { Court } from "./court.type";

@Resolver(() => Court)
export class CourtResolver {
  @Query(() => [Court], { description: "Courts, optionally of one force and of one jurisdiction, in code order." })
  courts(
    @Arg("force", () => ID, { nullable: true }) forceCode?: string | null,
    @Arg("jurisdiction", () => CourtJurisdiction, { nullable: true }) jurisdiction?: CourtJurisdiction | null,
  ): Court[] {
    if (forceCode != null && !findForce(forceCode)) throw new BadUserInputError("force", `unknown force code "${forceCode}"`);
    return COURTS.filter(
      (court) => (forceCode == null || court.forceCode === forceCode) && (jurisdiction == null || court.jurisdiction === jurisdiction),
    )
      .sort((a, b) => a.code.localeCompare(b.code))
      .map(Court.from);
  }

  @FieldResolver(() => Force)
  force(@Root() court: Court): Force {
    const record = findForce(court.forceCode);
    if (!record) throw new Error(`Court ${court.code} names unknown force ${court.forceCode}`);
    return Force.from(record);
  }
}
