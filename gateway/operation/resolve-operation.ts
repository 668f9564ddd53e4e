import type { DocumentNode, GraphQLSchema } from "graphql";
import { buildExecutionContext } from "graphql/execution/execute";
import { invalidVariableError, operationResolutionError } from "../../platform/errors/errors";
import type { RequestOperation } from "./request-operation";

/** What resolveOperation gives: the operation, its coerced variables and the document's fragments, frozen. */
export type ResolvedOperation = RequestOperation;

/**
 * Picks the operation and coerces the variables exactly as graphql-js does
 * before executing (it is graphql-js's own code), so whatever reads the
 * operation before it is planned — the authorization filter's reading of
 * @skip/@include above all — sees what execution will see: defaults applied,
 * invalid values refused. Throws a GraphQLError Apollo Server answers with
 * HTTP 400: graphql-js's message and OPERATION_RESOLUTION_FAILURE for an
 * unknown or ambiguous operationName, BAD_USER_INPUT naming the variable for
 * a variable that does not fit its type. Called once per request, by
 * withRequestOperation (request-operation.ts); concerns read its result.
 */
export function resolveOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Record<string, unknown> | null | undefined,
): ResolvedOperation {
  const context = buildExecutionContext({ schema, document, operationName, variableValues: rawVariables });
  if (!("operation" in context)) {
    const [first] = context;
    // graphql-js reports an operation it cannot pick without naming any node; variable errors name theirs.
    const isVariableError = first.nodes !== undefined && first.nodes.length > 0;
    throw isVariableError ? invalidVariableError(first) : operationResolutionError(first);
  }
  // Read by every concern of the request: nobody may alter it.
  return Object.freeze({
    operation: context.operation,
    variables: Object.freeze(context.variableValues),
    fragments: Object.freeze({ ...context.fragments }),
  });
}
