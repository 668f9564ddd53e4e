import { buildSubgraphSchema } from "@apollo/subgraph";
import { graphql, type GraphQLSchema } from "graphql";
import gql from "graphql-tag";
import { enforceAccessRules } from "../access-guard";
import { scope, type AccessRules } from "../access-rules";
import type { Principal } from "../../identity/principal";

/**
 * The platform's own enforcement of an access table, on a small schema of its own:
 * which fields it refuses, how, and that it never runs what it refuses.
 */
const typeDefs = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Query {
    secret: Secret
    open: String
    notes: [Note!]!
  }
  type Mutation {
    change: String
  }
  type Secret @key(fields: "id") {
    id: ID!
    text: String
    detail: Detail
  }
  type Detail {
    value: String
  }
  type Note @key(fields: "id") {
    id: ID!
    body: String
  }
`;

const RULES: AccessRules = {
  Secret: scope("secret:read"),
  "Secret.text": scope("secret:text"),
  Detail: scope("detail:read"),
  "Query.open": "authenticated",
  "Mutation.change": { scopes: [["write"], ["admin", "override"]] },
};

const principal = (...scopes: string[]): Principal => ({
  sub: "t",
  persona: null,
  scopes,
  jurisdiction: { kind: "national" },
  purpose: null,
});

describe("enforceAccessRules", () => {
  let schema: GraphQLSchema;
  let calls: { secretReferences: number; changes: number };
  let notesResolver: unknown;

  beforeEach(() => {
    calls = { secretReferences: 0, changes: 0 };
    const built = buildSubgraphSchema({
      typeDefs,
      resolvers: {
        Query: {
          secret: () => ({ id: "s1", text: "the text", detail: { value: "v" } }),
          open: () => "open",
          notes: () => [{ id: "n1", body: "b" }],
        },
        Mutation: {
          change: () => {
            calls.changes += 1;
            return "changed";
          },
        },
        Secret: {
          __resolveReference: (reference: { id: string }) => {
            calls.secretReferences += 1;
            return { id: reference.id, text: "the text" };
          },
        },
        Note: { __resolveReference: (reference: { id: string }) => ({ id: reference.id, body: "b" }) },
      } as never,
    });
    notesResolver = built.getQueryType()!.getFields().notes.resolve;
    schema = enforceAccessRules(built, RULES);
  });

  const run = (source: string, contextValue: unknown, variableValues?: Record<string, unknown>) =>
    graphql({ schema, source, contextValue, variableValues });
  const refusal = (path: (string | number)[]) =>
    expect.objectContaining({ message: "Unauthorized field or type", path, extensions: { code: "UNAUTHORIZED_FIELD_OR_TYPE" } });

  it("leaves the resolvers of fields no rule guards as they were (nothing added per field for them)", () => {
    expect(schema.getQueryType()!.getFields().notes.resolve).toBe(notesResolver);
  });

  it("refuses a field whose own rule the principal does not satisfy, resolving its siblings", async () => {
    const result = await run(`{ secret { id text } }`, { principal: principal("secret:read") });
    expect(result.data).toEqual({ secret: { id: "s1", text: null } });
    expect(result.errors).toEqual([refusal(["secret", "text"])]);
  });

  it("refuses a field returning a type whose rule the principal does not satisfy", async () => {
    const result = await run(`{ secret { id detail { value } } }`, { principal: principal("secret:read", "secret:text") });
    expect(result.data).toEqual({ secret: { id: "s1", detail: null } });
    expect(result.errors).toEqual([refusal(["secret", "detail"])]);
  });

  it("answers a principal satisfying every rule in full", async () => {
    const result = await run(`{ secret { id text detail { value } } open }`, {
      principal: principal("secret:read", "secret:text", "detail:read"),
    });
    expect(result).toEqual({ data: { secret: { id: "s1", text: "the text", detail: { value: "v" } }, open: "open" } });
  });

  it("resolves only the entity representations whose type the principal may read, never looking the others up", async () => {
    const result = await run(
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Note { id body } ... on Secret { id } } }`,
      { principal: principal() },
      {
        representations: [
          { __typename: "Note", id: "n1" },
          { __typename: "Secret", id: "s1" },
          { __typename: "Note", id: "n2" },
        ],
      },
    );
    expect(result.data).toEqual({ _entities: [{ id: "n1", body: "b" }, null, { id: "n2", body: "b" }] });
    expect(result.errors).toEqual([refusal(["_entities", 1])]);
    expect(calls.secretReferences).toBe(0);
  });

  it("never runs a mutation the principal lacks the scopes for, and runs it for either alternative of its rule", async () => {
    const refused = await run(`mutation { change }`, { principal: principal("admin") });
    expect(refused.errors).toEqual([refusal(["change"])]);
    expect(calls.changes).toBe(0);
    expect((await run(`mutation { change }`, { principal: principal("admin", "override") })).data).toEqual({ change: "changed" });
    expect((await run(`mutation { change }`, { principal: principal("write") })).data).toEqual({ change: "changed" });
  });

  it("gives a context without a principal nothing any rule guards, not even what needs only authentication", async () => {
    const result = await run(`{ secret { id } open notes { id } }`, {});
    expect(result.data).toEqual({ secret: null, open: null, notes: [{ id: "n1" }] });
    expect(result.errors).toEqual([refusal(["secret"]), refusal(["open"])]);
  });
});
