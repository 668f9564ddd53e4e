import {
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
} from "graphql";

/** `alias: name`, a field the gateway adds to an operation under a key of its own. */
export function aliasedField(alias: string, name: string): FieldNode {
  return { kind: Kind.FIELD, alias: { kind: Kind.NAME, value: alias }, name: { kind: Kind.NAME, value: name } };
}

/**
 * The document with `fieldsFor(parentType)` appended to every selection set
 * (none where it gives nothing): how the gateway's layers (authorization's
 * result projection, the audit trail) learn what they need from a response
 * the client did not ask for.
 */
export function withAddedFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  fieldsFor: (parentType: GraphQLCompositeType) => readonly FieldNode[],
): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      SelectionSet: {
        leave(node) {
          const parentType = typeInfo.getParentType();
          const added = parentType ? fieldsFor(parentType) : [];
          return added.length > 0 ? { ...node, selections: [...node.selections, ...added] } : undefined;
        },
      },
    }),
  );
}
