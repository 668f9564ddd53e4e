import {
  getNamedType,
  isCompositeType,
  Kind,
  type DocumentNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { fragmentsOf } from "../operation/fragments";

/**
 * What a cached answer depends on, so an event can invalidate exactly the
 * entries it makes stale. Estate data (forces, courts) is checked in and
 * changes only with a deployment: it has no generation, the TTL bounds it.
 */
export type DataDomain = "statistics";

/**
 * The root query fields whose answers are not personal data, and what each
 * depends on. An allow-list: a root field added to the schema later is not
 * cacheable until someone decides it is.
 */
export const CACHEABLE_ROOT_FIELDS: Readonly<Record<string, readonly DataDomain[]>> = {
  spoStatistics: ["statistics"],
  forces: [],
  courts: [],
};

/**
 * The object types an answer may reach through nested fields and still be
 * non-personal: aggregates and estate data (see the jurisdiction table,
 * protection classes "aggregate" and "shared"). If one of them later gains
 * a field to a person, order or hearing, an operation selecting it reaches a
 * type outside this set and is no longer cacheable: the check is on the
 * selection, not on the root field's name alone.
 */
export const NON_PERSONAL_TYPES: ReadonlySet<string> = new Set(["SpoStatistics", "BreachTypeCount", "Force", "Court"]);

export type Cacheability = { cacheable: false } | { cacheable: true; domains: DataDomain[] };

const NOT_CACHEABLE: Cacheability = { cacheable: false };

/**
 * Whether the operation's answer may be cached: a query whose every root
 * field is on the allow-list and whose whole selection (fragments followed)
 * stays within non-personal types. Anything else — mutations, introspection,
 * an unknown field or fragment, one personal field anywhere — is not (fail
 * closed). Every cacheable operation is also one the audit trail does not
 * record (it asks for no personal data), so caching changes nothing the trail sees.
 */
export function cacheabilityOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): Cacheability {
  if (operation.operation !== "query") return NOT_CACHEABLE;
  const queryType = schema.getQueryType();
  if (!queryType) return NOT_CACHEABLE;
  const fragments = fragmentsOf(document);
  const domains = new Set<DataDomain>();

  // Root level: only allow-listed fields (and __typename), each followed into its own selection.
  const rootIsCacheable = (selectionSet: SelectionSetNode, seen: ReadonlySet<string>): boolean =>
    selectionSet.selections.every((selection) => {
      switch (selection.kind) {
        case Kind.FIELD: {
          const name = selection.name.value;
          if (name === "__typename") return true;
          const fieldDomains = CACHEABLE_ROOT_FIELDS[name];
          const field = queryType.getFields()[name];
          if (!fieldDomains || !field) return false;
          fieldDomains.forEach((domain) => domains.add(domain));
          return staysNonPersonal(getNamedType(field.type), selection.selectionSet, seen);
        }
        case Kind.INLINE_FRAGMENT:
          return rootIsCacheable(selection.selectionSet, seen);
        case Kind.FRAGMENT_SPREAD: {
          const fragment = fragments.get(selection.name.value);
          if (!fragment || seen.has(fragment.name.value)) return false;
          return rootIsCacheable(fragment.selectionSet, new Set([...seen, fragment.name.value]));
        }
      }
    });

  // Below the root: every composite type reached must be non-personal.
  const staysNonPersonal = (
    type: ReturnType<typeof getNamedType>,
    selectionSet: SelectionSetNode | undefined,
    seen: ReadonlySet<string>,
  ): boolean => {
    if (!isCompositeType(type)) return selectionSet === undefined;
    if (!NON_PERSONAL_TYPES.has(type.name) || !selectionSet) return false;
    return selectionsStayNonPersonal(type, selectionSet, seen);
  };

  const selectionsStayNonPersonal = (parent: GraphQLCompositeType, selectionSet: SelectionSetNode, seen: ReadonlySet<string>): boolean =>
    selectionSet.selections.every((selection) => {
      switch (selection.kind) {
        case Kind.FIELD: {
          if (selection.name.value === "__typename") return true;
          if (!("getFields" in parent)) return false;
          const field = parent.getFields()[selection.name.value];
          return field !== undefined && staysNonPersonal(getNamedType(field.type), selection.selectionSet, seen);
        }
        case Kind.INLINE_FRAGMENT: {
          const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
          if (!condition || !isCompositeType(condition) || !NON_PERSONAL_TYPES.has(condition.name)) return false;
          return selectionsStayNonPersonal(condition, selection.selectionSet, seen);
        }
        case Kind.FRAGMENT_SPREAD: {
          const fragment = fragments.get(selection.name.value);
          if (!fragment || seen.has(fragment.name.value)) return false;
          const condition = schema.getType(fragment.typeCondition.name.value);
          if (!condition || !isCompositeType(condition) || !NON_PERSONAL_TYPES.has(condition.name)) return false;
          return selectionsStayNonPersonal(condition, fragment.selectionSet, new Set([...seen, fragment.name.value]));
        }
      }
    });

  return rootIsCacheable(operation.selectionSet, new Set()) ? { cacheable: true, domains: [...domains] } : NOT_CACHEABLE;
}
