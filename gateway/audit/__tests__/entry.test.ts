import { buildSchema, getOperationAST, parse } from "graphql";
import { retryKeyOf } from "../entry";

const schema = buildSchema(`
  type Query { x: String }
  input ReportInput { idempotencyKey: String! note: String }
  type Result { id: ID }
  type Mutation {
    report(input: ReportInput!): Result
    record(idempotencyKey: String!): Result
    reset: Result
  }
`);

function keyOf(source: string, variables: Record<string, unknown> = {}): string | null {
  const document = parse(source);
  return retryKeyOf(schema, document, getOperationAST(document)!, variables);
}

describe("a mutation's retry key", () => {
  it("lists each root field with its idempotency key, from variables or literals, through fragments", () => {
    expect(keyOf(`mutation($input: ReportInput!) { report(input: $input) { id } }`, { input: { idempotencyKey: "k-1" } })).toBe(
      JSON.stringify([["report", "k-1"]]),
    );
    expect(
      keyOf(
        `mutation { ...Both } fragment Both on Mutation { report(input: { idempotencyKey: "a" }) { id } ... { record(idempotencyKey: "b") { id } } }`,
      ),
    ).toBe(
      JSON.stringify([
        ["report", "a"],
        ["record", "b"],
      ]),
    );
  });

  it("is null when a root field has no key (nothing else can be taken for its retry), and for queries", () => {
    expect(keyOf(`mutation { report(input: { idempotencyKey: "a" }) { id } reset { id } }`)).toBeNull();
    expect(keyOf(`{ x }`)).toBeNull();
  });
});
