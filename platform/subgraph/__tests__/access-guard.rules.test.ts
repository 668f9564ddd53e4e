import { buildSubgraphSchema } from "@apollo/subgraph";
import { graphql, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import gql from "graphql-tag";
import { enforceAccessRules } from "../access-guard";
import { scope, type AccessRules } from "../access-rules";
import type { Principal } from "../../identity/principal";

/**
 * The guard's decisions that the schema of access-guard.test.ts cannot show:
 * an object reached through a union (its own type's rule is the only guard
 * there), every rule holding at once, `_entities` answered in full or refused
 * in full, and an `_entities` resolver that answers asynchronously.
 */
const typeDefs = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Query {
    anything: Thing
    open: String
  }
  union Thing = Secret | Note
  type Secret @key(fields: "id") {
    id: ID!
    text: String
  }
  type Note @key(fields: "id") {
    id: ID!
    body: String
  }
`;

const RULES: AccessRules = {
  Secret: scope("secret:read"),
  "Secret.text": scope("secret:text"),
  "Query.open": "authenticated",
};

const principal = (...scopes: string[]): Principal => ({
  sub: "t",
  persona: null,
  scopes,
  jurisdiction: { kind: "national" },
  purpose: null,
});
const refusal = (path: (string | number)[]) =>
  expect.objectContaining({ message: "Unauthorized field or type", path, extensions: { code: "UNAUTHORIZED_FIELD_OR_TYPE" } });
const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Note { id } ... on Secret { id } } }`;

function build(options: { asyncEntities?: boolean } = {}): { schema: GraphQLSchema; lookups: string[] } {
  const lookups: string[] = [];
  const built = buildSubgraphSchema({
    typeDefs,
    resolvers: {
      Query: { anything: () => ({ __typename: "Secret", id: "s1", text: "the text" }), open: () => "open" },
      Thing: { __resolveType: (value: { __typename: string }) => value.__typename },
      Secret: {
        __resolveReference: (reference: { id: string }) => {
          lookups.push(`Secret:${reference.id}`);
          return { id: reference.id, text: "t" };
        },
      },
      Note: {
        __resolveReference: (reference: { id: string }) => {
          lookups.push(`Note:${reference.id}`);
          return { id: reference.id, body: "b" };
        },
      },
    } as never,
  });
  if (options.asyncEntities) {
    const entities = built.getQueryType()!.getFields()._entities;
    const resolve = entities.resolve as GraphQLFieldResolver<unknown, unknown>;
    entities.resolve = async (...args) => Promise.all(resolve(...args) as unknown[]);
  }
  return { schema: enforceAccessRules(built, RULES), lookups };
}

describe("enforceAccessRules, further", () => {
  it("guards an object reached through a union by its own type's rule", async () => {
    const { schema } = build();
    const result = await graphql({ schema, source: `{ anything { ... on Secret { id } } }`, contextValue: { principal: principal() } });
    expect(result.data).toEqual({ anything: null });
    expect(result.errors).toEqual([refusal(["anything", "id"])]);
  });

  it("needs every rule that applies to a field at once: its own and its type's", async () => {
    const { schema } = build();
    const textOnly = await graphql({
      schema,
      source: `{ anything { ... on Secret { text } } }`,
      contextValue: { principal: principal("secret:text") },
    });
    expect(textOnly.errors).toEqual([refusal(["anything", "text"])]);
    const readOnly = await graphql({
      schema,
      source: `{ anything { ... on Secret { id text } } }`,
      contextValue: { principal: principal("secret:read") },
    });
    expect(readOnly.data).toEqual({ anything: { id: "s1", text: null } });
    const both = await graphql({
      schema,
      source: `{ anything { ... on Secret { id text } } }`,
      contextValue: { principal: principal("secret:read", "secret:text") },
    });
    expect(both).toEqual({ data: { anything: { id: "s1", text: "the text" } } });
  });

  it("lets any asserted principal have what needs only authentication", async () => {
    const { schema } = build();
    expect(await graphql({ schema, source: `{ open }`, contextValue: { principal: principal() } })).toEqual({ data: { open: "open" } });
  });

  it("answers `_entities` in full when every representation is readable", async () => {
    const { schema, lookups } = build();
    const result = await graphql({
      schema,
      source: ENTITIES,
      contextValue: { principal: principal("secret:read") },
      variableValues: {
        representations: [
          { __typename: "Secret", id: "s1" },
          { __typename: "Note", id: "n1" },
        ],
      },
    });
    expect(result).toEqual({ data: { _entities: [{ id: "s1" }, { id: "n1" }] } });
    expect(lookups).toEqual(["Secret:s1", "Note:n1"]);
  });

  it("refuses every representation, looking none up, when none is readable", async () => {
    const { schema, lookups } = build();
    const result = await graphql({
      schema,
      source: ENTITIES,
      contextValue: { principal: principal() },
      variableValues: {
        representations: [
          { __typename: "Secret", id: "s1" },
          { __typename: "Secret", id: "s2" },
        ],
      },
    });
    expect(result.data).toEqual({ _entities: [null, null] });
    expect(result.errors).toEqual([refusal(["_entities", 0]), refusal(["_entities", 1])]);
    expect(lookups).toEqual([]);
  });

  it("keeps each answer at its representation's index when `_entities` answers asynchronously", async () => {
    const { schema, lookups } = build({ asyncEntities: true });
    const result = await graphql({
      schema,
      source: ENTITIES,
      contextValue: { principal: principal() },
      variableValues: {
        representations: [
          { __typename: "Note", id: "n1" },
          { __typename: "Secret", id: "s1" },
          { __typename: "Note", id: "n2" },
        ],
      },
    });
    expect(result.data).toEqual({ _entities: [{ id: "n1" }, null, { id: "n2" }] });
    expect(result.errors).toEqual([refusal(["_entities", 1])]);
    expect(lookups).toEqual(["Note:n1", "Note:n2"]);
  });
});
