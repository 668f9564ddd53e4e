import { createHash } from "node:crypto";
import fc from "fast-check";
import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isLeafType,
  isObjectType,
  type GraphQLCompositeType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";

/**
 * Random operations over an API schema, for differential tests: fields of
 * every object and interface type down to a depth, inline and named fragments
 * on the possible types of interfaces and unions, __typename, aliases, named
 * fragments (some spread twice), inline fragments with and without a type
 * condition, and @skip /
 * @include with literals and with variables that have defaults, are sent or
 * omitted. Never sent as null: stock @apollo/gateway has no stable answer to a
 * null `if:` (its query planner asserts, giving 500 or 400 depending on the
 * plan's shape, where graphql-js answers without error or with a field
 * error), so there is nothing to compare with; test/gateway-semantics.e2e.test.ts
 * holds our answer to graphql-js's for that case.
 */
export interface GeneratedOperation {
  query: string;
  variables: Record<string, unknown>;
}

/** The root fields with the argument lists a test wants exercised (literal or variable), by field name. */
export type RootArguments = Record<string, readonly string[]>;

/** Boolean variables every operation declares; each may be omitted or sent. */
const BOOLEAN_VARIABLES = ["$yes: Boolean = true", "$no: Boolean = false", "$must: Boolean!"] as const;

const directiveArbitrary: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constant("") },
  { weight: 1, arbitrary: fc.constantFrom("@skip(if: true)", "@skip(if: false)", "@include(if: true)", "@include(if: false)") },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "@include(if: $yes)",
      "@skip(if: $yes)",
      "@include(if: $no)",
      "@skip(if: $no)",
      "@include(if: $must)",
      "@skip(if: $must)",
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom("@include(if: $yes) @skip(if: $no)", "@skip(if: $must) @include(if: $yes)") },
);

/** Selections as text with the named fragments they spread (each defined once in the operation). */
interface Selections {
  text: string;
  fragments: Map<string, string>;
}

/**
 * A named fragment for `body` on `type`, named after its content so generating is pure (fast-check
 * may build a value more than once while shrinking): the same fragment twice is one definition.
 */
function namedFragment(type: string, body: Selections): { spread: string; fragments: Map<string, string> } {
  const name = `F_${createHash("sha1").update(`${type} ${body.text}`).digest("hex").slice(0, 10)}`;
  const fragments = new Map(body.fragments);
  fragments.set(name, `fragment ${name} on ${type} { ${body.text} }`);
  return { spread: `...${name}`, fragments };
}

function merged(...maps: Map<string, string>[]): Map<string, string> {
  return new Map(maps.flatMap((map) => [...map]));
}

function selectableFields(type: GraphQLObjectType | GraphQLCompositeType, depth: number) {
  if (!("getFields" in type)) return [];
  return Object.values(type.getFields()).filter((field) => {
    if (field.args.some((arg) => arg.type.toString().endsWith("!"))) return false;
    const named = getNamedType(field.type);
    return isLeafType(named) || (isCompositeType(named) && depth > 0);
  });
}

type Piece = { field: Selections; directive: string; grouping: string };

/** A selection set on `type`. */
function selectionSet(schema: GraphQLSchema, type: GraphQLCompositeType, depth: number): fc.Arbitrary<Selections> {
  const fields = selectableFields(type, depth);
  const ownFields: fc.Arbitrary<Piece[]> =
    fields.length === 0
      ? fc.constant([])
      : fc.subarray(fields, { minLength: isObjectType(type) ? 1 : 0, maxLength: Math.min(4, fields.length) }).chain((chosen) =>
          chosen.length === 0
            ? fc.constant([])
            : fc.tuple(
                ...chosen.map((field, index) => {
                  const named = getNamedType(field.type);
                  return fc
                    .record({
                      alias: fc.oneof(
                        { weight: 3, arbitrary: fc.constant(null) },
                        { weight: 1, arbitrary: fc.constant(`k${index}_${field.name}`) },
                      ),
                      directive: directiveArbitrary,
                      children: isCompositeType(named) ? selectionSet(schema, named, depth - 1) : fc.constant(null),
                      grouping: fc.constantFrom("direct", "direct", "direct", "inline", "inlineTyped", "fragment", "fragmentTwice"),
                    })
                    .map(({ alias, directive, children, grouping }) => ({
                      field: {
                        text: `${alias ? `${alias}: ` : ""}${field.name} ${directive}${children ? ` { ${children.text} }` : ""}`,
                        fragments: children?.fragments ?? new Map<string, string>(),
                      },
                      directive,
                      grouping,
                    }));
                }),
              ),
        );
  // On an interface or union: fragments on its possible types, each a selection set of its own.
  const possible = isAbstractType(type) ? schema.getPossibleTypes(type) : [];
  const typedFragments: fc.Arbitrary<Selections[]> =
    possible.length === 0
      ? fc.constant([])
      : fc.subarray([...possible], { minLength: isInterfaceType(type) ? 0 : 1, maxLength: possible.length }).chain((chosen) =>
          chosen.length === 0
            ? fc.constant([])
            : fc.tuple(
                ...chosen.map((member) =>
                  fc
                    .record({ body: selectionSet(schema, member, depth), named: fc.boolean(), directive: directiveArbitrary })
                    .map(({ body, named, directive }) => {
                      if (!named) return { text: `... on ${member.name} ${directive} { ${body.text} }`, fragments: body.fragments };
                      const { spread, fragments } = namedFragment(member.name, body);
                      return { text: `${spread} ${directive}`, fragments };
                    }),
                ),
              ),
        );
  return fc.tuple(ownFields, typedFragments, fc.boolean()).map(([pieces, typed, typename]) => {
    const parts: string[] = [];
    const fragments: Map<string, string>[] = [];
    for (const { field, directive, grouping } of pieces) {
      if (grouping === "direct") parts.push(field.text);
      else if (grouping === "inline") parts.push(`... ${directive} { ${field.text} }`);
      else if (grouping === "inlineTyped") parts.push(`... on ${type.name} { ${field.text} }`);
      else {
        const named = namedFragment(type.name, field);
        fragments.push(named.fragments);
        parts.push(named.spread);
        if (grouping === "fragmentTwice") parts.push(`${named.spread} ${directive}`);
        continue;
      }
      fragments.push(field.fragments);
    }
    for (const selections of typed) {
      parts.push(selections.text);
      fragments.push(selections.fragments);
    }
    // A selection set is never empty: __typename when asked for, or when nothing else was chosen.
    if (typename || parts.length === 0) parts.push("__typename");
    return { text: parts.join(" "), fragments: merged(...fragments) };
  });
}

export function operationArbitrary(
  schema: GraphQLSchema,
  rootArguments: RootArguments,
  options: { depth?: number; maxRootFields?: number } = {},
): fc.Arbitrary<GeneratedOperation> {
  const query = schema.getQueryType()!;
  const roots = Object.keys(rootArguments);
  return fc
    .record({
      chosen: fc.subarray(roots, { minLength: 1, maxLength: options.maxRootFields ?? 3 }),
      sent: fc.record({
        yes: fc.constantFrom<unknown>(undefined, true, false),
        no: fc.constantFrom<unknown>(undefined, true, false),
        must: fc.boolean(),
      }),
    })
    .chain(({ chosen, sent }) => {
      return fc
        .tuple(
          ...chosen.map((name, index) => {
            const type = getNamedType(query.getFields()[name].type);
            return fc.record({
              name: fc.constant(name),
              args: fc.constantFrom(...rootArguments[name]),
              alias: fc.constantFrom(null, `r${index}`),
              directive: directiveArbitrary,
              children: isCompositeType(type) ? selectionSet(schema, type, options.depth ?? 2) : fc.constant(null),
            });
          }),
        )
        .map((fields) => {
          const body = fields
            .map(
              ({ name, args, alias, directive, children }) =>
                `${alias ? `${alias}: ` : ""}${name}${args} ${directive}${children ? ` { ${children.text} }` : ""}`,
            )
            .join(" ");
          const fragments = [...merged(...fields.flatMap(({ children }) => (children ? [children.fragments] : []))).values()].join(" ");
          // Only what the operation uses may be declared (graphql-js refuses unused variables).
          const used = (definition: string) => new RegExp(`\\${definition.split(":")[0]}\\b`).test(`${body} ${fragments}`);
          const declared = [...BOOLEAN_VARIABLES, ...ROOT_VARIABLES].filter(used);
          const variables = Object.fromEntries(
            Object.entries(sent).filter(([name, value]) => value !== undefined && declared.some((d) => d.startsWith(`$${name}:`))),
          );
          const header = declared.length > 0 ? `(${declared.join(", ")})` : "";
          return { query: `query Generated${header} { ${body} } ${fragments}`, variables };
        });
    });
}

/** Variables root arguments may use (see the RootArguments a test passes); defaults make them optional. */
export const ROOT_VARIABLES = ['$orderId: ID = "spo-07-2020-0002"', '$personId: ID = "person-07-respondent-1"', "$first: Int = 2"] as const;
