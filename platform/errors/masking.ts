import type { GraphQLFormattedError } from "graphql";

/** Error codes that are deliberately public; every other error is masked. */
export const PUBLIC_ERROR_CODES = new Set([
  "BAD_USER_INPUT",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "BAD_REQUEST",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "UNAUTHORIZED_FIELD_OR_TYPE",
  "NOT_FOUND",
  "CONFLICT",
  "JUSTIFICATION_REQUIRED",
  "AUDIT_UNAVAILABLE",
]);

/** Extension keys a public error may carry; others (serviceName, stacktrace, …) say too much about our insides. */
const PUBLIC_EXTENSION_KEYS = new Set(["code", "reason", "argument"]);

/**
 * Apollo Server formatError: public errors pass through, anything else (a SQL
 * error, a bug) becomes "Internal server error" so no internals leak. The
 * original is logged by the caller-supplied logger.
 */
export function maskUnexpectedErrors(log: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === "string" && PUBLIC_ERROR_CODES.has(code)) {
      const extensions = Object.fromEntries(Object.entries(formatted.extensions ?? {}).filter(([key]) => PUBLIC_EXTENSION_KEYS.has(key)));
      return { ...formatted, extensions };
    }
    log(error);
    return {
      message: "Internal server error",
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
  };
}
