import { buildSchema, getOperationAST, parse, print } from "graphql";
import { AuditValueHasher } from "../../../platform/audit/value-hash";
import { resolveOperation } from "../../operation/resolve-operation";
import { recordedOperation, REDACTED } from "../recorded-operation";

/**
 * What a record keeps of an operation, on a small schema: classified inputs
 * by domain/input-protection.ts (PersonSearch.familyName is identity,
 * ReportBreachInput.idempotencyKey open), and inputs nobody classified.
 */
const schema = buildSchema(`
  enum Kind { A B }
  input PersonSearch { familyName: String, pncId: String }
  input ReportBreachInput { description: String!, idempotencyKey: String!, orderId: ID! }
  input Unlisted { note: String, day: String, count: Int, kind: Kind, id: ID, password: String }
  type Query { searchPeople(search: PersonSearch!): [ID!]! unlisted(input: Unlisted, text: String): ID }
  type Mutation { reportBreach(input: ReportBreachInput!): ID }
`);
const hasher = new AuditValueHasher({ id: "t1", secret: Buffer.alloc(32, 7) });
const h = (value: string) => hasher.hash(value);

function record(source: string, variables: Record<string, unknown> = {}, maxTextBytes = 16_384) {
  const document = parse(source);
  const { operation, variables: coerced } = resolveOperation(schema, document, undefined, variables);
  expect(operation).toBe(getOperationAST(document));
  const recorded = recordedOperation({ schema, document, operation, variables: coerced, source }, { hasher, maxTextBytes });
  return { ...recorded, parsedVariables: JSON.parse(recorded.variables) as Record<string, unknown> };
}

describe("what the audit record keeps of an operation", () => {
  it("hashes identity and case notes in variables, keeps open inputs, and drops undeclared variables", () => {
    const { parsedVariables } = record(`mutation($input: ReportBreachInput!, $s: PersonSearch!) { reportBreach(input: $input) }`, {
      input: { description: "Waited outside", idempotencyKey: "k-1", orderId: "o-1" },
      s: { familyName: "Smith" },
      undeclared: { deep: "x" },
    });
    expect(parsedVariables).toEqual({
      input: { description: h("Waited outside"), idempotencyKey: "k-1", orderId: "o-1" },
      s: { familyName: h("Smith") },
    });
  });

  it("fails closed: an unclassified String is hashed; ids, numbers and enums are kept; secret names redacted", () => {
    const { parsedVariables, document } = record(`query($i: Unlisted, $t: String) { unlisted(input: $i, text: $t) }`, {
      i: { note: "free text", day: "2020-01-01", count: 3, kind: "A", id: "x-1", password: "hunter2" },
      t: "also free",
    });
    expect(parsedVariables).toEqual({
      i: { note: h("free text"), day: h("2020-01-01"), count: 3, kind: "A", id: "x-1", password: REDACTED },
      t: h("also free"),
    });
    expect(document).not.toContain("hunter2");
  });

  it("a scalar variable is kept as the most protective of the places it is used", () => {
    const { parsedVariables } = record(`query($n: String!) { unlisted(input: { id: $n }) searchPeople(search: { familyName: $n }) }`, {
      n: "Jones",
    });
    expect(parsedVariables).toEqual({ n: h("Jones") });
    // Used only where ids go, it is kept.
    expect(record(`query($n: ID!) { unlisted(input: { id: $n }) }`, { n: "x-1" }).parsedVariables).toEqual({ n: "x-1" });
  });

  it("replaces protected string literals (and variable defaults) in the printed document, comments dropped", () => {
    const source = `# who: Jane at 1 High St
      query($n: String = "Doe") { searchPeople(search: { familyName: "Smith", pncId: $n }) u: unlisted(input: { id: "x-1", kind: A, note: """block""" }) }`;
    const { document, documentHash } = record(source);
    expect(document).toBe(
      print(
        parse(
          `query($n: String = "${h("Doe")}") { searchPeople(search: { familyName: "${h("Smith")}", pncId: $n }) u: unlisted(input: { id: "x-1", kind: A, note: "${h("block")}" }) }`,
        ),
      ),
    );
    for (const text of ["Jane", "High St", "Doe", "Smith", "block"]) expect(document).not.toContain(text);
    // The sent text is not what is stored, so its hash is keyed (no guessing the comment offline).
    expect(documentHash).toBe(h(source));
  });

  it("a document stored exactly as sent keeps its plain sha256", () => {
    const source = print(parse(`{ unlisted(input: { id: "x" }) }`));
    expect(record(source).documentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("bounds each text: over the bound, its sha256 and length", () => {
    const { document } = record(`{ unlisted(input: { id: "${"x".repeat(400)}" }) }`, {}, 256);
    expect(document).toMatch(/^# omitted: \d+ bytes, sha256 [0-9a-f]{64}$/);
    const { parsedVariables } = record(`query($i: Unlisted) { unlisted(input: $i) }`, { i: { id: "y".repeat(400) } }, 256);
    expect(parsedVariables).toEqual({ $omitted: { bytes: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
  });
});
