import type { GatewayExecutor, GatewayGraphQLRequestContext } from "@apollo/server-gateway-interface";
import type { GraphQLSchema } from "graphql";
import { AuthorizationShapeCache } from "./authorization-shape-cache";
import type { FieldAuthorizer } from "./remove-unauthorized-fields";
import type { AuthorizationPolicy } from "./policy";
import { projectToOriginalOperation } from "./project-result";
import { unauthorizedFieldError } from "../../platform/errors/errors";
import { principalOf } from "../../platform/identity/principal";
import { requestOperationOf } from "../operation/request-operation";

export type AuthorizationMode = "filter" | "reject";

/** The errors of operations refused whole, before anything ran (the audit trail records those as refusals). */
const REFUSALS = new WeakSet<object>();

/**
 * Whether a result is this layer's refusal of the whole operation — nothing
 * planned, nothing run — and not, say, a mutation that ran and then lost its
 * data to null propagation. Known by the very error objects it refused with.
 */
export function isAuthorizationRefusal(result: { data?: unknown; errors?: readonly unknown[] }): boolean {
  const errors = result.errors ?? [];
  return (
    (result.data === null || result.data === undefined) &&
    errors.length > 0 &&
    errors.every((error) => typeof error === "object" && error !== null && REFUSALS.has(error))
  );
}

/**
 * @apollo/gateway with field-level authorization in front of its planner,
 * enforcing the supergraph's @authenticated / @requiresScopes the way Apollo
 * Router does.
 *
 * filter mode: unauthorized fields are removed before planning (no subgraph is
 * asked for them); each comes back null with one UNAUTHORIZED_FIELD_OR_TYPE
 * error; with nothing authorized left, data is null.
 * reject mode: an operation with any unauthorized field is refused whole.
 *
 * The operation was picked and its variables coerced the way graphql-js does
 * before any concern ran (gateway/operation/request-operation.ts): an unknown
 * or ambiguous operationName or an invalid variable is a 400, never a guess.
 *
 * The planner caches plans by query hash. The filtered operation is handed
 * over with its own text and hash, so a plan built for one set of scopes can
 * never be served to a caller with another.
 */
export function authorizingExecutor(
  execute: GatewayExecutor,
  /** The policy of the supergraph served now (read once per request: a reload switches it with the planner). */
  policyOf: () => AuthorizationPolicy,
  mode: AuthorizationMode,
  /** The filter's outcome per authorization shape (authorization-shape-cache.ts). */
  shapes: AuthorizationShapeCache,
): GatewayExecutor {
  return async (requestContext: GatewayGraphQLRequestContext) => {
    const principal = principalOf(requestContext.context);
    const schema: GraphQLSchema = requestContext.schema;
    const policy = policyOf();
    const isAuthorized: FieldAuthorizer = (parentType, field) => policy.isFieldAuthorized(schema, parentType, field, principal);
    const { operationName, variables } = requestContext.request;
    // The filter must read @skip/@include exactly as execution will: coerced variables, defaults applied.
    // The operation is that of the document handed here (the audit trail's, its keys added).
    const { variables: coerced } = requestOperationOf(requestContext);
    const { filtered, source, operation, queryHash } = shapes.prepare({
      schema,
      document: requestContext.document,
      operationName,
      operation: requestContext.operation,
      variables: coerced,
      scopes: principal.scopes,
      mode,
      isAuthorized,
    });

    const errors = filtered.unauthorizedPaths.map(unauthorizedFieldError);
    if (errors.length > 0 && (mode === "reject" || !filtered.hasAuthorizedRootField)) {
      for (const error of errors) REFUSALS.add(error);
      return { data: null, errors };
    }

    // Always the filtered document, even when the filter found nothing to remove: the planner only
    // ever sees what the filter produced, so no reading of the operation other than the filter's can
    // decide what a subgraph is asked.
    const result = await execute({ ...requestContext, document: filtered.document, operation, source, queryHash });
    if (!filtered.changed) return result;
    const data = result.data
      ? projectToOriginalOperation({
          schema,
          document: requestContext.document,
          operationName: operationName ?? null,
          variables: variables ?? {},
          data: result.data,
          isAuthorized,
        })
      : null;
    const allErrors = [...(result.errors ?? []), ...errors];
    return { ...result, data, errors: allErrors.length > 0 ? allErrors : undefined };
  };
}
