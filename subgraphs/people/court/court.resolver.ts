import { Arg, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { BadUserInputError } from "../../../platform/errors/errors";
import { findForce, MAGISTRATES_COURTS } from "../../../platform/estate";
import { Force } from "../force/force.type";
import { Court } from "./court.type";

@Resolver(() => Court)
export class CourtResolver {
  @Query(() => [Court], { description: "Courts, optionally of one force, in code order." })
  courts(@Arg("force", () => ID, { nullable: true }) forceCode?: string | null): Court[] {
    if (forceCode != null && !findForce(forceCode)) throw new BadUserInputError("force", `unknown force code "${forceCode}"`);
    return MAGISTRATES_COURTS.filter((court) => forceCode == null || court.forceCode === forceCode)
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
