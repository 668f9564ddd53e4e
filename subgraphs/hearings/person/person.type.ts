import { Directive, Field, ID, ObjectType } from "type-graphql";

/**
 * Person as the hearings subgraph sees it: the key only, to point at the
 * respondent. Hearings adds no Person field, so it never answers _entities
 * for Person (`resolvable: false`).
 */
@ObjectType("Person")
@Directive(`@key(fields: "id", resolvable: false)`)
export class PersonReference {
  @Field(() => ID)
  id!: string;

  static of(id: string): PersonReference {
    return Object.assign(new PersonReference(), { id });
  }
}
