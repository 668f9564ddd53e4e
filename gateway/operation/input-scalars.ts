import { MapperKind, mapSchema } from "@graphql-tools/utils";
import type { GatewayInterface } from "@apollo/server-gateway-interface";
import type { GraphQLScalarType, GraphQLSchema } from "graphql";
import { DateScalar, DateTimeScalar } from "../../platform/scalars";

/** The API's custom scalars with the subgraphs' own parsing (one definition, in the platform). */
const VALIDATING_SCALARS: ReadonlyMap<string, GraphQLScalarType> = new Map<string, GraphQLScalarType>([
  [DateScalar.name, DateScalar],
  [DateTimeScalar.name, DateTimeScalar],
]);

/** The API schema with its custom scalars parsing input as the subgraphs do. */
export function withValidatingScalars(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.SCALAR_TYPE]: (type) => VALIDATING_SCALARS.get(type.name) ?? type,
  });
}

/**
 * A gateway whose API schema (what Apollo Server validates and coerces
 * against) parses Date and DateTime for real. A schema built from the
 * supergraph knows only the scalars' names and would let "2020-02-30" through
 * to a subgraph; here it is refused at validation (a literal) or at variable
 * coercion (a variable) as BAD_USER_INPUT, before anything is planned.
 */
export function withInputScalars(inner: GatewayInterface): GatewayInterface {
  return {
    onSchemaLoadOrUpdate: (callback) =>
      inner.onSchemaLoadOrUpdate((schemaContext) =>
        callback({ ...schemaContext, apiSchema: withValidatingScalars(schemaContext.apiSchema) }),
      ),
    load: (options) => inner.load(options),
    stop: () => inner.stop(),
  };
}
