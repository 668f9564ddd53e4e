import { buildSchema, type GraphQLInterfaceType, type GraphQLObjectType } from "graphql";
import { AuthorizationPolicy } from "../policy";
import type { Principal } from "../../../platform/identity/principal";

/**
 * The policy read from a supergraph, decision by decision: @requiresScopes as
 * OR of ANDs (several on one element must all hold), @authenticated (here
 * renamed by its @link's `as`), @policy never satisfied (no policy engine: fail
 * closed), rules on types of every kind, and on every possible type of an
 * abstract parent; and what is stripped before @apollo/gateway sees it.
 */
const SUPERGRAPH = `
  schema
    @link(url: "https://specs.apollo.dev/link/v1.0")
    @link(url: "https://specs.apollo.dev/requiresScopes/v0.1", import: ["@requiresScopes"])
    @link(url: "https://specs.apollo.dev/authenticated/v0.1", as: "mustLogIn")
    @link(url: "https://specs.apollo.dev/policy/v0.1", import: ["@policy"])
    @other(url: "https://specs.apollo.dev/policy/v0.1", as: "notPolicy")
  { query: Query }
  directive @link(url: String, as: String, import: [String]) repeatable on SCHEMA
  directive @requiresScopes(scopes: [[requiresScopes__Scope!]!]!) repeatable on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
  directive @mustLogIn on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
  directive @policy(policies: [[policy__Policy!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
  directive @other(url: String, as: String) on FIELD_DEFINITION | SCHEMA
  directive @notPolicy on FIELD_DEFINITION
  scalar requiresScopes__Scope
  scalar policy__Policy
  type Query {
    open: String @other
    notGoverned: String @notPolicy
    loggedIn: String @mustLogIn
    either: String @requiresScopes(scopes: [["a", "b"], ["c"]])
    both: String @requiresScopes(scopes: [["a"]]) @requiresScopes(scopes: [["c"]])
    governed: String @policy(policies: [["p"]])
    secret: Secret
    thing: Thing
    level: Level
    code: Code
    __secretLike: String @requiresScopes(scopes: [["never"]])
  }
  type Secret @requiresScopes(scopes: [["secret:read"]]) { id: ID }
  interface Thing @requiresScopes(scopes: [["thing"]]) { name: String label: String @requiresScopes(scopes: [["label"]]) }
  type A implements Thing { name: String @requiresScopes(scopes: [["a"]]) label: String }
  type B implements Thing { name: String label: String }
  enum Level @requiresScopes(scopes: [["level"]]) { LOW }
  scalar Code @requiresScopes(scopes: [["code"]])
`.replace("__secretLike", "underscore");

const { policy, executableSupergraphSdl } = AuthorizationPolicy.fromSupergraph(SUPERGRAPH);
const schema = buildSchema(executableSupergraphSdl);
const query = schema.getQueryType()!;
const principal = (...scopes: string[]): Principal => ({
  sub: "u",
  persona: null,
  scopes,
  jurisdiction: { kind: "national" },
  purpose: null,
});
const allowed = (parent: GraphQLObjectType | GraphQLInterfaceType, field: string, ...scopes: string[]) =>
  policy.isFieldAuthorized(schema, parent, parent.getFields()[field], principal(...scopes));

describe("AuthorizationPolicy", () => {
  it("reads every security directive, under the names its @link gives it", () => {
    expect(policy.describe()).toEqual(
      new Map([
        ["Secret", "secret:read"],
        ["Thing", "thing"],
        ["Level", "level"],
        ["Code", "code"],
        ["Query.loggedIn", "authenticated"],
        ["Query.either", "a and b or c"],
        ["Query.both", "a; c"],
        ["Query.governed", "policy"],
        ["Query.underscore", "never"],
        ["Thing.label", "label"],
        ["A.name", "a"],
      ]),
    );
  });

  it("strips the security links, directives and their scalars, and nothing else", () => {
    expect(executableSupergraphSdl).not.toMatch(
      /requiresScopes|mustLogIn|@policy|policy__Policy|@link\(url: "https:\/\/specs\.apollo\.dev\/(authenticated|policy)/,
    );
    expect(executableSupergraphSdl).toContain(`@link(url: "https://specs.apollo.dev/link/v1.0")`);
    expect(executableSupergraphSdl).toContain("open: String @other");
    expect(executableSupergraphSdl).toContain("directive @other(url: String, as: String) on FIELD_DEFINITION | SCHEMA");
    expect(executableSupergraphSdl).toContain(`@other(url: "https://specs.apollo.dev/policy/v0.1", as: "notPolicy")`);
  });

  it("lets through a field no rule names, and one needing only authentication", () => {
    expect(allowed(query, "open")).toBe(true);
    expect(allowed(query, "loggedIn")).toBe(true);
    // Only @link names a spec: another schema directive with a url argument names nothing.
    expect(allowed(query, "notGoverned")).toBe(true);
  });

  it("reads @requiresScopes as OR of ANDs", () => {
    expect(allowed(query, "either", "a", "b")).toBe(true);
    expect(allowed(query, "either", "c")).toBe(true);
    expect(allowed(query, "either", "a")).toBe(false);
    expect(allowed(query, "either", "b")).toBe(false);
    expect(allowed(query, "either")).toBe(false);
  });

  it("needs every @requiresScopes on one element", () => {
    expect(allowed(query, "both", "a", "c")).toBe(true);
    expect(allowed(query, "both", "a")).toBe(false);
    expect(allowed(query, "both", "c")).toBe(false);
  });

  it("never satisfies @policy, whatever the scopes", () => {
    expect(allowed(query, "governed", "p", "a", "b", "c")).toBe(false);
  });

  it("needs the rule of the type a field returns: object, interface, enum and scalar alike", () => {
    for (const [field, scope] of [
      ["secret", "secret:read"],
      ["thing", "thing"],
      ["level", "level"],
      ["code", "code"],
    ]) {
      expect({ field, without: allowed(query, field), with: allowed(query, field, scope) }).toEqual({ field, without: false, with: true });
    }
    expect(policy.isTypeAuthorized(schema.getType("Secret")!, principal("secret:read"))).toBe(true);
    expect(policy.isTypeAuthorized(schema.getType("Secret")!, principal())).toBe(false);
    expect(policy.isTypeAuthorized(schema.getType("B")!, principal())).toBe(true);
  });

  it("on an abstract parent, needs the field's rule of every possible type", () => {
    const thing = schema.getType("Thing") as GraphQLInterfaceType;
    expect(allowed(thing, "name")).toBe(false);
    expect(allowed(thing, "name", "a")).toBe(true);
    expect(allowed(schema.getType("B") as GraphQLObjectType, "name")).toBe(true);
    expect(allowed(schema.getType("A") as GraphQLObjectType, "name")).toBe(false);
  });

  it("lets every meta field through, and only meta fields by their name", () => {
    // Even a meta field whose type had a rule (no real one has) is let through.
    const typename = { ...query.getFields().secret, name: "__typename" };
    expect(policy.isFieldAuthorized(schema, query, typename, principal())).toBe(true);
    expect(allowed(query, "underscore")).toBe(false);
  });
});

describe("a malformed @requiresScopes", () => {
  const withScopes = (scopes: string) =>
    SUPERGRAPH.replace(`either: String @requiresScopes(scopes: [["a", "b"], ["c"]])`, `either: String @requiresScopes(scopes: ${scopes})`);

  it.each([
    ["a scope that is not a string", `[["a", 1]]`, /Query\.either has a scope that is not a non-empty string/],
    ["an empty scope", `[["a", ""]]`, /Query\.either has a scope that is not a non-empty string/],
    ["an alternative that is not a list", `["a"]`, /Query\.either has an alternative that is not a non-empty list/],
    ["an empty alternative", `[["a"], []]`, /Query\.either has an alternative that is not a non-empty list/],
    ["no alternatives", `[]`, /Query\.either has no list of scope alternatives/],
    ["scopes that are not a list", `"a"`, /Query\.either has no list of scope alternatives/],
  ])("refuses the supergraph for %s, naming the element, rather than guard it with less", (_, scopes, message) => {
    expect(() => AuthorizationPolicy.fromSupergraph(withScopes(scopes))).toThrow(message);
  });

  it("refuses one on a type, naming the type", () => {
    const sdl = SUPERGRAPH.replace(`type Secret @requiresScopes(scopes: [["secret:read"]])`, `type Secret @requiresScopes(scopes: [[]])`);
    expect(() => AuthorizationPolicy.fromSupergraph(sdl)).toThrow(/@requiresScopes on Secret has an alternative/);
  });
});
