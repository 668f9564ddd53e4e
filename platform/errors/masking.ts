import type { GraphQLFormattedError } from "graphql";
import { ErrorCode } from "./errors";

/**
 * Error codes that pass as they are; every other error is masked. All the
 * codes raised, but INTERNAL_SERVER_ERROR (what masking makes) and
 * SUBGRAPH_UNAVAILABLE, which the gateway's own masking keeps with its serviceName.
 */
export const PUBLIC_ERROR_CODES: ReadonlySet<string> = new Set<string>(
  Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR && code !== ErrorCode.SUBGRAPH_UNAVAILABLE),
);

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
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
