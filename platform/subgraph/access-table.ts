import type { AccessRule, AccessRules } from "./access-rules";
import type { FieldRule, JurisdictionTable, TypeRule } from "./jurisdiction-table";

/**
 * Who may see what of a subgraph, declared in ONE table (its access.ts): for
 * every type, the scopes it needs and its protection class; for every guarded
 * field, the scopes it needs beyond its type's, how its record's force or court
 * is found, or both. The platform splits it: the scopes go into the SDL for the
 * gateway (access-rules.ts) and into the subgraph's own guard (access-guard.ts),
 * the record rules into the jurisdiction enforcement (jurisdiction-table.ts).
 */

/** A type: its protection class and visibility, and the scopes it needs (none: any caller the type is reached by). */
export type TypeAccess = TypeRule & { requires?: AccessRule };

/** A field: the scopes it needs beyond its type's, its record rule beyond its type's, or both. */
export type FieldAccess<TContext> = { requires: AccessRule } | (FieldRule<TContext> & { requires?: AccessRule });

export interface AccessTable<TContext> {
  /** Every object type of the subgraph but the root types: nothing is left unclassified. */
  types: Readonly<Record<string, TypeAccess>>;
  /** "Type.field" (root fields included: "Query.order", "Mutation.reportBreach"). */
  fields: Readonly<Record<string, FieldAccess<TContext>>>;
}

export function defineAccess<TContext>(table: AccessTable<TContext>): AccessTable<TContext> {
  return table;
}

/** The scope rules of the table, by "Type" and "Type.field": what the gateway and the subgraph's guard enforce. */
export function scopeRulesOf<TContext>(table: AccessTable<TContext>): AccessRules {
  const entries = [...Object.entries(table.types), ...Object.entries(table.fields)];
  return Object.fromEntries(entries.flatMap(([key, entry]) => (entry.requires ? [[key, entry.requires]] : [])));
}

/** The record-level rules of the table: every type's protection class, and the fields guarded or filtered by their record. */
export function jurisdictionOf<TContext>(table: AccessTable<TContext>): JurisdictionTable<TContext> {
  const types = Object.fromEntries(
    Object.entries(table.types).map(([key, { protection, visibility }]) => [key, { protection, visibility }] as const),
  );
  const fields = Object.fromEntries(
    Object.entries(table.fields).flatMap(([key, entry]) => {
      if (!("protection" in entry)) return [];
      const { requires: _requires, ...rule } = entry;
      return [[key, rule as FieldRule<TContext>]];
    }),
  );
  return { types, fields };
}
