import { buildSchema, parse } from "graphql";
import { resolveOperation } from "../resolve-operation";

const schema = buildSchema(`type Query { order(id: ID!): String, count(limit: Int = 10): Int }`);
const document = parse(`query One($id: ID!) { order(id: $id) } query Two($limit: Int) { count(limit: $limit) }`);

describe("resolveOperation, once per request", () => {
  it("gives every reader of one request the same resolution, and another request's variables their own", () => {
    const variables = { id: "spo-1" };
    const first = resolveOperation(schema, document, "One", variables);
    expect(resolveOperation(schema, document, "One", variables)).toBe(first);
    expect(first.variables).toEqual({ id: "spo-1" });

    const other = resolveOperation(schema, document, "One", { id: "spo-2" });
    expect(other).not.toBe(first);
    expect(other.variables).toEqual({ id: "spo-2" });
  });

  it("keeps operations, schemas and the absence of variables apart", () => {
    const two = resolveOperation(schema, document, "Two", undefined);
    expect(two.operation.name?.value).toBe("Two");
    expect(two.variables).toEqual({});
    expect(resolveOperation(schema, document, "Two", null)).toBe(two);

    const sameShape = buildSchema(`type Query { order(id: ID!): String, count(limit: Int = 5): Int }`);
    expect(resolveOperation(sameShape, document, "Two", undefined)).not.toBe(two);
  });

  it("shares nothing a reader could alter", () => {
    const resolved = resolveOperation(schema, document, "Two", { limit: 3 });
    expect(Object.isFrozen(resolved)).toBe(true);
    expect(Object.isFrozen(resolved.variables)).toBe(true);
  });

  it("still refuses a variable that does not fit, every time", () => {
    const bad = { limit: "many" };
    expect(() => resolveOperation(schema, document, "Two", bad)).toThrow(/limit/);
    expect(() => resolveOperation(schema, document, "Two", bad)).toThrow(/limit/);
  });
});
