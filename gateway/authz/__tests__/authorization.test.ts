import type { GatewayExecutor, GatewayGraphQLRequestContext } from "@apollo/server-gateway-interface";
import { buildSchema, parse } from "graphql";
import { createAuthorization } from "..";
import { wrapExecutorWith, type GatewayConcern } from "../../concern";

const SUPERGRAPH = `
  schema @link(url: "https://specs.apollo.dev/link/v1.0") @link(url: "https://specs.apollo.dev/requiresScopes/v0.1", import: ["@requiresScopes"]) { query: Query }
  directive @link(url: String, as: String, import: [String]) repeatable on SCHEMA
  directive @requiresScopes(scopes: [[requiresScopes__Scope!]!]!) on FIELD_DEFINITION | OBJECT
  scalar requiresScopes__Scope
  type Query { open: String secret: String @requiresScopes(scopes: [["secret:read"]]) }
`;
const apiSchema = buildSchema("type Query { open: String secret: String }");
const principal = (scopes: string[]) => ({ sub: "u", persona: null, scopes, jurisdiction: { kind: "national" }, purpose: null });

async function executorAround(concern: GatewayConcern, execute: GatewayExecutor): Promise<GatewayExecutor> {
  return wrapExecutorWith([concern], execute);
}

function request(context: object, query: string) {
  return { context, schema: apiSchema, document: parse(query), request: {} } as unknown as GatewayGraphQLRequestContext;
}

describe("createAuthorization", () => {
  const authorization = createAuthorization({ supergraphSdl: SUPERGRAPH, mode: "reject" });

  it("gives @apollo/gateway a supergraph without the security directives, and reads them into the policy", () => {
    expect(authorization.executableSupergraphSdl).not.toMatch(/requiresScopes/);
    expect(authorization.policy.describe()).toEqual(new Map([["Query.secret", "secret:read"]]));
  });

  it("wraps a gateway so an operation is authorized, on the principal of the request's context, before it runs", async () => {
    const ran: string[] = [];
    const execute = await executorAround(authorization, async (requestContext) => {
      ran.push(requestContext.source);
      return { data: { open: "o", secret: "s" } };
    });
    const refused = await execute(request({ principal: principal([]) }, "{ open secret }"));
    expect(refused).toEqual({ data: null, errors: [expect.objectContaining({ message: "Unauthorized field or type", path: ["secret"] })] });
    expect(ran).toEqual([]);
    expect(await execute(request({ principal: principal(["secret:read"]) }, "{ open secret }"))).toEqual({
      data: { open: "o", secret: "s" },
    });
    expect(ran).toHaveLength(1);
    await expect(execute(request({}, "{ open }"))).rejects.toThrow("The request context carries no principal");
  });
});
