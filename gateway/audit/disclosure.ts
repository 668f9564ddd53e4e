import {
  getNamedType,
  isObjectType,
  Kind,
  visit,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { AUDITED_ENTITIES, isAuditedType } from "../../domain/audited-entities";
import type { DisclosedEntity } from "../../platform/audit/record";
import { aliasedField, withAddedFields } from "../operation/added-fields";
import { fragmentsOf } from "../operation/fragments";

/**
 * What the audit trail needs to know about an operation and its response:
 * whether it consults personal data at all, and which entities of the
 * audited types (domain/audited-entities.ts) the response actually disclosed.
 */

/** Estate data and statistics: not personal data, so asking only for them is no consultation. */
const NOT_PERSONAL_DATA = new Set(["Force", "Court", "SpoStatistics"]);

/** Response keys the gateway adds to learn each entity's id and type; clients may not use the prefix. */
export const AUDIT_KEY_PREFIX = "__audit_";
const ID_KEY = `${AUDIT_KEY_PREFIX}id`;
const TYPE_KEY = `${AUDIT_KEY_PREFIX}type`;

/**
 * True unless the operation is a query that asks only for estate data,
 * statistics or introspection. Every mutation consults (it changes personal
 * data). Decided on the document before anything runs, so a missing
 * justification is refused before any subgraph is called. A root field the
 * schema does not know counts as a consultation (fail closed).
 */
export function consultsPersonalData(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): boolean {
  if (operation.operation !== "query") return true;
  const queryType = schema.getQueryType();
  const fragments = fragmentsOf(document);
  const visited = new Set<string>();
  const consults = (selectionSet: SelectionSetNode): boolean =>
    selectionSet.selections.some((selection) => {
      switch (selection.kind) {
        case Kind.FIELD: {
          if (selection.name.value.startsWith("__")) return false;
          const field = queryType?.getFields()[selection.name.value];
          return !field || !NOT_PERSONAL_DATA.has(getNamedType(field.type).name);
        }
        case Kind.INLINE_FRAGMENT:
          return consults(selection.selectionSet);
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          if (visited.has(name)) return false;
          visited.add(name);
          const fragment = fragments.get(name);
          return !fragment || consults(fragment.selectionSet);
        }
      }
    });
  return consults(operation.selectionSet);
}

/** The first alias the client chose in the gateway's reserved prefix, if any. */
export function reservedAliasIn(document: DocumentNode): string | null {
  let found: string | null = null;
  visit(document, {
    Field(node) {
      if (found === null && node.alias?.value.startsWith(AUDIT_KEY_PREFIX)) found = node.alias.value;
    },
  });
  return found;
}

/**
 * The document with `__audit_id: id` and `__audit_type: __typename` added to
 * every selection of an audited entity, so the response says which entity
 * each object is even when the client did not ask for its id.
 */
export function withAuditKeys(schema: GraphQLSchema, document: DocumentNode): DocumentNode {
  const keys = [aliasedField(ID_KEY, "id"), aliasedField(TYPE_KEY, "__typename")];
  return withAddedFields(schema, document, (type) => (isObjectType(type) && isAuditedType(type.name) ? keys : []));
}

export interface Disclosure {
  /** The audited entities in the response: by type in the order of AUDITED_ENTITIES, each type's ids sorted. */
  disclosed: DisclosedEntity[];
  /** For mutations: the entity each root field returned (what it created or changed). */
  changes: { field: string; type: string; id: string }[];
}

/**
 * Reads and removes the audit keys from a response. An entity counts as
 * disclosed when its object is in the response with its audit keys, whatever
 * its other fields hold: even with every asked-for field null (withheld, or
 * simply empty) the answer confirmed that the entity exists and is this one,
 * which is itself a disclosure about it (a lookup by id that comes back
 * non-null tells the caller the person is on record). A withheld object
 * (itself null, with FORBIDDEN or UNAUTHORIZED_FIELD_OR_TYPE) carries no keys
 * and is not recorded.
 */
export function takeDisclosure(operation: OperationDefinitionNode, data: Record<string, unknown> | null | undefined): Disclosure {
  const found = new Map<string, Set<string>>(AUDITED_ENTITIES.map(({ type }) => [type, new Set<string>()]));
  const changes: Disclosure["changes"] = [];
  if (!data) return { disclosed: [], changes };

  if (operation.operation === "mutation") {
    for (const selection of operation.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) continue;
      const value = data[selection.alias?.value ?? selection.name.value] as Record<string, unknown> | null | undefined;
      if (value && typeof value[ID_KEY] === "string" && typeof value[TYPE_KEY] === "string") {
        changes.push({ field: selection.name.value, type: value[TYPE_KEY] as string, id: value[ID_KEY] as string });
      }
    }
  }

  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (value === null || typeof value !== "object") return;
    const object = value as Record<string, unknown>;
    const type = object[TYPE_KEY];
    const id = object[ID_KEY];
    delete object[TYPE_KEY];
    delete object[ID_KEY];
    if (typeof type === "string" && typeof id === "string") found.get(type)?.add(id);
    for (const field of Object.values(object)) walk(field);
  };
  walk(data);

  return { disclosed: [...found].flatMap(([type, ids]) => [...ids].sort().map((id) => ({ type, id }))), changes };
}
