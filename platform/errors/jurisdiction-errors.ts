import { GraphQLError } from "graphql";

/**
 * Record-level jurisdiction (docs/design.md, Access model): what the subgraphs refuse
 * on their own, after the gateway has checked field-level scopes.
 *
 * - OUT_OF_JURISDICTION: the record exists and the caller may know it does,
 *   but this detail of it belongs to another force or court; the field
 *   resolves to null with this error.
 * - NOT_PERMITTED_FOR_JURISDICTION: the kind of caller (e.g. a court listing
 *   system) may not use this entry point at all, whatever the record.
 */
export type ForbiddenReason = "OUT_OF_JURISDICTION" | "NOT_PERMITTED_FOR_JURISDICTION";

export class ForbiddenError extends GraphQLError {
  declare readonly extensions: { code: "FORBIDDEN"; reason: ForbiddenReason };

  constructor(reason: ForbiddenReason, message: string) {
    super(message, { extensions: { code: "FORBIDDEN", reason } });
  }
}

/** Detail of a record outside the caller's jurisdiction. */
export function outOfJurisdiction(): ForbiddenError {
  return new ForbiddenError("OUT_OF_JURISDICTION", "Outside your jurisdiction");
}

/** An entry point the caller's kind of jurisdiction may not use. */
export function notPermittedForJurisdiction(what: string): ForbiddenError {
  return new ForbiddenError("NOT_PERMITTED_FOR_JURISDICTION", `${what} is not available to your jurisdiction`);
}

