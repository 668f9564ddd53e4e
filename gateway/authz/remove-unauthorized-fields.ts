import {
  isAbstractType,
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
} from "graphql";
import { aliasedField, withAddedFields } from "../operation/added-fields";

export type FieldAuthorizer = (parentType: GraphQLCompositeType, field: GraphQLField<unknown, unknown>) => boolean;

/** Response key the filter uses for what it adds; not a name a client can use (GraphQL reserves "__"). */
export const PLACEHOLDER_KEY = "__authz_placeholder";
export const TYPENAME_KEY = "__authz_typename";

export interface AuthorizedDocument {
  document: DocumentNode;
  /** False when the document came through untouched (nothing removed, no placeholder added). */
  changed: boolean;
  /** False when nothing authorized is left at the operation's root: there is nothing to execute. */
  hasAuthorizedRootField: boolean;
}

const placeholderField = (alias: string): FieldNode => aliasedField(alias, "__typename");

/** Adds the placeholder __typename to each abstract selection set, for the result projection. */
function withTypenames(schema: GraphQLSchema, document: DocumentNode): DocumentNode {
  const typename = [placeholderField(TYPENAME_KEY)];
  return withAddedFields(schema, document, (type) => (isAbstractType(type) ? typename : []));
}

/**
 * The document without every field the caller may not see, so no subgraph is
 * ever asked for one. Named fragments are filtered in place: a field's
 * authorization depends only on its parent type, never on where the fragment is
 * spread. A selection set left empty keeps a __typename placeholder so its
 * parent still resolves (to an object whose fields are then null). When anything
 * was removed, abstract positions get their __typename so the result can be
 * re-shaped to the original operation.
 */
export function removeUnauthorizedFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  isAuthorized: FieldAuthorizer,
): AuthorizedDocument {
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

  const filteredOperation = filtered.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION && definition.name?.value === operation.name?.value,
  );
  const hasAuthorizedRootField =
    filteredOperation?.selectionSet.selections.some(
      (selection) => !(selection.kind === Kind.FIELD && selection.alias?.value === PLACEHOLDER_KEY),
    ) ?? false;
  return { document: filtered, changed: filtered !== document, hasAuthorizedRootField };
}
