import type { GatewayExecutor, GatewayGraphQLRequestContext } from "@apollo/server-gateway-interface";
import { buildSchema, parse } from "graphql";
import { wrapExecutorWith, type GatewayConcern } from "../../concern";
import { requestOperationOf, type RequestOperation } from "../request-operation";
import { resolveOperation } from "../resolve-operation";

const schema = buildSchema(`type Query { order(id: ID!): String, count(limit: Int = 10): Int }`);
const document = parse(
  `query One($id: ID!) { order(id: $id) } query Two($limit: Int) { count(limit: $limit) } fragment F on Query { count }`,
);

/** A concern that notes the resolution it reads. */
function reader(seen: RequestOperation[]): GatewayConcern {
  return {
    name: "reader",
    wrapExecutor: (execute) => async (requestContext) => {
      seen.push(requestOperationOf(requestContext));
      return execute(requestContext);
    },
  };
}

function requestFor(operationName: string, variables?: Record<string, unknown>) {
  return { schema, document, request: { operationName, variables }, context: {} } as unknown as GatewayGraphQLRequestContext;
}

describe("the operation, resolved once per request", () => {
  it("gives every concern of one request the same resolution, and another request's variables their own", async () => {
    const seen: RequestOperation[] = [];
    const inner: GatewayExecutor = async (requestContext) => {
      expect(requestContext.operation.name?.value).toBe("One");
      return { data: {} };
    };
    const execute = wrapExecutorWith([reader(seen), reader(seen)], inner);
    await execute(requestFor("One", { id: "spo-1" }));
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBe(seen[0]);
    expect(seen[0].variables).toEqual({ id: "spo-1" });
    expect(Object.keys(seen[0].fragments)).toEqual(["F"]);

    await execute(requestFor("One", { id: "spo-2" }));
    expect(seen[2]).not.toBe(seen[0]);
    expect(seen[2].variables).toEqual({ id: "spo-2" });
  });

  it("keeps operations apart, and applies the declared defaults", () => {
    const two = resolveOperation(schema, document, "Two", undefined);
    expect(two.operation.name?.value).toBe("Two");
    expect(two.variables).toEqual({});
    const sameShape = buildSchema(`type Query { order(id: ID!): String, count(limit: Int = 5): Int }`);
    expect(resolveOperation(sameShape, document, "Two", { limit: 3 }).variables).toEqual({ limit: 3 });
  });

  it("shares nothing a concern could alter", () => {
    const resolved = resolveOperation(schema, document, "Two", { limit: 3 });
    expect(Object.isFrozen(resolved)).toBe(true);
    expect(Object.isFrozen(resolved.variables)).toBe(true);
    expect(Object.isFrozen(resolved.fragments)).toBe(true);
  });

  it("refuses a variable that does not fit before any concern runs, every time", async () => {
    const seen: RequestOperation[] = [];
    const execute = wrapExecutorWith([reader(seen)], async () => ({ data: {} }));
    const bad = { limit: "many" };
    await expect(execute(requestFor("Two", bad))).rejects.toThrow(/limit/);
    await expect(execute(requestFor("Two", bad))).rejects.toThrow(/limit/);
    expect(seen).toEqual([]);
  });

  it("is an error of composition for a concern to read it outside the composition", () => {
    expect(() => requestOperationOf({ request: {} })).toThrow(/not resolved/);
  });
});
