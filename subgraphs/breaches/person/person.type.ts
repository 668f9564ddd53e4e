import { Directive, Field, ID, ObjectType } from "type-graphql";

/**
 * Person as the breaches subgraph sees it: the key only. The people subgraph
 * owns the person; this subgraph contributes `breachOffences`.
 */
@ObjectType("Person")
@Directive(`@key(fields: "id")`)
export class PersonReference {
  @Field(() => ID)
  id!: string;

  static of(id: string): PersonReference {
    return Object.assign(new PersonReference(), { id });
  }
}
