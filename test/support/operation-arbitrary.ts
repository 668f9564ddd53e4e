import fc from "fast-check";
import { getNamedType, isObjectType, isLeafType, type GraphQLObjectType, type GraphQLSchema } from "graphql";

/**
 * Random operations over an API schema, for differential tests: fields of
 * every object type down to a depth, aliases, named fragments (some spread
 * twice), inline fragments with and without a type condition, and @skip /
 * @include with literals and with variables that have defaults, are sent,
 * omitted or sent as null.
 */
export interface GeneratedOperation {
  query: string;
  variables: Record<string, unknown>;
}

/** The root fields with the argument lists a test wants exercised (literal or variable), by field name. */
export type RootArguments = Record<string, readonly string[]>;

/** Boolean variables every operation declares; each may be omitted, sent, or sent as null. */
const BOOLEAN_VARIABLES = ["$yes: Boolean = true", "$no: Boolean = false", "$must: Boolean!"] as const;

const directiveArbitrary: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constant("") },
  { weight: 1, arbitrary: fc.constantFrom("@skip(if: true)", "@skip(if: false)", "@include(if: true)", "@include(if: false)") },
  { weight: 2, arbitrary: fc.constantFrom("@include(if: $yes)", "@skip(if: $yes)", "@include(if: $no)", "@skip(if: $no)", "@include(if: $must)", "@skip(if: $must)") },
  { weight: 1, arbitrary: fc.constantFrom("@include(if: $yes) @skip(if: $no)", "@skip(if: $must) @include(if: $yes)") },
);

interface Context {
  fragments: string[];
  nextFragment: number;
}

function leafOrObjectFields(type: GraphQLObjectType, depth: number) {
  return Object.values(type.getFields()).filter((field) => {
    if (field.args.some((arg) => arg.type.toString().endsWith("!"))) return false;
    const named = getNamedType(field.type);
    return isLeafType(named) || (isObjectType(named) && depth > 0);
  });
}

/** A selection set on `type`, as text; named fragments go into `context.fragments`. */
function selectionSet(type: GraphQLObjectType, depth: number, context: Context): fc.Arbitrary<string> {
  const fields = leafOrObjectFields(type, depth);
  return fc
    .subarray(fields, { minLength: 1, maxLength: Math.min(4, fields.length) })
    .chain((chosen) =>
      fc.tuple(
        ...chosen.map((field, index) => {
          const named = getNamedType(field.type);
          return fc.record({
            text: fc.constant(field.name),
            alias: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant(`k${index}_${field.name}`) }),
            directive: directiveArbitrary,
            children: isObjectType(named) ? selectionSet(named, depth - 1, context) : fc.constant(null),
            grouping: fc.constantFrom("direct", "direct", "direct", "inline", "inlineTyped", "fragment", "fragmentTwice"),
          });
        }),
      ),
    )
    .map((selections) => {
      const parts: string[] = [];
      for (const { text, alias, directive, children, grouping } of selections) {
        const field = `${alias ? `${alias}: ` : ""}${text} ${directive}${children ? ` { ${children} }` : ""}`;
        if (grouping === "direct") parts.push(field);
        else if (grouping === "inline") parts.push(`... ${directive} { ${field} }`);
        else if (grouping === "inlineTyped") parts.push(`... on ${type.name} { ${field} }`);
        else {
          const name = `F${context.nextFragment++}`;
          context.fragments.push(`fragment ${name} on ${type.name} { ${field} }`);
          parts.push(`...${name}`);
          if (grouping === "fragmentTwice") parts.push(`...${name} ${directive}`);
        }
      }
      return parts.join(" ");
    });
}

export function operationArbitrary(schema: GraphQLSchema, rootArguments: RootArguments, options: { depth?: number; maxRootFields?: number } = {}): fc.Arbitrary<GeneratedOperation> {
  const query = schema.getQueryType()!;
  const roots = Object.keys(rootArguments);
  return fc
    .record({
      chosen: fc.subarray(roots, { minLength: 1, maxLength: options.maxRootFields ?? 3 }),
      sent: fc.record({
        yes: fc.constantFrom<unknown>(undefined, true, false, null),
        no: fc.constantFrom<unknown>(undefined, true, false, null),
        must: fc.boolean(),
      }),
    })
    .chain(({ chosen, sent }) => {
      const context: Context = { fragments: [], nextFragment: 0 };
      return fc
        .tuple(
          ...chosen.map((name, index) => {
            const type = getNamedType(query.getFields()[name].type) as GraphQLObjectType;
            return fc.record({
              name: fc.constant(name),
              args: fc.constantFrom(...rootArguments[name]),
              alias: fc.constantFrom(null, `r${index}`),
              directive: directiveArbitrary,
              children: isObjectType(type) ? selectionSet(type, options.depth ?? 2, context) : fc.constant(null),
            });
          }),
        )
        .map((fields) => {
          const body = fields
            .map(({ name, args, alias, directive, children }) => `${alias ? `${alias}: ` : ""}${name}${args} ${directive}${children ? ` { ${children} }` : ""}`)
            .join(" ");
          const fragments = context.fragments.join(" ");
          // Only what the operation uses may be declared (graphql-js refuses unused variables).
          const used = (definition: string) => new RegExp(`\\${definition.split(":")[0]}\\b`).test(`${body} ${fragments}`);
          const declared = [...BOOLEAN_VARIABLES, ...ROOT_VARIABLES].filter(used);
          const variables = Object.fromEntries(Object.entries(sent).filter(([name, value]) => value !== undefined && declared.some((d) => d.startsWith(`$${name}:`))));
          const header = declared.length > 0 ? `(${declared.join(", ")})` : "";
          return { query: `query Generated${header} { ${body} } ${fragments}`, variables };
        });
    });
}

/** Variables root arguments may use (see the RootArguments a test passes); defaults make them optional. */
export const ROOT_VARIABLES = ['$orderId: ID = "spo-07-2020-0002"', '$personId: ID = "person-07-respondent-1"', "$first: Int = 2"] as const;
