import { registerEnumType } from "type-graphql";
import { personReferenceType } from "../../shared/entity-references";

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

/**
 * Person as the orders subgraph sees it: the key only. The people subgraph owns the person; this
 * subgraph contributes the order relations (person.resolver.ts).
 */
export const PersonReference = personReferenceType();
export type PersonReference = InstanceType<typeof PersonReference>;
