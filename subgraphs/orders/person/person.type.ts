import { personReferenceType } from "../../shared/entity-references";

/**
 * Person as the orders subgraph sees it: the key only. The people subgraph owns the person; this
 * subgraph contributes the order relations (person.resolver.ts).
 */
export const PersonReference = personReferenceType();
export type PersonReference = InstanceType<typeof PersonReference>;
