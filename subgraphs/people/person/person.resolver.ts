import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { BadUserInputError } from "../../kit/errors";
import { parsePncId } from "../../kit/pnc";
import type { PeopleContext } from "../context";
import { PersonRepository } from "./person.repository";
import { NotifiedAddress, Person, PersonName, PersonSearch } from "./person.type";

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true })
  person(@Arg("id", () => ID) id: string, @Ctx() context: PeopleContext): Promise<Person | null> {
    return context.loaders.personById.load(id);
  }

  @Query(() => [Person], {
    description:
      "Find people by exact PNC ID, or by family name and date of birth (optionally given name), aliases included, case-insensitive.",
  })
  async searchPeople(@Arg("search", () => PersonSearch) search: PersonSearch, @Ctx() context: PeopleContext): Promise<Person[]> {
    const repository = new PersonRepository(context.db);
    if (search.pncId != null) {
      const parsed = parsePncId(search.pncId, Number(context.clock.today().slice(0, 4)));
      if (!parsed.ok) throw new BadUserInputError("search.pncId", parsed.problem);
      return repository.findPersonByPncId(parsed.pncId);
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

  @FieldResolver(() => [NotifiedAddress], { nullable: true })
  notifiedAddresses(@Root() person: Person, @Ctx() context: PeopleContext): Promise<NotifiedAddress[]> {
    return context.loaders.notifiedAddressesByPersonId.load(person.id);
  }
}
