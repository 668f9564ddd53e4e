import { buildSchema, parse, print, type OperationDefinitionNode } from "graphql";
import { resolveOperation } from "../../operation/resolve-operation";
import { filterOperation } from "../filter-operation";
import type { FieldAuthorizer } from "../remove-unauthorized-fields";

const schema = buildSchema(`
  type Query { force(code: ID!): Force forces: [Force!]! things: [Thing!]! }
  type Force { code: ID! name: String! secret: String neighbours: [Force!]! }
  type Court { code: ID! }
  union Thing = Force | Court
`);
const hideSecret: FieldAuthorizer = (_parent, field) => field.name !== "secret";

function filter(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const { operation, variables: coerced } = resolveOperation(schema, document, undefined, variables);
  return filterOperation(schema, document, operation, coerced, hideSecret);
}

/** `fragment F_i on Force { ...F_(i-1) ...F_(i-1) }`: 2^levels spreads of F_0 once expanded. */
function doublingFragments(levels: number): string {
  const fragments = [`fragment F_0 on Force { code secret }`];
  for (let i = 1; i <= levels; i += 1) fragments.push(`fragment F_${i} on Force { ...F_${i - 1} ...F_${i - 1} }`);
  return `{ forces { ...F_${levels} } } ${fragments.join(" ")}`;
}

describe("filterOperation", () => {
  it("walks each fragment once however often it is spread (21 doubling levels: 22 walks, not 2^21)", () => {
    const filtered = filter(doublingFragments(21));
    expect(filtered.fragmentsWalked).toBe(22);
    expect(filtered.unauthorizedPaths).toEqual([["forces", "secret"]]);
    expect(print(filtered.document)).not.toContain("secret");
  });

  it("reports a fragment's field at every response path it is spread under", () => {
    const filtered = filter(`{ a: force(code: "1") { ...F neighbours { ...F } } b: forces { ...F } } fragment F on Force { secret code }`);
    expect(filtered.fragmentsWalked).toBe(1);
    expect(filtered.unauthorizedPaths).toEqual([
      ["a", "secret"],
      ["a", "neighbours", "secret"],
      ["b", "secret"],
    ]);
  });

  it("reads @skip/@include with the variables' defaults applied", () => {
    const query = `query($show: Boolean = true, $hide: Boolean = false) {
      shown: forces @include(if: $show) { secret } hidden: forces @skip(if: $hide) { secret } }`;
    expect(filter(query).unauthorizedPaths).toEqual([
      ["shown", "secret"],
      ["hidden", "secret"],
    ]);
    expect(filter(query, { show: false, hide: true }).unauthorizedPaths).toEqual([]);
  });

  it("leaves a document with nothing to remove untouched (same node), so the planner gets it as sent", () => {
    const document = parse(`{ forces { code name } }`);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const filtered = filterOperation(schema, document, operation, {}, hideSecret);
    expect(filtered.changed).toBe(false);
    expect(filtered.document).toBe(document);
    expect(filter(`{ forces { code secret } }`).changed).toBe(true);
  });

  it("adds the __typename placeholder to abstract positions only when something was removed (the projection needs it)", () => {
    const untouched = filter(`{ things { ... on Force { code } } }`);
    expect(untouched.changed).toBe(false);
    expect(print(untouched.document)).not.toContain("__authz_typename");
    const filtered = filter(`{ things { ... on Force { code secret } } }`);
    expect(print(filtered.document)).toContain("__authz_typename: __typename");
  });
});
