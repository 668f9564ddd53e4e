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
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

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
}

function placeholderField(alias: string): FieldNode {
  return {
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: alias },
    name: { kind: Kind.NAME, value: "__typename" },
  };
}

/**
 * Removes every field the caller may not see from an operation, before it is
 * planned, so no subgraph is ever asked for one. Named fragments are filtered
 * in place: a field's authorization depends only on its parent type, never on
 * where the fragment is spread. A selection set left empty keeps a __typename
 * placeholder so its parent still resolves (to an object whose fields are
 * then null). Abstract positions get their __typename so the result can be
 * re-shaped to the original operation.
 */
export function filterOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  isAuthorized: FieldAuthorizer,
): FilteredOperation {
  const typeInfo = new TypeInfo(schema);
  const filtered = visit(
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
          const parentType = typeInfo.getParentType();
          const selections = [...node.selections];
          if (selections.length === 0) selections.push(placeholderField(PLACEHOLDER_KEY));
          if (parentType && isAbstractType(parentType)) selections.push(placeholderField(TYPENAME_KEY));
          return selections.length === node.selections.length ? undefined : { ...node, selections };
        },
      },
    }),
  );

  const fragments = new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const unauthorized = new Map<string, string[]>();
  const included = (node: { directives?: FieldNode["directives"] }) =>
    getDirectiveValues(GraphQLSkipDirective, node, variables)?.if !== true &&
    getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;

  const walk = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, path: string[], spread: Set<string>) => {
    for (const selection of selectionSet.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith("__")) continue;
        const field = "getFields" in parentType ? parentType.getFields()[selection.name.value] : undefined;
        if (!field) continue;
        const fieldPath = [...path, selection.alias?.value ?? selection.name.value];
        if (!isAuthorized(parentType, field)) unauthorized.set(fieldPath.join("\u0000"), fieldPath);
        else if (selection.selectionSet) {
          const type = getNamedType(field.type);
          if (isCompositeType(type)) walk(selection.selectionSet, type, fieldPath, spread);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
        if (type && isCompositeType(type)) walk(selection.selectionSet, type, path, spread);
      } else {
        const fragment = fragments.get(selection.name.value);
        // Validation forbids fragment cycles; the guard only keeps a bad document from looping.
        if (!fragment || spread.has(fragment.name.value)) continue;
        const type = schema.getType(fragment.typeCondition.name.value);
        if (type && isCompositeType(type)) walk(fragment.selectionSet, type, path, new Set([...spread, fragment.name.value]));
      }
    }
  };
  const rootType = schema.getRootType(operation.operation);
  if (rootType) walk(operation.selectionSet, rootType, [], new Set());

  const filteredOperation = filtered.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION && definition.name?.value === operation.name?.value,
  );
  const hasAuthorizedRootField =
    filteredOperation?.selectionSet.selections.some(
      (selection) => !(selection.kind === Kind.FIELD && selection.alias?.value === PLACEHOLDER_KEY),
    ) ?? false;
  return { document: filtered, unauthorizedPaths: [...unauthorized.values()], hasAuthorizedRootField };
}
