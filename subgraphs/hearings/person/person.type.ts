import { personReferenceType } from "../../shared/entity-references";

/**
 * Person as the hearings subgraph sees it: the key only, to point at the respondent. Hearings adds
 * no Person field, so it never answers _entities for Person (`resolvable: false`).
 */
export const PersonReference = personReferenceType({ resolvable: false });
export type PersonReference = InstanceType<typeof PersonReference>;
