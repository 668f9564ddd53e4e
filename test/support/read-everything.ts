import {
  buildSchema,
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";
import { composeSupergraph } from "../../dev/schema/composition";

/**
 * What an attacker with a token would ask: every field the API has, from a
 * root field, down to a depth, by every path, generated from the composed API
 * schema so that a field added later is read too. Confidentiality tests read
 * with it and look for the data that must not come back.
 */
let apiSchema: Promise<GraphQLSchema> | undefined;

export function composedApiSchema(): Promise<GraphQLSchema> {
  apiSchema ??= composeSupergraph().then((composition) => buildSchema(composition.apiSchemaSdl));
  return apiSchema;
}

/** Fields that need arguments nobody supplied here are left out (only root fields take required arguments). */
function readable(field: GraphQLField<unknown, unknown>): boolean {
  return field.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined);
}

/**
 * The selection set of every readable field of `type`, `depth` levels deep.
 * A type appears at most twice on one path: enough for every relation and its
 * way back (order → respondent → their orders), without a combinatorial blow-up.
 */
export function everyField(type: GraphQLObjectType, depth: number, path: readonly string[] = []): string {
  const selections: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (!readable(field)) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) {
      selections.push(field.name);
    } else if (isObjectType(named) && depth > 1 && path.filter((name) => name === named.name).length < 2) {
      selections.push(`${field.name} { ${everyField(named, depth - 1, [...path, named.name])} }`);
    }
  }
  // Every object type has at least one leaf (its key), so the selection is never empty.
  return selections.join(" ");
}

/** `{ <root>(<args>) { every field } }` for a root query field. */
export function readEverythingFrom(schema: GraphQLSchema, root: string, args: string, depth: number): string {
  const field = schema.getQueryType()!.getFields()[root];
  if (!field) throw new Error(`No root field ${root}`);
  const named = getNamedType(field.type);
  const selection = isObjectType(named) ? ` { ${everyField(named, depth, [named.name])} }` : "";
  return `{ ${root}${args ? `(${args})` : ""}${selection} }`;
}
