import type { GatewayExecutor, GatewayGraphQLRequestContext } from "@apollo/server-gateway-interface";
import type { FragmentDefinitionNode, OperationDefinitionNode } from "graphql";
import { resolveOperation } from "./resolve-operation";

/** The request's operation as graphql-js resolves it, worked out once for the request and frozen. */
export interface RequestOperation {
  /** The operation operationName picks in the document as sent. */
  operation: OperationDefinitionNode;
  /** The request's variables coerced to the operation's declared types, defaults applied. */
  variables: Readonly<Record<string, unknown>>;
  /** The document's fragments, by name. */
  fragments: Readonly<Record<string, FragmentDefinitionNode>>;
}

/**
 * Keyed by the request (Apollo Server's GraphQLRequest, one object per
 * request, handed unchanged through every wrapper): a context object a caller
 * reuses for several operations (executeOperation) never carries an earlier
 * request's resolution.
 */
const resolved = new WeakMap<object, RequestOperation>();

/**
 * The outermost executor wrapper (wrapExecutorWith puts it there): resolves
 * the operation once — an unknown or ambiguous operationName or an invalid
 * variable is a 400 here, before any concern records or runs anything — and
 * hands the selected operation down, so every concern reads the same frozen
 * resolution instead of working it out again.
 */
export function withRequestOperation(execute: GatewayExecutor): GatewayExecutor {
  return async (requestContext) => {
    const { schema, document, request } = requestContext;
    const operation = resolveOperation(schema, document, request.operationName, request.variables);
    resolved.set(request, operation);
    return execute({ ...requestContext, operation: operation.operation });
  };
}

/**
 * The request's resolution. A concern that hands a rewritten document down
 * (the audit trail's added keys, the authorization filter) hands its
 * operation down in `requestContext.operation` too; the variables are the
 * request's either way (no rewrite adds or changes one).
 */
export function requestOperationOf(requestContext: Pick<GatewayGraphQLRequestContext, "request">): RequestOperation {
  const known = resolved.get(requestContext.request);
  if (!known) throw new Error("The request's operation was not resolved before a concern read it");
  return known;
}
