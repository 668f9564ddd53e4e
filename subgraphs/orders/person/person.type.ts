import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";

export enum SpoStatus {
  NONE = "NONE",
  ACTIVE_INTERIM = "ACTIVE_INTERIM",
  ACTIVE_FULL = "ACTIVE_FULL",
  ENDED = "ENDED",
}
registerEnumType(SpoStatus, {
  name: "SpoStatus",
  valuesConfig: {
    NONE: { description: "No order has ever been made against this person." },
    ACTIVE_INTERIM: { description: "An interim order is in force and no full order is." },
    ACTIVE_FULL: { description: "A full order is in force." },
    ENDED: { description: "Orders were made, none is in force today." },
  },
});

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
