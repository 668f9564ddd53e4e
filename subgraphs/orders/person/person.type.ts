import { Directive, Field, ID, ObjectType } from "type-graphql";

/** Person is owned by the people subgraph; orders adds the order relations to it. */
@ObjectType("Person")
@Directive(`@key(fields: "id")`)
export class Person {
  @Field(() => ID)
  id!: string;
}

export function personReference(id: string): Person {
  return Object.assign(new Person(), { id });
}
