import {
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isCompositeType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { fragmentsOf } from "../operation/fragments";
import type { FieldAuthorizer } from "./remove-unauthorized-fields";

export interface UnauthorizedPaths {
  /** Response paths (aliases, no list indices) of the unauthorized fields the operation would have resolved. */
  paths: string[][];
  /** How many fragment bodies were walked to find them: at most one per fragment. */
  fragmentsWalked: number;
}

/** Whether @skip/@include leave a selection in, for these variables. */
function includedWith(variables: Record<string, unknown>) {
  return (node: { directives?: FieldNode["directives"] }): boolean => {
    try {
      return (
        getDirectiveValues(GraphQLSkipDirective, node, variables)?.if !== true &&
        getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false
      );
    } catch {
      // An `if` that cannot be read (a defaulted variable sent as null) is an error execution reports at
      // the field's path; counted as included here, the field is still checked (fail closed) and left
      // in the document for execution to report exactly as graphql-js does.
      return true;
    }
  };
}

/**
 * The response paths of the fields the caller may not see that the operation
 * would have resolved with these variables (a field under a false @include is
 * not one): each becomes an error at its path, as if the field had resolved to
 * an authorization error.
 */
export function unauthorizedPaths(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  isAuthorized: FieldAuthorizer,
): UnauthorizedPaths {
  const fragments = fragmentsOf(document);
  const included = includedWith(variables);

  // A fragment's unauthorized fields, relative to where it is spread, depend only on the fragment
  // (its type condition and the operation's variables), never on the spread: each is worked out
  // once and reused, so a fragment spread 2^n times through n levels costs n walks, not 2^n.
  const fragmentPaths = new Map<string, string[][]>();
  let fragmentsWalked = 0;
  const unauthorizedUnder = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, spreading: Set<string>): string[][] => {
    const paths = new Map<string, string[]>();
    const add = (path: string[]) => paths.set(path.join("\u0000"), path);
    for (const selection of selectionSet.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith("__")) continue;
        const field = "getFields" in parentType ? parentType.getFields()[selection.name.value] : undefined;
        if (!field) continue;
        const key = selection.alias?.value ?? selection.name.value;
        if (!isAuthorized(parentType, field)) add([key]);
        else if (selection.selectionSet) {
          const type = getNamedType(field.type);
          if (isCompositeType(type)) for (const path of unauthorizedUnder(selection.selectionSet, type, spreading)) add([key, ...path]);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
        if (type && isCompositeType(type)) for (const path of unauthorizedUnder(selection.selectionSet, type, spreading)) add(path);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // Validation forbids fragment cycles; the guard only keeps a bad document from looping.
        if (!fragment || spreading.has(name)) continue;
        let known = fragmentPaths.get(name);
        if (!known) {
          const type = schema.getType(fragment.typeCondition.name.value);
          fragmentsWalked += 1;
          known = type && isCompositeType(type) ? unauthorizedUnder(fragment.selectionSet, type, new Set([...spreading, name])) : [];
          fragmentPaths.set(name, known);
        }
        for (const path of known) add(path);
      }
    }
    return [...paths.values()];
  };
  const rootType = schema.getRootType(operation.operation);
  return { paths: rootType ? unauthorizedUnder(operation.selectionSet, rootType, new Set()) : [], fragmentsWalked };
}
