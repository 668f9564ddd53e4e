import { hasScope, type Principal } from "../../../platform/identity/principal";

/**
 * Whose identity a caller may see, decided from the roles people keeps
 * (person_role, fed by the order-facts stream):
 * - a person who is the respondent to any order: every caller with
 *   person:read, in every force (cross-force intelligence);
 * - a person who is only ever protected: callers with person:protected who
 *   cover at least one order protecting them (national; the order's applicant
 *   force, or the force managing it from people's copy of its facts, among
 *   their forces; for courts, the court that made it);
 * - anyone else, and a person with no known role: nobody.
 * To a caller who may not see a person, the person does not exist: lookups
 * give null and searches leave them out, without an error that would confirm them.
 */
export interface PersonVisibility {
  /** Whether protected-only persons can be visible at all (person:protected). */
  protectedPersons: boolean;
  /** The applicant or managing forces whose orders' protected persons are visible; null = every force. */
  forces: string[] | null;
  /** The courts whose orders' protected persons are visible; null = not limited by court. */
  courts: string[] | null;
}

export function personVisibility(principal: Principal): PersonVisibility {
  const protectedPersons = hasScope(principal, "person:protected");
  const { jurisdiction } = principal;
  switch (jurisdiction.kind) {
    case "national":
      return { protectedPersons, forces: null, courts: null };
    case "forces":
      return { protectedPersons, forces: [...jurisdiction.forces], courts: null };
    case "courts":
      return { protectedPersons, forces: null, courts: [...jurisdiction.courts] };
  }
}

/**
 * The SQL condition "person `alias` is visible", reading its three parameters
 * from positions `first`, `first + 1`, `first + 2` (see visibilityParams).
 */
export function visiblePersonSql(alias: string, first: number): string {
  const [enabled, forces, courts] = [first, first + 1, first + 2].map((position) => `$${position}`);
  return `EXISTS (SELECT 1 FROM person_role r WHERE r.person_id = ${alias}.id AND (
      r.role = 'RESPONDENT'
      OR (${enabled}::boolean AND r.role = 'PROTECTED'
          AND (${forces}::text[] IS NULL OR r.applicant_force_code = ANY(${forces}::text[])
               OR EXISTS (SELECT 1 FROM order_facts f WHERE f.id = r.order_id AND f.managing_force_code = ANY(${forces}::text[])))
          AND (${courts}::text[] IS NULL OR r.court_code = ANY(${courts}::text[])))))`;
}

export function visibilityParams(visibility: PersonVisibility): [boolean, string[] | null, string[] | null] {
  return [visibility.protectedPersons, visibility.forces, visibility.courts];
}
