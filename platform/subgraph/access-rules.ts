import {
  Kind,
  parse,
  print,
  visit,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
} from "graphql";

/**
 * Who may read what, declared per subgraph as one table and written into the
 * subgraph's SDL as the standard Federation directives (@authenticated,
 * @requiresScopes). The gateway reads them back from the composed supergraph:
 * the subgraph's table is the only source of truth.
 *
 * Keys are "Type" (guards the type wherever it is reached) or "Type.field".
 * `scopes` is OR of ANDs: [["a", "b"], ["c"]] means (a and b) or c.
 */
export type AccessRule = "authenticated" | { scopes: string[][] };
export type AccessRules = Readonly<Record<string, AccessRule>>;

/** One scope. */
export function scope(name: string): AccessRule {
  return { scopes: [[name]] };
}

/** Whether `scopes` satisfy one requirement: any of the alternatives, each needing all its scopes. */
export function satisfiesScopes(alternatives: readonly (readonly string[])[], scopes: readonly string[]): boolean {
  return alternatives.some((all) => all.every((scope) => scopes.includes(scope)));
}

function directiveFor(rule: AccessRule): ConstDirectiveNode {
  if (rule === "authenticated") return { kind: Kind.DIRECTIVE, name: { kind: Kind.NAME, value: "authenticated" } };
  const parsed = parse(`type T @requiresScopes(scopes: ${JSON.stringify(rule.scopes)}) { f: Int }`);
  return (parsed.definitions[0] as ObjectTypeDefinitionNode).directives![0];
}

/** Adds the rules' directives to an SDL document; a rule naming no type or field of it is an error, not a silent no-op. */
export function applyAccessRules(sdl: DocumentNode, rules: AccessRules): DocumentNode {
  const unused = new Set(Object.keys(rules));
  const withDirective = <T extends ObjectTypeDefinitionNode | FieldDefinitionNode>(node: T, key: string): T => {
    const rule = rules[key];
    if (!rule) return node;
    unused.delete(key);
    return { ...node, directives: [...(node.directives ?? []), directiveFor(rule)] };
  };
  const result = visit(sdl, {
    ObjectTypeDefinition: (type) => ({
      ...withDirective(type, type.name.value),
      fields: type.fields?.map((field) => withDirective(field, `${type.name.value}.${field.name.value}`)),
    }),
    ObjectTypeExtension: (type) => ({
      ...type,
      fields: type.fields?.map((field) => withDirective(field, `${type.name.value}.${field.name.value}`)),
    }),
  });
  if (unused.size > 0) throw new Error(`Access rules name no type or field of this subgraph: ${[...unused].join(", ")}`);
  return result;
}

export function applyAccessRulesToSdl(sdl: string, rules: AccessRules): string {
  return print(applyAccessRules(parse(sdl), rules));
}
