import {
  Kind,
  parse,
  print,
  visit,
  type ConstDirectiveNode,
  type DirectiveNode,
  type DocumentNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  type GraphQLCompositeType,
} from "graphql";
import { satisfiesScopes } from "../../platform/subgraph/access-rules";
import type { Principal } from "../../platform/identity/principal";

/**
 * The authorization directives of the composed supergraph, read from the
 * supergraph itself (no second source of truth), with Apollo Router's
 * semantics:
 * - @authenticated: needs a verified caller (every request here has one);
 * - @requiresScopes(scopes: [[a, b], [c]]): (a and b) or c; several
 *   occurrences on one element must all hold;
 * - @policy: we have no policy engine, so it is never satisfied (fail closed).
 * A field is authorized when its own requirement and that of the type it
 * returns hold; on an abstract type, the field of every possible type counts.
 */
interface Requirement {
  /** Every entry must be satisfied; each entry is OR of ANDs. */
  scopeSets: string[][][];
  policy: boolean;
}

const SPECS = {
  requiresScopes: /^https:\/\/specs\.apollo\.dev\/requiresScopes\/v/,
  authenticated: /^https:\/\/specs\.apollo\.dev\/authenticated\/v/,
  policy: /^https:\/\/specs\.apollo\.dev\/policy\/v/,
} as const;
type SpecName = keyof typeof SPECS;

function stringArgument(directive: DirectiveNode, name: string): string | undefined {
  const argument = directive.arguments?.find((arg) => arg.name.value === name);
  return argument?.value.kind === Kind.STRING ? argument.value.value : undefined;
}

/** The names the supergraph gives the security directives (a @link may rename them with `as`). */
function securityDirectiveNames(document: DocumentNode): Map<string, SpecName> {
  const names = new Map<string, SpecName>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== "link") continue;
      const url = stringArgument(directive, "url") ?? "";
      for (const [spec, pattern] of Object.entries(SPECS) as [SpecName, RegExp][]) {
        if (pattern.test(url)) names.set(stringArgument(directive, "as") ?? spec, spec);
      }
    }
  }
  return names;
}

/**
 * The alternatives of a @requiresScopes, each a list of scopes all required. Anything else is refused
 * with the supergraph, never read leniently: a scope dropped from an alternative, or an empty
 * alternative, would grant what the schema meant to guard.
 */
function scopesArgument(directive: ConstDirectiveNode, coordinate: string): string[][] {
  const malformed = (what: string) =>
    new Error(`Supergraph refused: @${directive.name.value} on ${coordinate} ${what}; expected scopes: [[String!]!]! of non-empty lists`);
  const argument = directive.arguments?.find((arg) => arg.name.value === "scopes");
  if (argument?.value.kind !== Kind.LIST || argument.value.values.length === 0) throw malformed("has no list of scope alternatives");
  return argument.value.values.map((alternative) => {
    if (alternative.kind !== Kind.LIST || alternative.values.length === 0)
      throw malformed("has an alternative that is not a non-empty list");
    return alternative.values.map((scope) => {
      if (scope.kind !== Kind.STRING || scope.value === "") throw malformed("has a scope that is not a non-empty string");
      return scope.value;
    });
  });
}

export class AuthorizationPolicy {
  private constructor(
    private readonly types: ReadonlyMap<string, Requirement>,
    private readonly fields: ReadonlyMap<string, Requirement>,
  ) {}

  /**
   * Reads the policy from a supergraph and returns it with the supergraph
   * stripped of the security links, directives and their scalars: stock
   * @apollo/gateway refuses SECURITY features it does not implement, and it
   * need not see them since this policy enforces them before planning.
   */
  static fromSupergraph(supergraphSdl: string): { policy: AuthorizationPolicy; executableSupergraphSdl: string } {
    const document = parse(supergraphSdl);
    const names = securityDirectiveNames(document);
    const types = new Map<string, Requirement>();
    const fields = new Map<string, Requirement>();
    const record = (map: Map<string, Requirement>, key: string, directives: readonly ConstDirectiveNode[] | undefined) => {
      for (const directive of directives ?? []) {
        const spec = names.get(directive.name.value);
        if (!spec) continue;
        const requirement = map.get(key) ?? { scopeSets: [], policy: false };
        if (spec === "requiresScopes") requirement.scopeSets.push(scopesArgument(directive, key));
        if (spec === "policy") requirement.policy = true;
        map.set(key, requirement);
      }
    };
    for (const definition of document.definitions) {
      if (
        definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
        definition.kind === Kind.INTERFACE_TYPE_DEFINITION ||
        definition.kind === Kind.SCALAR_TYPE_DEFINITION ||
        definition.kind === Kind.ENUM_TYPE_DEFINITION
      ) {
        record(types, definition.name.value, definition.directives);
      }
      if (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.INTERFACE_TYPE_DEFINITION) {
        for (const field of definition.fields ?? []) record(fields, `${definition.name.value}.${field.name.value}`, field.directives);
      }
    }
    const securityScalars = new Set([...names.keys()].flatMap((name) => [`${name}__Scope`, `${name}__Policy`]));
    const stripped = visit(document, {
      Directive: (directive) => {
        if (names.has(directive.name.value)) return null;
        const linkedUrl = directive.name.value === "link" ? (stringArgument(directive, "url") ?? "") : "";
        return Object.values(SPECS).some((pattern) => pattern.test(linkedUrl)) ? null : undefined;
      },
      DirectiveDefinition: (definition) => (names.has(definition.name.value) ? null : undefined),
      ScalarTypeDefinition: (definition) => (securityScalars.has(definition.name.value) ? null : undefined),
    });
    return { policy: new AuthorizationPolicy(types, fields), executableSupergraphSdl: print(stripped) };
  }

  /** Every guarded element, for documentation: "Type" or "Type.field" → readable requirement. */
  describe(): Map<string, string> {
    const text = (requirement: Requirement) =>
      [
        ...requirement.scopeSets.map((alternatives) => alternatives.map((all) => all.join(" and ")).join(" or ")),
        ...(requirement.policy ? ["policy"] : []),
      ].join("; ") || "authenticated";
    return new Map([...this.types, ...this.fields].map(([key, requirement]) => [key, text(requirement)]));
  }

  private static satisfies(requirement: Requirement | undefined, principal: Principal): boolean {
    if (!requirement) return true;
    if (requirement.policy) return false;
    return requirement.scopeSets.every((alternatives) => satisfiesScopes(alternatives, principal.scopes));
  }

  isTypeAuthorized(type: GraphQLNamedType, principal: Principal): boolean {
    return AuthorizationPolicy.satisfies(this.types.get(type.name), principal);
  }

  isFieldAuthorized(
    schema: GraphQLSchema,
    parentType: GraphQLCompositeType,
    field: GraphQLField<unknown, unknown>,
    principal: Principal,
  ): boolean {
    if (field.name.startsWith("__")) return true;
    if (!this.isTypeAuthorized(getNamedType(field.type), principal)) return false;
    const owners = isAbstractType(parentType) ? schema.getPossibleTypes(parentType) : [parentType];
    return owners.every((owner) => AuthorizationPolicy.satisfies(this.fields.get(`${owner.name}.${field.name}`), principal));
  }
}
