import type { DisclosedEntity } from "../platform/audit/record";

/**
 * The entities whose disclosure the audit trail records, stated once. The
 * gateway marks every selection of these types to learn each object's id
 * (gateway/audit/disclosure.ts); the audit graph and CLI offer a filter and a
 * list of ids for each (gateway/audit/graph.ts, gateway/audit.cli.ts). The
 * trail itself stores (type, id) pairs and knows no type: a new entity here
 * needs no migration.
 */
export interface AuditedEntity {
  /** The GraphQL object type (its __typename), as the trail stores it. */
  type: string;
  /** The stem readers use: AuditRecordFilter.<name>Id, AuditRecord.<name>Ids, the CLI's --<name>. */
  name: string;
  /** The key the CLI lists its ids under (`persons=…`, and in --json). */
  plural: string;
  /** What it is, in the graph's descriptions. */
  noun: string;
}

export const AUDITED_ENTITIES = [
  { type: "Person", name: "person", plural: "persons", noun: "person" },
  { type: "StalkingProtectionOrder", name: "order", plural: "orders", noun: "order" },
  { type: "CourtHearing", name: "hearing", plural: "hearings", noun: "court hearing" },
  { type: "BreachOffence", name: "breach", plural: "breaches", noun: "breach offence" },
] as const satisfies readonly AuditedEntity[];

export type AuditedEntityPlural = (typeof AUDITED_ENTITIES)[number]["plural"];

const AUDITED_TYPES: ReadonlySet<string> = new Set(AUDITED_ENTITIES.map((entity) => entity.type));

export function isAuditedType(type: string): boolean {
  return AUDITED_TYPES.has(type);
}

/** The ids of one type among a record's disclosures, in the record's order. */
export function disclosedIdsOf(disclosed: readonly DisclosedEntity[], type: string): string[] {
  return disclosed.filter((entity) => entity.type === type).map((entity) => entity.id);
}

/** A record's disclosures by entity, under their plurals ({ persons: […], orders: […], … }): what the CLI shows. */
export function disclosedIdsByEntity(disclosed: readonly DisclosedEntity[]): Record<AuditedEntityPlural, string[]> {
  return Object.fromEntries(AUDITED_ENTITIES.map(({ type, plural }) => [plural, disclosedIdsOf(disclosed, type)])) as Record<
    AuditedEntityPlural,
    string[]
  >;
}
