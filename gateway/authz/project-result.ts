import { buildASTSchema, executeSync, parse, printSchema, type DocumentNode, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { TYPENAME_KEY, type FieldAuthorizer } from "./remove-unauthorized-fields";

const bareSchemas = new WeakMap<GraphQLSchema, GraphQLSchema>();

/**
 * The API schema without its resolvers: the gateway's schema carries field
 * resolvers that read by field name, which would ignore aliases. Values here
 * are already serialized, so the bare schema's identity scalars are right.
 */
function bareSchema(schema: GraphQLSchema): GraphQLSchema {
  let bare = bareSchemas.get(schema);
  if (!bare) {
    bare = buildASTSchema(parse(printSchema(schema)));
    bareSchemas.set(schema, bare);
  }
  return bare;
}

/**
 * Re-shapes the result of the filtered operation into the result of the
 * operation the client sent: graphql-js executes the original operation over
 * the data already fetched, resolving every unauthorized field to null.
 * That gives exactly GraphQL's semantics for free — aliases, fragments,
 * @skip/@include, list items, and null propagating when an unauthorized field
 * is non-null (graphql-js treats a null there as it treats an error). Nothing
 * is fetched here, and synchronously (the bare schema has no resolvers); the
 * errors it produces are discarded (the caller reports one error per
 * unauthorized field of the operation).
 */
export function projectToOriginalOperation(options: {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName: string | null;
  variables: Record<string, unknown>;
  data: Record<string, unknown>;
  isAuthorized: FieldAuthorizer;
}): Record<string, unknown> | null {
  const fieldResolver: GraphQLFieldResolver<Record<string, unknown> | null, unknown> = (source, _args, _context, info) => {
    if (!options.isAuthorized(info.parentType, info.parentType.getFields()[info.fieldName])) return null;
    return source?.[info.path.key as string] ?? null;
  };
  const result = executeSync({
    schema: bareSchema(options.schema),
    document: options.document,
    operationName: options.operationName,
    variableValues: options.variables,
    rootValue: options.data,
    fieldResolver,
    typeResolver: (value) => (value as Record<string, string>)[TYPENAME_KEY] ?? (value as Record<string, string>).__typename,
  });
  return (result.data as Record<string, unknown> | null | undefined) ?? null;
}
