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
  return fieldSelections(type, depth, path).join(" ");
}

/** everyField's selections, one per field of `type`. */
function fieldSelections(type: GraphQLObjectType, depth: number, path: readonly string[]): string[] {
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
  return selections;
}

/** `{ <root>(<args>) { every field } }` for a root query field. */
export function readEverythingFrom(schema: GraphQLSchema, root: string, args: string, depth: number): string {
  const field = schema.getQueryType()!.getFields()[root];
  if (!field) throw new Error(`No root field ${root}`);
  const named = getNamedType(field.type);
  const selection = isObjectType(named) ? ` { ${everyField(named, depth, [named.name])} }` : "";
  return `{ ${root}${args ? `(${args})` : ""}${selection} }`;
}

/** How many fields a selection selects: each name in it is one (a selection here holds no arguments or aliases). */
const selectionCount = (selection: string) => selection.match(/[_A-Za-z]\w*/g)!.length;

/**
 * readEverythingFrom in as few operations as keep each within `maxSelections` fields, the gateway's limit on an
 * operation's selections (gateway/limits): the root field's own fields shared out between them, each part reading
 * its fields down to `depth`. Together they read what the one operation would, had the gateway allowed it.
 */
export function readEverythingInParts(schema: GraphQLSchema, root: string, args: string, depth: number, maxSelections = 900): string[] {
  const field = schema.getQueryType()!.getFields()[root];
  if (!field) throw new Error(`No root field ${root}`);
  const named = getNamedType(field.type);
  if (!isObjectType(named)) return [readEverythingFrom(schema, root, args, depth)];
  const parts: string[][] = [[]];
  let count = 0;
  for (const selection of fieldSelections(named, depth, [named.name])) {
    const size = selectionCount(selection);
    if (size > maxSelections) throw new Error(`${root}'s ${selection.split(" ")[0]} alone selects ${size} fields, past ${maxSelections}`);
    if (count + size > maxSelections && parts[parts.length - 1].length > 0) {
      parts.push([]);
      count = 0;
    }
    parts[parts.length - 1].push(selection);
    count += size;
  }
  return parts.map((selections) => `{ ${root}${args ? `(${args})` : ""} { ${selections.join(" ")} } }`);
}
