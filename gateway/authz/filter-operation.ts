import {
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isCompositeType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { aliasedField, withAddedFields } from "../operation/added-fields";
import { fragmentsOf } from "../operation/fragments";

export type FieldAuthorizer = (parentType: GraphQLCompositeType, field: GraphQLField<unknown, unknown>) => boolean;

/** Response key the filter uses for what it adds; not a name a client can use (GraphQL reserves "__"). */
export const PLACEHOLDER_KEY = "__authz_placeholder";
export const TYPENAME_KEY = "__authz_typename";

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

const placeholderField = (alias: string): FieldNode => aliasedField(alias, "__typename");

/** Adds the placeholder __typename to each abstract selection set, for the result projection. */
function withTypenames(schema: GraphQLSchema, document: DocumentNode): DocumentNode {
  const typename = [placeholderField(TYPENAME_KEY)];
  return withAddedFields(schema, document, (type) => (isAbstractType(type) ? typename : []));
}

/**
 * Removes every field the caller may not see from an operation, before it is
 * planned, so no subgraph is ever asked for one. Named fragments are filtered
 * in place: a field's authorization depends only on its parent type, never on
 * where the fragment is spread. A selection set left empty keeps a __typename
 * placeholder so its parent still resolves (to an object whose fields are
 * then null). When anything was removed, abstract positions get their
 * __typename so the result can be re-shaped to the original operation.
 */
export function filterOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  isAuthorized: FieldAuthorizer,
): FilteredOperation {
  const typeInfo = new TypeInfo(schema);
  const withoutUnauthorized = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter() {
          const parentType = typeInfo.getParentType();
          const field = typeInfo.getFieldDef();
          if (parentType && field && !isAuthorized(parentType, field)) return null;
          return undefined;
        },
      },
      SelectionSet: {
        leave(node) {
          return node.selections.length === 0 ? { ...node, selections: [placeholderField(PLACEHOLDER_KEY)] } : undefined;
        },
      },
    }),
  );
  // Only a changed document is re-shaped, and only re-shaping needs each abstract position's type.
  // An untouched one goes to the planner exactly as sent: an added __typename is not neutral there
  // (@apollo/gateway loses an @interfaceObject field read through a concrete type next to __typename).
  const filtered = withoutUnauthorized === document ? document : withTypenames(schema, withoutUnauthorized);

  const fragments = fragmentsOf(document);
  const included = (node: { directives?: FieldNode["directives"] }) => {
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
  const unauthorizedPaths = rootType ? unauthorizedUnder(operation.selectionSet, rootType, new Set()) : [];

  const filteredOperation = filtered.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION && definition.name?.value === operation.name?.value,
  );
  const hasAuthorizedRootField =
    filteredOperation?.selectionSet.selections.some(
      (selection) => !(selection.kind === Kind.FIELD && selection.alias?.value === PLACEHOLDER_KEY),
    ) ?? false;
  return { document: filtered, changed: filtered !== document, unauthorizedPaths, hasAuthorizedRootField, fragmentsWalked };
}
