import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { BadUserInputError, notPermittedForJurisdiction } from "../../../platform/errors/errors";
import type { Principal } from "../../../platform/identity/principal";
import { parsePncId } from "../../../domain/pnc";
import type { PeopleContext } from "../context";
import { personVisibility } from "./person-visibility";
import { PersonRepository } from "./person.repository";
import { NotifiedAddress, Person, PersonName, PersonSearch } from "./person.type";

/**
 * Jurisdiction: court-listing callers reach respondents only through their
 * hearings and orders (entity resolution stays allowed); they may not look
 * people up or search for them: FORBIDDEN / NOT_PERMITTED_FOR_JURISDICTION.
 */
function refuseCourtCallers(principal: Principal, entryPoint: string): void {
  if (principal.jurisdiction.kind === "courts") throw notPermittedForJurisdiction(entryPoint);
}

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true })
  person(@Arg("id", () => ID) id: string, @Ctx() context: PeopleContext): Promise<Person | null> {
    refuseCourtCallers(context.principal, "Looking up a person");
    return context.loaders.personById.load(id);
  }

  @Query(() => [Person], {
    description:
      "Find people by PNC ID (long or short form), or by family name and date of birth (optionally given name): aliases included, case, accents and punctuation ignored, exact spelling first.",
  })
  async searchPeople(@Arg("search", () => PersonSearch) search: PersonSearch, @Ctx() context: PeopleContext): Promise<Person[]> {
    refuseCourtCallers(context.principal, "Searching for people");
    const repository = new PersonRepository(context.db, personVisibility(context.principal));
    if (search.pncId != null) {
      const parsed = parsePncId(search.pncId, Number(context.clock.today().slice(0, 4)));
      if (!parsed.ok) throw new BadUserInputError("search.pncId", parsed.problem);
      return repository.findPersonsByPncId(parsed.pncId);
    }
    const familyName = search.familyName?.trim();
    if (!familyName || !search.dateOfBirth) {
      throw new BadUserInputError("search", "give either pncId, or familyName and dateOfBirth");
    }
    const givenName = search.givenName?.trim() || null;
    return repository.searchByName(familyName, search.dateOfBirth, givenName);
  }

  @FieldResolver(() => [PersonName], { nullable: true })
  aliases(@Root() person: Person, @Ctx() context: PeopleContext): Promise<PersonName[]> {
    return context.loaders.aliasesByPersonId.load(person.id);
  }

  /** Jurisdiction: for callers covering the person's recording force (jurisdiction.ts). */
  @FieldResolver(() => [NotifiedAddress], { nullable: true })
  notifiedAddresses(@Root() person: Person, @Ctx() context: PeopleContext): Promise<NotifiedAddress[]> {
    return context.loaders.notifiedAddressesByPersonId.load(person.id);
  }
}
