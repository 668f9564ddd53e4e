import { defaultFieldResolver, getNamedType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { satisfiesScopes, type AccessRule, type AccessRules } from "./access-rules";
import { findPrincipal, type Principal } from "../identity/principal";
import { unauthorizedFieldError } from "../errors/errors";

/**
 * Defence in depth: the subgraph enforces its own access table on the
 * principal the gateway asserted, so a gateway bug (or an assertion carrying
 * fewer scopes) gets no more than the gateway would have let through.
 *
 * It mirrors the gateway: a field needs its own rule and the rule of the type
 * it returns. It also needs its parent type's rule, which at the gateway is
 * implied by the path (every object is reached through a field returning its
 * type) but here is not: `_entities` reaches objects without any field
 * returning their type. An entity representation of a type the caller may
 * not read resolves to null. Refused fields resolve to null with the
 * gateway's error (null propagating as usual from a non-null field); a
 * refused mutation never runs.
 *
 * Each field's check is worked out once, when the schema is built; fields no
 * rule guards keep their resolver untouched.
 */
type PrincipalCheck = (principal: Principal | undefined) => boolean;

/**
 * The check of all the given rules together, or null when none applies.
 * "authenticated" needs an asserted principal (every request over HTTP has
 * one); a context without one satisfies no rule (fail closed).
 */
function checkOf(rules: readonly (AccessRule | undefined)[]): PrincipalCheck | null {
  const applying = rules.filter((rule): rule is AccessRule => rule !== undefined);
  if (applying.length === 0) return null;
  const requirements = applying.flatMap((rule) => (rule === "authenticated" ? [] : [rule.scopes]));
  return (principal) => principal !== undefined && requirements.every((alternatives) => satisfiesScopes(alternatives, principal.scopes));
}

function guardField<TContext>(
  resolve: GraphQLFieldResolver<unknown, TContext>,
  check: PrincipalCheck,
): GraphQLFieldResolver<unknown, TContext> {
  return (source, args, context, info) => {
    if (!check(findPrincipal(context))) throw unauthorizedFieldError();
    return resolve(source, args, context, info);
  };
}

/**
 * `_entities` resolves only the representations whose type the caller may
 * read (the others are never looked up); each other one is null with the
 * error at its index. It stays synchronous, as @apollo/subgraph's resolver
 * is, so the entities' DataLoader batches are not split across ticks.
 */
function guardEntities(
  resolve: GraphQLFieldResolver<unknown, unknown>,
  typeChecks: ReadonlyMap<string, PrincipalCheck>,
): GraphQLFieldResolver<unknown, unknown> {
  return (source, args: { representations: { __typename: string }[] }, context, info) => {
    const principal = findPrincipal(context);
    const readable = args.representations.map((representation) => typeChecks.get(representation.__typename)?.(principal) ?? true);
    // graphql-js turns an Error in a list into that item's error, leaving the item null.
    const withRefusals = (resolved: unknown[]) => {
      let next = 0;
      return readable.map((isReadable) => (isReadable ? resolved[next++] : unauthorizedFieldError()));
    };
    const representations = args.representations.filter((_, index) => readable[index]);
    const resolved = resolve(source, { ...args, representations }, context, info) as unknown[] | Promise<unknown[]>;
    return resolved instanceof Promise ? resolved.then(withRefusals) : withRefusals(resolved);
  };
}

/** Wraps the resolvers of `schema` (in place) so it enforces `rules` itself; returns the schema. */
export function enforceAccessRules(schema: GraphQLSchema, rules: AccessRules): GraphQLSchema {
  const typeChecks = new Map<string, PrincipalCheck>();
  for (const type of Object.values(schema.getTypeMap())) {
    const check = checkOf([rules[type.name]]);
    if (check) typeChecks.set(type.name, check);
  }
  for (const type of Object.values(schema.getTypeMap())) {
    // Introspection types too: no table names them, and a rule on a type they return would guard them as well.
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const check = checkOf([rules[`${type.name}.${field.name}`], rules[type.name], rules[getNamedType(field.type).name]]);
      if (check) field.resolve = guardField(field.resolve ?? defaultFieldResolver, check);
    }
  }
  const entities = schema.getQueryType()?.getFields()._entities;
  if (entities?.resolve) entities.resolve = guardEntities(entities.resolve, typeChecks);
  return schema;
}
