import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { ErrorCode } from "../../platform/errors/errors";
import { maskUnexpectedErrors } from "../../platform/errors/masking";
import { OPERATION_LIMIT_EXCEEDED, TOKEN_LIMIT_MESSAGE } from "../limits";

import type { GatewayConcern } from "../concern";
import { valueCompletionMasked } from "./value-completion";

export { valueCompletionMasked } from "./value-completion";

function codeOf(error: unknown): unknown {
  return error instanceof GraphQLError ? error.extensions?.code : undefined;
}

/**
 * The gateway's formatError. Every error leaving the gateway is one of:
 * - a public error (BAD_USER_INPUT, FORBIDDEN, …) with only code, reason and argument;
 * - SUBGRAPH_UNAVAILABLE with the name of the subgraph that did not answer (whom to page), nothing else;
 * - a document over a limit: the limit named, never its number;
 * - "Internal server error": anything else, graphql-js's and the gateway's own internals included,
 *   logged here (valueCompletion details, outside formatError's reach, see value-completion.ts).
 * Apollo Server gives every validation error GRAPHQL_VALIDATION_FAILED; a literal a custom scalar
 * refused (Date "2020-02-30") keeps the scalar's BAD_USER_INPUT, since the value, not the document, is wrong.
 */
export function createErrorMasking(log: (error: unknown) => void) {
  const mask = maskUnexpectedErrors(log);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (code === ErrorCode.SUBGRAPH_UNAVAILABLE) {
      // The fetch's place in the response, up to the first list ("@" stands for every item); none for a root fetch.
      const path = formatted.path?.slice(0, formatted.path.includes("@") ? formatted.path.indexOf("@") : undefined);
      return {
        message: formatted.message,
        ...(path && path.length > 0 ? { path } : {}),
        extensions: { code, serviceName: formatted.extensions?.serviceName },
      };
    }
    if (code === ErrorCode.GRAPHQL_PARSE_FAILED && TOKEN_LIMIT_MESSAGE.test(formatted.message)) {
      return { message: "Syntax Error: Document has too many tokens.", extensions: { code, reason: OPERATION_LIMIT_EXCEEDED } };
    }
    if (
      code === ErrorCode.GRAPHQL_VALIDATION_FAILED &&
      codeOf((error as GraphQLError | undefined)?.originalError) === ErrorCode.BAD_USER_INPUT
    ) {
      return mask({ ...formatted, extensions: { code: ErrorCode.BAD_USER_INPUT } }, error);
    }
    return mask(formatted, error);
  };
}

/**
 * Masking as a gateway concern: every error leaving formatted by
 * createErrorMasking, and the executor's valueCompletion details (outside
 * formatError's reach) logged and dropped. `log` never gets an error's
 * message: it can quote the personal data a request carried.
 */
export function createMasking(log: (error: unknown) => void): GatewayConcern {
  return {
    name: "masking",
    formatError: createErrorMasking(log),
    wrapExecutor: (execute) => valueCompletionMasked(execute, log),
  };
}
