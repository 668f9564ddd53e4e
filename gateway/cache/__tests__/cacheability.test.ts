import { buildSchema, getNamedType, getOperationAST, isCompositeType, isObjectType, parse, type GraphQLSchema } from "graphql";
import { composedApiSchema, readEverythingFrom } from "../../../test/support/read-everything";
import { cacheabilityOf, CACHEABLE_ROOT_FIELDS, NON_PERSONAL_TYPES } from "../cacheability";

/** A schema like ours, plus what a careless change could add: a reference type with a path to personal data. */
const SCHEMA = buildSchema(`
  type Query { spoStatistics(from: String!): [SpoStatistics!]! forces: [Force!]! courts: [Court!]! person(id: ID!): Person order(id: ID!): Order }
  type Mutation { reportBreach: Boolean }
  type SpoStatistics { scope: String! activeOrders: Int! }
  type Force { code: ID! name: String! }
  type Court { code: ID! name: String! force: Force! hearings: [Hearing!]! }
  type Hearing { id: ID! respondent: Person }
  type Person { id: ID! name: String! }
  type Order { id: ID! }
`);

function cacheability(source: string, schema: GraphQLSchema = SCHEMA) {
  const document = parse(source);
  const operation = getOperationAST(document);
  if (!operation) throw new Error("no operation");
  return cacheabilityOf(schema, document, operation);
}

describe("which operations the response cache may answer", () => {
  it("statistics and estate data, however they are spelt (aliases, fragments, __typename), are cacheable, with what they depend on", () => {
    expect(cacheability(`{ spoStatistics(from: "2025") { scope activeOrders } }`)).toEqual({ cacheable: true, domains: ["statistics"] });
    expect(cacheability(`{ all: forces { code } courts { code force { name } } __typename }`)).toEqual({ cacheable: true, domains: [] });
    expect(
      cacheability(
        `query { ...Root } fragment Root on Query { s: spoStatistics(from: "x") { ...Counts } } fragment Counts on SpoStatistics { scope __typename }`,
      ),
    ).toEqual({ cacheable: true, domains: ["statistics"] });
  });

  it("one root field off the allow-list makes the whole operation pass through", () => {
    expect(cacheability(`{ spoStatistics(from: "x") { scope } person(id: "p") { name } }`)).toEqual({ cacheable: false });
    expect(cacheability(`{ forces { code } order(id: "o") { id } }`)).toEqual({ cacheable: false });
  });

  it("an allow-listed root that reaches personal data through a nested field is not cacheable, by field or by fragment", () => {
    expect(cacheability(`{ courts { code hearings { id } } }`)).toEqual({ cacheable: false });
    expect(cacheability(`{ courts { ...H } } fragment H on Court { hearings { respondent { name } } }`)).toEqual({ cacheable: false });
    expect(cacheability(`{ courts { ... on Court { hearings { id } } } }`)).toEqual({ cacheable: false });
  });

  it("mutations, introspection and what the schema does not know never are (fail closed)", () => {
    expect(cacheability(`mutation { reportBreach }`)).toEqual({ cacheable: false });
    expect(cacheability(`{ __schema { types { name } } }`)).toEqual({ cacheable: false });
    expect(cacheability(`{ forces { code unknown } }`)).toEqual({ cacheable: false });
    expect(cacheability(`{ ...Missing }`)).toEqual({ cacheable: false });
  });

  describe("on the composed API schema", () => {
    let api: GraphQLSchema;
    beforeAll(async () => {
      api = await composedApiSchema();
    });

    it("every type reachable from an allow-listed root field is non-personal (a new field to personal data fails here first)", () => {
      const reached = new Set<string>();
      const walk = (typeName: string) => {
        if (reached.has(typeName)) return;
        reached.add(typeName);
        const type = api.getType(typeName);
        if (!isObjectType(type)) return;
        for (const field of Object.values(type.getFields())) {
          const named = getNamedType(field.type);
          if (isCompositeType(named)) walk(named.name);
        }
      };
      for (const root of Object.keys(CACHEABLE_ROOT_FIELDS)) walk(getNamedType(api.getQueryType()!.getFields()[root].type).name);
      expect([...reached].sort()).toEqual([...NON_PERSONAL_TYPES].sort());
    });

    it("every field of the allow-listed roots is cacheable; every other root field is not", () => {
      const query = api.getQueryType()!;
      const args: Record<string, string> = { spoStatistics: `from: "2025-01-01", to: "2025-12-31", groupBy: NATIONAL` };
      for (const root of Object.keys(CACHEABLE_ROOT_FIELDS)) {
        expect(cacheability(readEverythingFrom(api, root, args[root] ?? "", 4), api)).toMatchObject({ cacheable: true });
      }
      for (const field of Object.values(query.getFields())) {
        if (field.name in CACHEABLE_ROOT_FIELDS) continue;
        const named = getNamedType(field.type);
        const selection = isObjectType(named) ? `{ __typename }` : "";
        const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(", ");
        const variables = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(", ");
        const source = `query${variables ? `(${variables})` : ""} { ${field.name}${args ? `(${args})` : ""} ${selection} }`;
        expect({ field: field.name, ...cacheability(source, api) }).toEqual({ field: field.name, cacheable: false });
      }
    });
  });
});
