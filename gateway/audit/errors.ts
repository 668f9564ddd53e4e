import { GraphQLError } from "graphql";

/** A persona that must justify asked for personal data without saying why: refused before any subgraph is called. */
export function justificationRequiredError(detail?: string): GraphQLError {
  return new GraphQLError(
    detail ??
      "A justification is required to consult personal data: give it in the x-justification header or the token's purpose claim",
    { extensions: { code: "JUSTIFICATION_REQUIRED", http: { status: 403 } } },
  );
}

/** The audit record could not be durably written: the response is withheld (fail closed). */
export function auditUnavailableError(): GraphQLError {
  return new GraphQLError("The audit trail is unavailable, so no personal data can be disclosed; try again later", {
    extensions: { code: "AUDIT_UNAVAILABLE", http: { status: 503 } },
  });
}

export function reservedAliasError(alias: string): GraphQLError {
  return new GraphQLError(`The alias "${alias}" uses a prefix the gateway reserves`, {
    extensions: { code: "BAD_USER_INPUT", http: { status: 400 } },
  });
}
