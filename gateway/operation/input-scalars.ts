import { MapperKind, mapSchema } from "@graphql-tools/utils";
import type { GatewayConcern } from "../concern";
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
 * Input scalars as a gateway concern: the API schema (what Apollo Server
 * validates and coerces against) parses Date and DateTime for real. A schema
 * built from the supergraph knows only the scalars' names and would let
 * "2020-02-30" through to a subgraph; here it is refused at validation (a
 * literal) or at variable coercion (a variable) as BAD_USER_INPUT, before
 * anything is planned.
 */
export function createInputScalars(): GatewayConcern {
  return { name: "input scalars", apiSchema: withValidatingScalars };
}
