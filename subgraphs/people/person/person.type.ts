import { Directive, Field, ID, InputType, ObjectType } from "type-graphql";
import { DateScalar } from "../../../platform/scalars";

@ObjectType("PersonName")
export class PersonName {
  @Field(() => String)
  given!: string;

  @Field(() => String)
  family!: string;
}

@ObjectType("NotifiedAddress", { description: "An address notified to the police under s.9." })
export class NotifiedAddress {
  @Field(() => String)
  address!: string;

  @Field(() => DateScalar)
  notifiedOn!: string;

  @Field(() => String, { nullable: true })
  policeStation!: string | null;

  /** The force notified; jurisdiction for the address. */
  forceCode!: string;
}

@ObjectType("Person", { description: "A respondent to, or a person protected by, a stalking protection order." })
@Directive(`@key(fields: "id")`)
export class Person {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: "PNC ID in long form YYYY/NNNNNNNC." })
  pncId!: string | null;

  @Field(() => PersonName, { nullable: true })
  name!: PersonName;

  @Field(() => DateScalar, { nullable: true })
  dateOfBirth!: string | null;

  /** Recording force (partition key). */
  forceCode!: string;
}

@InputType("PersonSearch", {
  description: "Either an exact PNC ID, or a family name and date of birth (optionally a given name).",
})
export class PersonSearch {
  @Field(() => String, { nullable: true })
  pncId?: string | null;

  @Field(() => String, { nullable: true })
  familyName?: string | null;

  @Field(() => String, { nullable: true })
  givenName?: string | null;

  @Field(() => DateScalar, { nullable: true })
  dateOfBirth?: string | null;
}
