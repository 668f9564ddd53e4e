import { buildSchema, parse, print, type DocumentNode, type OperationDefinitionNode } from "graphql";
import { resolveOperation } from "../../operation/resolve-operation";
import { filterOperation } from "../filter-operation";
import { PLACEHOLDER_KEY, TYPENAME_KEY, type FieldAuthorizer } from "../remove-unauthorized-fields";

/**
 * The filter's access decisions one by one: which fields leave the document,
 * where the placeholder goes, which paths are reported as unauthorized (aliases,
 * inline fragments, named fragments, @skip/@include), and which operation of a
 * document with several is the one judged.
 */
const schema = buildSchema(`
  type Query { force(code: ID!): Force forces: [Force!]! things: [Thing!]! secretRoot: String open: String }
  type Mutation { rename(code: ID!): Force secretMutation: String }
  type Force { code: ID! name: String! secret: String neighbours: [Force!]! }
  type Court { code: ID! secret: String }
  union Thing = Force | Court
`);
const SECRET = new Set(["secret", "secretRoot", "secretMutation"]);
const hideSecrets: FieldAuthorizer = (_parent, field) => !SECRET.has(field.name);

function filter(query: string, variables: Record<string, unknown> = {}, operationName?: string) {
  const document = parse(query);
  const { operation, variables: coerced } = resolveOperation(schema, document, operationName, variables);
  return filterOperation(schema, document, operation, coerced, hideSecrets);
}
const compact = (document: DocumentNode) => print(document).replace(/\s+/g, " ").trim();

describe("filterOperation's decisions", () => {
  it("removes exactly the unauthorized fields, and puts the placeholder only where a selection set was emptied", () => {
    const filtered = filter(`{ force(code: "1") { secret } forces { code secret } }`);
    expect(compact(filtered.document)).toBe(`{ force(code: "1") { ${PLACEHOLDER_KEY}: __typename } forces { code } }`);
    expect(filtered.unauthorizedPaths).toEqual([
      ["force", "secret"],
      ["forces", "secret"],
    ]);
    expect(filtered).toMatchObject({ changed: true, hasAuthorizedRootField: true });
  });

  it("names its placeholders with keys no client can use", () => {
    expect(PLACEHOLDER_KEY).toBe("__authz_placeholder");
    expect(TYPENAME_KEY).toBe("__authz_typename");
  });

  it("asks the authorizer with each field's parent type", () => {
    const asked: string[] = [];
    const document = parse(`{ forces { code } things { ... on Court { code } } }`);
    filterOperation(schema, document, document.definitions[0] as OperationDefinitionNode, {}, (parent, field) => {
      asked.push(`${parent.name}.${field.name}`);
      return true;
    });
    expect([...new Set(asked)].sort()).toEqual(["Court.code", "Force.code", "Query.forces", "Query.things"]);
  });

  it("reports an unauthorized field under its alias", () => {
    expect(filter(`{ f: forces { s: secret code } }`).unauthorizedPaths).toEqual([["f", "s"]]);
  });

  it("tells apart paths whose keys would run together", () => {
    expect(filter(`{ a: forces { bsecret: secret } ab: forces { secret } }`).unauthorizedPaths).toEqual([
      ["a", "bsecret"],
      ["ab", "secret"],
    ]);
  });

  it("reports a field once however many times the same path selects it", () => {
    expect(filter(`{ forces { secret secret } forces { secret } }`).unauthorizedPaths).toEqual([["forces", "secret"]]);
  });

  it("does not report __typename or authorized fields, and reports nothing for an untouched document", () => {
    const filtered = filter(`{ forces { __typename code neighbours { name } } }`);
    expect(filtered.unauthorizedPaths).toEqual([]);
    expect(filtered.changed).toBe(false);
  });

  it("follows inline fragments with and without a type condition, and into the other member of a union", () => {
    expect(filter(`{ forces { ... { secret } } }`).unauthorizedPaths).toEqual([["forces", "secret"]]);
    expect(filter(`{ things { ... on Court { secret code } ... on Force { name } } }`).unauthorizedPaths).toEqual([["things", "secret"]]);
    const filtered = filter(`{ things { ... on Court { secret } } }`);
    expect(compact(filtered.document)).toBe(`{ things { ... on Court { ${PLACEHOLDER_KEY}: __typename } ${TYPENAME_KEY}: __typename } }`);
  });

  it("follows named fragments, on their own type condition", () => {
    expect(filter(`{ things { ...C } } fragment C on Court { code secret }`)).toMatchObject({
      unauthorizedPaths: [["things", "secret"]],
      fragmentsWalked: 1,
    });
    expect(filter(`{ forces { ...A } } fragment A on Force { neighbours { ...B } } fragment B on Force { secret }`)).toMatchObject({
      unauthorizedPaths: [["forces", "neighbours", "secret"]],
      fragmentsWalked: 2,
    });
  });

  it("stops at a fragment cycle in a document that was not validated (it would otherwise recurse for ever)", () => {
    const document = parse(`{ forces { ...A } } fragment A on Force { secret ...B } fragment B on Force { code ...A }`);
    const filtered = filterOperation(schema, document, document.definitions[0] as OperationDefinitionNode, {}, hideSecrets);
    expect(filtered.unauthorizedPaths).toEqual([["forces", "secret"]]);
    expect(filtered.fragmentsWalked).toBe(2);
  });

  it("skips what @skip(if: true) or @include(if: false) leaves out, on fields and fragments alike", () => {
    expect(filter(`{ forces { secret @skip(if: true) code } }`).unauthorizedPaths).toEqual([]);
    expect(filter(`{ forces { secret @skip(if: false) } }`).unauthorizedPaths).toEqual([["forces", "secret"]]);
    expect(filter(`{ forces { secret @include(if: false) code } }`).unauthorizedPaths).toEqual([]);
    expect(filter(`{ forces { secret @include(if: true) } }`).unauthorizedPaths).toEqual([["forces", "secret"]]);
    expect(filter(`{ forces { ... @skip(if: true) { secret } code } }`).unauthorizedPaths).toEqual([]);
    expect(filter(`{ forces { ...F @include(if: false) code } } fragment F on Force { secret }`).unauthorizedPaths).toEqual([]);
  });

  it("counts as included a field whose `if` cannot be read (fail closed: it is still checked)", () => {
    const query = `query($show: Boolean = true) { forces { secret @include(if: $show) code } }`;
    expect(filter(query, { show: null }).unauthorizedPaths).toEqual([["forces", "secret"]]);
  });

  it("judges a mutation against the mutation type's fields", () => {
    const filtered = filter(`mutation { rename(code: "1") { secret code } secretMutation }`);
    expect(filtered.unauthorizedPaths).toEqual([["rename", "secret"], ["secretMutation"]]);
    expect(compact(filtered.document)).toBe(`mutation { rename(code: "1") { code } }`);
    expect(filtered.hasAuthorizedRootField).toBe(true);
  });

  it("says when nothing authorized is left at the root", () => {
    const filtered = filter(`{ secretRoot }`);
    expect(compact(filtered.document)).toBe(`{ ${PLACEHOLDER_KEY}: __typename }`);
    expect(filtered).toMatchObject({ hasAuthorizedRootField: false, unauthorizedPaths: [["secretRoot"]], changed: true });
    expect(filter(`{ secretRoot open }`).hasAuthorizedRootField).toBe(true);
    expect(filter(`{ ... { secretRoot } }`).hasAuthorizedRootField).toBe(true);
  });

  describe("in a document with several operations", () => {
    const document = `query Open { open forces { code } } query Hidden { secretRoot } query Mixed { forces { secret } }`;

    it("judges the operation asked for, by name", () => {
      expect(filter(document, {}, "Hidden")).toMatchObject({ hasAuthorizedRootField: false, unauthorizedPaths: [["secretRoot"]] });
      expect(filter(document, {}, "Open")).toMatchObject({ hasAuthorizedRootField: true, unauthorizedPaths: [] });
      expect(filter(document, {}, "Mixed")).toMatchObject({ hasAuthorizedRootField: true, unauthorizedPaths: [["forces", "secret"]] });
    });

    it("filters every operation of the document alike", () => {
      expect(compact(filter(document, {}, "Open").document)).toBe(
        `query Open { open forces { code } } query Hidden { ${PLACEHOLDER_KEY}: __typename } query Mixed { forces { ${PLACEHOLDER_KEY}: __typename } }`,
      );
    });
  });
});
