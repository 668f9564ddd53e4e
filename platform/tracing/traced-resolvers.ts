import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { activeSpan, inSpan } from "./tracing";

/**
 * Wraps the root fields' resolvers of `schema` (in place: Query, Mutation,
 * `_entities` among them) so that, inside a trace, each is a span named by
 * its type and field (the schema's names; never its arguments), the SQL it
 * runs inside it. Without tracing, or outside a trace, the resolver runs as
 * it was, synchronously if it was.
 */
export function traceRootFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    if (!type || !isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.name.startsWith("__")) continue;
      field.resolve = tracedResolver(`resolve ${type.name}.${field.name}`, field.resolve ?? defaultFieldResolver);
    }
  }
  return schema;
}

function tracedResolver<TSource, TContext>(
  name: string,
  resolve: GraphQLFieldResolver<TSource, TContext>,
): GraphQLFieldResolver<TSource, TContext> {
  return (source, args, context, info) => {
    if (activeSpan() === undefined) return resolve(source, args, context, info);
    return inSpan(name, {}, async () => {
      const resolved: unknown = await resolve(source, args, context, info);
      // `_entities` answers a list of promises, each failing alone: the span waits for them all, the list is left as it is.
      if (Array.isArray(resolved)) await Promise.allSettled(resolved);
      return resolved;
    });
  };
}
