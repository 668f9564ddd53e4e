import { createHash } from "node:crypto";
import type { ApolloGateway } from "@apollo/gateway";
import type { GatewayExecutor, GatewayGraphQLRequestContext } from "@apollo/server-gateway-interface";
import { getOperationAST, print, type GraphQLSchema } from "graphql";
import type { GatewayContext } from "../context";
import { WrappingGateway } from "../wrapping-gateway";
import { filterOperation, type FieldAuthorizer } from "./filter-operation";
import type { AuthorizationPolicy } from "./policy";
import { projectToOriginalOperation } from "./project-result";
import { unauthorizedFieldError } from "../../subgraphs/kit/unauthorized-error";

export type AuthorizationMode = "filter" | "reject";

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
 * The planner caches plans by query hash. The filtered operation is handed
 * over with its own text and hash, so a plan built for one set of scopes can
 * never be served to a caller with another.
 */
export class AuthorizingGateway extends WrappingGateway {
  constructor(
    inner: ApolloGateway,
    private readonly policy: AuthorizationPolicy,
    private readonly mode: AuthorizationMode,
  ) {
    super(inner);
  }

  protected wrapExecutor(execute: GatewayExecutor): GatewayExecutor {
    return async (requestContext: GatewayGraphQLRequestContext) => {
      const { principal } = requestContext.context as unknown as GatewayContext;
      const schema: GraphQLSchema = requestContext.schema;
      const isAuthorized: FieldAuthorizer = (parentType, field) =>
        this.policy.isFieldAuthorized(schema, parentType, field, principal);
      const variables = requestContext.request.variables ?? {};
      const filtered = filterOperation(schema, requestContext.document, requestContext.operation, variables, isAuthorized);
      if (filtered.unauthorizedPaths.length === 0) return execute(requestContext);

      const errors = filtered.unauthorizedPaths.map(unauthorizedFieldError);
      if (this.mode === "reject" || !filtered.hasAuthorizedRootField) return { data: null, errors };

      const source = print(filtered.document);
      const operation = getOperationAST(filtered.document, requestContext.operationName);
      if (!operation) throw new Error("The filtered document lost its operation");
      const result = await execute({
        ...requestContext,
        document: filtered.document,
        operation,
        source,
        queryHash: createHash("sha256").update(source).digest("hex"),
      });
      const data = result.data
        ? projectToOriginalOperation({
            schema,
            document: requestContext.document,
            operationName: requestContext.operationName,
            variables,
            data: result.data,
            isAuthorized,
          })
        : null;
      return { ...result, data, errors: [...(result.errors ?? []), ...errors] };
    };
  }
}
