import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import type { GraphQLSchema } from "graphql";
import gql from "graphql-tag";
import { buildSchema, createResolversMap, type NonEmptyArray } from "type-graphql";
import { enforceAccessRules } from "./access-guard";
import { applyAccessRulesToSdl } from "./access-rules";
import { jurisdictionOf, scopeRulesOf, type AccessTable } from "./access-table";
import { enforceJurisdiction } from "./jurisdiction-table";
import type { Principal } from "../identity/principal";
import { refuseTestOnlySwitchInProduction } from "../test-only";
import { traceRootFields } from "../tracing/traced-resolvers";

/**
 * Federation 2 (v2.5+, so the authorization directives @authenticated,
 * @requiresScopes and @policy are available to every subgraph).
 */
export const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@inaccessible", "@authenticated", "@requiresScopes", "@policy"])`;

export type ReferenceResolvers<TContext> = Record<
  string,
  { __resolveReference(reference: Record<string, unknown>, context: TContext): unknown }
>;

export interface FederatedSchemaOptions<TContext extends { principal: Principal }> {
  // type-graphql takes resolver classes; their constructors are of any shape.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  referenceResolvers: ReferenceResolvers<TContext>;
  /**
   * Who may see what: the scopes of types and fields, written into the SDL as @authenticated / @requiresScopes and
   * enforced by the schema itself too; every type's protection class, and the fields released only to callers covering
   * their record.
   */
  access: AccessTable<TContext>;
  /**
   * Test only (platform/test-only.ts): false leaves the access rules in the SDL for the gateway but not
   * enforced by the schema, so a test sees the gateway's filter alone. Enforced unless false.
   */
  enforceAccess?: boolean;
}

/**
 * Builds a Federation 2 subgraph schema from type-graphql classes: type-graphql
 * builds the schema and its resolvers, its SDL (with the @key and other
 * directives declared by @Directive) goes through @apollo/subgraph, and the
 * entities' __resolveReference functions are added to the resolver map. The
 * access rules go into the SDL for the gateway and are enforced by the
 * schema's own resolvers as well (access-guard.ts).
 */
export async function buildFederatedSchema<TContext extends { principal: Principal }>(
  options: FederatedSchemaOptions<TContext>,
): Promise<GraphQLSchema> {
  const typeGraphQLSchema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    skipCheck: true, // federation directives are unknown to type-graphql's validation
    validate: false,
  });
  const scopeRules = scopeRulesOf(options.access);
  const resolvers = createResolversMap(typeGraphQLSchema) as GraphQLResolverMap<TContext>;
  for (const [typeName, reference] of Object.entries(options.referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...reference } as GraphQLResolverMap<TContext>[string];
  }
  const schema = buildSubgraphSchema({
    typeDefs: gql`
      ${FEDERATION_LINK}
      ${applyAccessRulesToSdl(printSchemaWithDirectives(typeGraphQLSchema), scopeRules)}
    `,
    // @apollo/subgraph types its resolver map with an unknown context.
    resolvers: resolvers as GraphQLResolverMap<unknown>,
  });
  // Spans around the root fields, innermost: what they time is the resolvers' own work (a plain call without tracing).
  const withJurisdiction = enforceJurisdiction(traceRootFields(schema), jurisdictionOf(options.access));
  if (options.enforceAccess === false) {
    refuseTestOnlySwitchInProduction("A subgraph schema without its access guard");
    return withJurisdiction;
  }
  // Scopes outermost: a field the caller may not ask for is refused as the gateway would, before its record is looked at.
  return enforceAccessRules(withJurisdiction, scopeRules);
}
