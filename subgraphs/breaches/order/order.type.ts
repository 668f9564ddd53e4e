import { Directive, Field, ID, ObjectType } from "type-graphql";

/**
 * StalkingProtectionOrder as the breaches subgraph sees it: the key only. The
 * orders subgraph owns the order; this subgraph contributes its `breaches`.
 */
@ObjectType("StalkingProtectionOrder")
@Directive(`@key(fields: "id")`)
export class OrderReference {
  @Field(() => ID)
  id!: string;

  static of(id: string): OrderReference {
    return Object.assign(new OrderReference(), { id });
  }
}
