import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from "graphql";
import { buildExecutionContext } from "graphql/execution/execute";
import { invalidVariableError, operationResolutionError } from "../../platform/errors/errors";

export interface ResolvedOperation {
  operation: OperationDefinitionNode;
  /** The request's variables coerced to the operation's declared types, defaults applied. */
  variables: Record<string, unknown>;
}

/**
 * Picks the operation and coerces the variables exactly as graphql-js does
 * before executing (it is graphql-js's own code), so whatever reads the
 * operation before it is planned — the authorization filter's reading of
 * @skip/@include above all — sees what execution will see: defaults applied,
 * invalid values refused. Throws a GraphQLError Apollo Server answers with
 * HTTP 400: graphql-js's message and OPERATION_RESOLUTION_FAILURE for an
 * unknown or ambiguous operationName, BAD_USER_INPUT naming the variable for
 * a variable that does not fit its type.
 */
export function resolveOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Record<string, unknown> | null | undefined,
): ResolvedOperation {
  // The audit trail, the response cache and the authorization filter each need the resolution of the
  // same request: it is worked out once per (document, variables object, operation name, schema). A
  // request without variables resolves the same for everyone, so those are shared across requests.
  const byVariables = resolutions.get(document) ?? new WeakMap<object, Map<string, Resolution>>();
  resolutions.set(document, byVariables);
  const variablesKey = rawVariables ?? NO_VARIABLES;
  const byName = byVariables.get(variablesKey) ?? new Map<string, Resolution>();
  byVariables.set(variablesKey, byName);
  const nameKey = operationName ?? "";
  const known = byName.get(nameKey);
  if (known?.schema === schema) return known.resolved;
  const resolved = resolveAfresh(schema, document, operationName, rawVariables);
  byName.set(nameKey, { schema, resolved });
  return resolved;
}

interface Resolution {
  schema: GraphQLSchema;
  resolved: ResolvedOperation;
}

/** Keyed by objects only, so nothing is kept once the document (or the request's variables) is gone. */
const resolutions = new WeakMap<DocumentNode, WeakMap<object, Map<string, Resolution>>>();
const NO_VARIABLES = Object.freeze({});

function resolveAfresh(
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
  // Shared by every reader of the request (and, without variables, across requests): nobody may alter it.
  return Object.freeze({ operation: context.operation, variables: Object.freeze(context.variableValues) });
}
