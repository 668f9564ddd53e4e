import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from "graphql";
import { removeUnauthorizedFields, type FieldAuthorizer } from "./remove-unauthorized-fields";
import { unauthorizedPaths } from "./unauthorized-paths";

export interface FilteredOperation {
  document: DocumentNode;
  /** Response paths (aliases, no list indices) of the unauthorized fields the operation would have resolved. */
  unauthorizedPaths: string[][];
  /** False when nothing authorized is left at the root: there is nothing to execute. */
  hasAuthorizedRootField: boolean;
  /** False when the document came through untouched (nothing removed, no placeholder added). */
  changed: boolean;
  /** How many fragment bodies were walked to find the unauthorized paths: at most one per fragment. */
  fragmentsWalked: number;
}

/**
 * An operation made safe to plan for this caller: the document without the
 * fields they may not see (removeUnauthorizedFields), and where those fields
 * would have been in the response (unauthorizedPaths), for the errors and the
 * re-shaped result. The two are separate walks: the document does not depend
 * on the variables, the paths do (@skip/@include).
 */
export function filterOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  isAuthorized: FieldAuthorizer,
): FilteredOperation {
  const authorized = removeUnauthorizedFields(schema, document, operation, isAuthorized);
  const unauthorized = unauthorizedPaths(schema, document, operation, variables, isAuthorized);
  return { ...authorized, unauthorizedPaths: unauthorized.paths, fragmentsWalked: unauthorized.fragmentsWalked };
}
