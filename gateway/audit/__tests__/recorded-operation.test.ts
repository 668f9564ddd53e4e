import { createHash } from "node:crypto";
import {
  buildSchema,
  getOperationAST,
  GraphQLID,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  parse,
  print,
  type OperationDefinitionNode,
} from "graphql";
import { AuditValueHasher } from "../../../platform/audit/value-hash";
import { resolveOperation } from "../../operation/resolve-operation";
import { recordedDocument, recordedOperation, recordedUnresolved } from "../recorded-operation";

/**
 * What a record keeps of an operation, on a small schema: classified inputs
 * by domain/input-protection.ts (PersonSearch.familyName is identity,
 * ReportBreachInput.idempotencyKey, Query.orders(after) and
 * Query.courtList(date) and OrderFilter.madeFrom open), and inputs nobody
 * classified. `courtList` has no `date` argument here, nor OrderFilter a
 * `madeFrom`: an argument or input field the schema lacks is nobody's.
 */
const SDL = `
  directive @tag(after: String) on FIELD
  enum Kind { A B }
  input PersonSearch { familyName: String, pncId: String }
  input ReportBreachInput { description: String!, idempotencyKey: String!, orderId: ID! }
  input Unlisted { note: String, day: String, count: Int, kind: Kind, id: ID, password: String, notes: [String!], ids: [ID!] }
  input Nested { note: String, next: Nested, many: [Nested!] }
  input OrderFilter { status: String }
  type Query {
    searchPeople(search: PersonSearch!): [ID!]!
    unlisted(input: Unlisted, text: String): ID
    orders(after: String): ID
    courtList(day: String): ID
    nested(input: Nested): ID
    orderList(filter: OrderFilter): ID
  }
  type Mutation { reportBreach(input: ReportBreachInput!): ID }
`;
const schema = buildSchema(SDL);
const hasher = new AuditValueHasher({ id: "t1", secret: Buffer.alloc(32, 7) });
const h = (value: string) => hasher.hash(value);
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
/** The stored form of a secret-named value. */
const REDACTED_TEXT = "[redacted]";

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
      i: { note: h("free text"), day: h("2020-01-01"), count: 3, kind: "A", id: "x-1", password: REDACTED_TEXT },
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
    expect(record(source).documentHash).toBe(sha256(source));
  });

  it("bounds each text in UTF-8 bytes: a text of exactly the bound is kept, one byte more and it is its sha256 and length", () => {
    const source = `{ unlisted(input: { id: "é-1" }) }`;
    const full = record(source).document;
    const bytes = Buffer.byteLength(full, "utf8");
    expect(bytes).toBe(full.length + 1);
    expect(record(source, {}, bytes).document).toBe(full);
    expect(record(source, {}, bytes - 1).document).toBe(`# omitted: ${bytes} bytes, sha256 ${sha256(full)}`);

    const query = `query($i: Unlisted) { unlisted(input: $i) }`;
    const variables = record(query, { i: { id: "y".repeat(40) } }).variables;
    const variableBytes = Buffer.byteLength(variables, "utf8");
    expect(record(query, { i: { id: "y".repeat(40) } }, variableBytes).variables).toBe(variables);
    expect(record(query, { i: { id: "y".repeat(40) } }, variableBytes - 1).parsedVariables).toEqual({
      $omitted: { bytes: variableBytes, sha256: sha256(variables) },
    });
  });

  it("redacts every secret-named variable, given or defaulted, and leaves out a declared variable not given", () => {
    const secrets = [
      "passphrase",
      "password",
      "authorization",
      "authorisation",
      "apikey",
      "api_key",
      "privatekey",
      "private_key",
      "token",
      "secret",
      "credentials",
    ];
    const { parsedVariables } = record(
      `query(${secrets.map((name) => `$${name}: String`).join(", ")}, $missingToken: String, $keyword: ID) { unlisted(text: $passphrase, input: { id: $keyword }) }`,
      { ...Object.fromEntries(secrets.map((name) => [name, `value of ${name}`])), keyword: "k-1" },
    );
    expect(parsedVariables).toEqual({ ...Object.fromEntries(secrets.map((name) => [name, REDACTED_TEXT])), keyword: "k-1" });
  });

  it("keeps a null as null and leaves out input fields not given (a secret-named one too)", () => {
    expect(
      record(`query($t: String, $i: Unlisted) { unlisted(input: $i, text: $t) }`, { t: null, i: { note: null, id: "x" } }).variables,
    ).toBe(JSON.stringify({ t: null, i: { note: null, id: "x" } }));
  });

  it("leaves out an undefined value a hand-made variables object holds, rather than hashing the word", () => {
    const source = `query($t: String, $i: Unlisted) { unlisted(input: $i, text: $t) }`;
    const document = parse(source);
    const operation = getOperationAST(document) as OperationDefinitionNode;
    const variables = { t: undefined, i: { id: "x", note: undefined } };
    expect(recordedOperation({ schema, document, operation, variables, source }, { hasher, maxTextBytes: 16_384 }).variables).toBe(
      JSON.stringify({ i: { id: "x" } }),
    );
  });

  it("hashes, as its JSON text, a value given for a variable whose type the schema lacks", () => {
    const source = `query($x: Bogus) { unlisted(text: "a") }`;
    const document = parse(source);
    const operation = getOperationAST(document) as OperationDefinitionNode;
    const recorded = recordedOperation(
      { schema, document, operation, variables: { x: "free text" }, source },
      { hasher, maxTextBytes: 16_384 },
    );
    expect(JSON.parse(recorded.variables)).toEqual({ x: h(JSON.stringify("free text")) });
  });

  it("keeps list items as their item type is kept", () => {
    const { parsedVariables } = record(`query($i: Unlisted) { unlisted(input: $i) }`, {
      i: { notes: ["first", "second"], ids: ["x-1", "x-2"] },
    });
    expect(parsedVariables).toEqual({ i: { notes: [h("first"), h("second")], ids: ["x-1", "x-2"] } });
  });

  it("stops a recursive input at 32 levels, input fields and list items each counting one", () => {
    type Level = { note?: string; next?: Level; many?: Level[] };
    const chain = (levels: number, link: (inner: Level) => Level): Level =>
      levels === 0 ? { note: "end" } : link(chain(levels - 1, link));
    const recordedNested = (value: Level) =>
      record(`query($n: Nested) { nested(input: $n) }`, { n: value }, 1_000_000).parsedVariables.n as Record<string, unknown>;

    // By fields: the object at depth 32 is kept, what it holds is not.
    let level = recordedNested(chain(40, (inner) => ({ note: "level", next: inner })));
    for (let depth = 0; depth < 32; depth++) {
      expect(level.note).toBe(h("level"));
      level = level.next as Record<string, unknown>;
    }
    expect(level).toEqual({ note: "[too deep]", next: "[too deep]" });

    // Through lists: a field and its list are two levels, so the object at depth 32 is the 16th.
    level = recordedNested(chain(20, (inner) => ({ many: [inner] })));
    for (let depth = 0; depth < 32; depth += 2) level = (level.many as Record<string, unknown>[])[0];
    expect(level).toEqual({ many: "[too deep]" });
  });

  it("a value its scalar cannot serialize again is kept as its text, hashed", () => {
    const Stamp = new GraphQLScalarType({
      name: "Stamp",
      parseValue: (value) => new Date(String(value)),
      serialize: (value) => {
        if (typeof value !== "string") throw new TypeError("Stamp serializes strings only");
        return value;
      },
    });
    const stampSchema = new GraphQLSchema({
      query: new GraphQLObjectType({ name: "Query", fields: { at: { type: GraphQLID, args: { when: { type: Stamp } } } } }),
    });
    const source = `query($w: Stamp) { at(when: $w) }`;
    const document = parse(source);
    const { operation, variables } = resolveOperation(stampSchema, document, undefined, { w: "2020-01-01T00:00:00Z" });
    const recorded = recordedOperation({ schema: stampSchema, document, operation, variables, source }, { hasher, maxTextBytes: 16_384 });
    expect(JSON.parse(recorded.variables)).toEqual({ w: h(String(new Date("2020-01-01T00:00:00Z"))) });
  });

  it("a variable used where identity goes is hashed, whichever of its uses comes first", () => {
    expect(
      record(`query($n: String!) { searchPeople(search: { familyName: $n }) unlisted(input: { id: $n }) }`, { n: "Jones" }).parsedVariables,
    ).toEqual({ n: h("Jones") });
  });

  it("a String variable used only at an open input is kept, its default too; an unused variable's default is hashed", () => {
    const { parsedVariables, document } = record(
      `mutation($k: String! = "key-1", $u: String = "left over") { reportBreach(input: { description: "d", idempotencyKey: $k, orderId: "o-1" }) }`,
    );
    expect(parsedVariables).toEqual({ k: "key-1", u: h("left over") });
    expect(document).toBe(
      print(
        parse(
          `mutation($k: String! = "key-1", $u: String = "${h("left over")}") { reportBreach(input: { description: "${h("d")}", idempotencyKey: $k, orderId: "o-1" }) }`,
        ),
      ),
    );
  });

  it("keeps a literal at an open argument or input field; a directive's argument of the same name is nobody's, hashed", () => {
    const { document } = record(`{ orders(after: "c-1") @tag(after: "c-2") }`);
    expect(document).toBe(print(parse(`{ orders(after: "c-1") @tag(after: "${h("c-2")}") }`)));
    expect(record(`mutation { reportBreach(input: { description: "d", idempotencyKey: "key-2", orderId: "o-1" }) }`).document).toBe(
      print(parse(`mutation { reportBreach(input: { description: "${h("d")}", idempotencyKey: "key-2", orderId: "o-1" }) }`)),
    );
  });

  it("works the document out again for another schema or another key", () => {
    const document = parse(`{ unlisted(input: { id: "x-1" }) }`);
    const otherHasher = new AuditValueHasher({ id: "t2", secret: Buffer.alloc(32, 9) });
    const idAsString = buildSchema(SDL.replace("id: ID,", "id: String,"));
    expect(recordedDocument(schema, document, hasher)).toBe(print(document));
    expect(recordedDocument(idAsString, document, hasher)).toBe(print(parse(`{ unlisted(input: { id: "${h("x-1")}" }) }`)));
    expect(recordedDocument(idAsString, document, otherHasher)).toBe(
      print(parse(`{ unlisted(input: { id: "${otherHasher.hash("x-1")}" }) }`)),
    );
  });
});

describe("what the audit record keeps of a request refused before its operation was resolved", () => {
  const rules = { hasher, maxTextBytes: 16_384 };

  it("a text that did not parse: its size only, its keyed hash, and never its variables", () => {
    const source = '{ unlisted(text: "Jane Doe"';
    expect(recordedUnresolved({ schema, document: undefined, source, variables: { a: 1 } }, rules)).toEqual({
      document: `# not parsed: ${Buffer.byteLength(source, "utf8")} bytes`,
      documentHash: h(source),
      variables: JSON.stringify({ $omitted: "not checked against any type: a refused document's variables are not kept" }),
    });
  });

  it("a parsed document is printed with its protected literals hashed; an argument or input field the schema lacks is nobody's, hashed", () => {
    const source = `{ courtList(date: "2020-01-01") orderList(filter: { madeFrom: "2020-01-02" }) searchPeople(search: { familyName: "Smith" }) }`;
    const recorded = recordedUnresolved({ schema, document: parse(source), source, variables: {} }, rules);
    expect(recorded.document).toBe(
      print(
        parse(
          `{ courtList(date: "${h("2020-01-01")}") orderList(filter: { madeFrom: "${h("2020-01-02")}" }) searchPeople(search: { familyName: "${h("Smith")}" }) }`,
        ),
      ),
    );
    expect(recorded.documentHash).toBe(h(source));
    expect(recorded.variables).toBe("{}");
  });

  it("variables count as given only as a non-empty object", () => {
    const source = print(parse(`{ orders(after: "c-1") }`));
    const variablesOf = (variables: unknown) => recordedUnresolved({ schema, document: parse(source), source, variables }, rules).variables;
    for (const none of [{}, [], null, undefined, "text"]) expect(variablesOf(none)).toBe("{}");
    expect(JSON.parse(variablesOf({ a: 1 }))).toHaveProperty("$omitted");
    expect(JSON.parse(variablesOf(["x"]))).toHaveProperty("$omitted");
    expect(recordedUnresolved({ schema, document: parse(source), source, variables: {} }, rules).documentHash).toBe(sha256(source));
  });
});
