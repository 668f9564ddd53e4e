import { Field, ObjectType } from "type-graphql";
import { DateScalar } from "../../../platform/scalars";
import { orderReferenceType } from "../../shared/entity-references";
import { Force } from "../force/force.type";

/**
 * StalkingProtectionOrder as the people subgraph sees it: the key only. The orders subgraph owns the order; this
 * subgraph contributes its `proposedTransfer` (order.resolver.ts), from the respondent's notified home address.
 */
export const OrderReference = orderReferenceType();
export type OrderReference = InstanceType<typeof OrderReference>;

@ObjectType("ProposedTransfer", {
  description:
    "A transfer of management proposed by the respondent's last notified home address being in another force's area (s.9(4), s.14(1)): only a proposal; management, and who sees the order's detail, change only by transferManagement.",
})
export class ProposedTransfer {
  @Field(() => Force, { description: "The force managing the order." })
  from!: Force;

  @Field(() => Force, { description: "The force of the area the home address notified is in." })
  to!: Force;

  @Field(() => DateScalar, { description: "The day the address was notified." })
  proposedOn!: string;

  toForceCode!: string;
}
