import { buildSchema, parse, print } from "graphql";
import { resolveOperation } from "../../operation/resolve-operation";
import { AuthorizationShapeCache } from "../authorization-shape-cache";
import type { FieldAuthorizer } from "../remove-unauthorized-fields";

const schema = buildSchema(`
  type Query { forces: [Force!]! }
  type Force { code: ID! secret: String }
`);
/** Like AuthorizationPolicy: the outcome depends on the caller's scopes only. */
const authorizerFor =
  (scopes: readonly string[]): FieldAuthorizer =>
  (_parent, field) =>
    field.name !== "secret" || scopes.includes("secret:read");

function prepare(
  cache: AuthorizationShapeCache,
  document: ReturnType<typeof parse>,
  scopes: string[],
  variables: Record<string, unknown> = {},
  mode = "filter",
) {
  const resolved = resolveOperation(schema, document, undefined, variables);
  return cache.prepare({
    schema,
    document,
    operationName: undefined,
    operation: resolved.operation,
    variables: resolved.variables,
    scopes,
    mode,
    isAuthorized: authorizerFor(scopes),
  });
}

describe("AuthorizationShapeCache", () => {
  it("shares an outcome between scope lists that are the same set, never between different sets or modes", () => {
    const cache = new AuthorizationShapeCache();
    const document = parse(`{ forces { code secret } }`);
    const wide = prepare(cache, document, ["spo:read", "secret:read"]);
    expect(prepare(cache, document, ["secret:read", "spo:read", "secret:read"])).toBe(wide);
    const narrow = prepare(cache, document, ["spo:read"]);
    expect(narrow).not.toBe(wide);
    expect(print(narrow.filtered.document)).not.toContain("secret");
    expect(narrow.filtered.unauthorizedPaths).toEqual([["forces", "secret"]]);
    expect(print(wide.filtered.document)).toContain("secret");
    expect(prepare(cache, document, ["spo:read"], {}, "reject")).not.toBe(narrow);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 3, uncacheable: 0 });
  });

  it("does not store a filtered outcome when @skip/@include decide what is reported", () => {
    const cache = new AuthorizationShapeCache();
    const document = parse(`query($s: Boolean!) { forces { code secret @include(if: $s) } }`);
    expect(prepare(cache, document, ["spo:read"], { s: true }).filtered.unauthorizedPaths).toEqual([["forces", "secret"]]);
    expect(prepare(cache, document, ["spo:read"], { s: false }).filtered.unauthorizedPaths).toEqual([]);
    expect(cache.stats()).toMatchObject({ hits: 0, misses: 0, uncacheable: 2, size: 0 });
    // Nothing removed: nothing is reported whatever the variables, so it is stored.
    prepare(cache, document, ["secret:read"], { s: true });
    expect(prepare(cache, document, ["secret:read"], { s: false }).filtered.unauthorizedPaths).toEqual([]);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, uncacheable: 2 });
  });

  it("hands out outcomes nobody can alter", () => {
    const cache = new AuthorizationShapeCache();
    const { filtered } = prepare(cache, parse(`{ forces { secret } }`), []);
    expect(Object.isFrozen(filtered.unauthorizedPaths)).toBe(true);
    expect(Object.isFrozen(filtered.unauthorizedPaths[0])).toBe(true);
  });
});
