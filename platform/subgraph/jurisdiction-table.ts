import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { outOfJurisdiction } from "../errors/errors";
import type { Principal } from "../identity/principal";

/**
 * Record-level access, declared per subgraph as one table beside its scope
 * table (access.ts), and enforced by the platform from it. Scopes say which kinds
 * of data a caller may ask for at all; this table says, for every type and
 * guarded field, how much the data reveals (its protection class) and how the
 * record's force or court is found, so that the same rule holds whichever
 * path reaches the data.
 *
 * Two mechanisms, one table:
 * - which records of a type a caller sees at all (lists, `_entities`, look-ups)
 *   is filtered in SQL by the subgraph's loaders; the table states the rule
 *   (`visibility`) so it can be read and reviewed in one place;
 * - a guarded field's value is released only if the caller covers its record:
 *   the platform wraps the field's resolver with the record's `covers` rule, so no
 *   resolver checks jurisdiction by hand. Otherwise the field is null with
 *   FORBIDDEN / OUT_OF_JURISDICTION (the record exists; its detail is not yours).
 */
export type TypeProtection =
  /** Data every caller may read, nothing personal (here the police estate: forces, courts). */
  | "shared"
  /** That a record exists and its summary: every caller holding the type's scope, in every force. */
  | "summary"
  /** A person's identity: decided per person by the records they have a role in. */
  | "identity"
  /** Counts over many records, never one identifiable case. */
  | "aggregate"
  /** A record that is itself detail (an order's terms, an address): reached only through a guarded field. */
  | "detail";

export type FieldProtection =
  /** Needs the caller to cover the record's force or court. */
  | "detail"
  /** Who an order protects: person:protected, and covering the order. */
  | "protected-person"
  /** s.9 notified addresses: person:address, and covering the recording force. */
  | "address"
  /** Free text typed by a person (notes, descriptions, sentences): spo:terms, and covering the record. */
  | "case-notes";

/** How one kind of record's force or court is found, and whether a caller covers it. */
export interface RecordCoverage<TRecord, TContext> {
  /** For readers of the table: which force or court the rule looks at. */
  foundBy: string;
  covers(principal: Principal, record: TRecord, context: TContext): boolean | Promise<boolean>;
}

export interface TypeRule {
  protection: TypeProtection;
  /** Which records of this type a caller sees at all, and where that is enforced. */
  visibility: string;
}

/** A field guarded by its record's coverage (the field's resolver is wrapped). */
export interface GuardedFieldRule<TContext> {
  protection: FieldProtection;
  // The record is the field's parent object, whose class differs per field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  record: RecordCoverage<any, TContext>;
}

/** A field whose items are filtered in SQL to the records the caller covers (no error: the link itself is detail). */
export interface FilteredFieldRule {
  protection: FieldProtection;
  filteredBy: string;
}

export type FieldRule<TContext> = GuardedFieldRule<TContext> | FilteredFieldRule;

export interface JurisdictionTable<TContext> {
  /** Every object type of the subgraph but the root types: nothing is left unclassified. */
  types: Readonly<Record<string, TypeRule>>;
  /** "Type.field" → how the field is protected beyond its type's rule. */
  fields: Readonly<Record<string, FieldRule<TContext>>>;
}

const ROOT_AND_FEDERATION_TYPES = new Set(["Query", "Mutation", "Subscription", "_Service"]);

/**
 * Wraps every guarded field's resolver with its record's coverage rule, in
 * place, and checks the table against the schema: every object type is
 * classified, every entry names a real type or field. A gap is an error at
 * start-up, not a silent leak.
 */
export function enforceJurisdiction<TContext extends { principal: Principal }>(
  schema: GraphQLSchema,
  table: JurisdictionTable<TContext>,
): GraphQLSchema {
  const objectTypes = Object.values(schema.getTypeMap()).filter(
    (type) => isObjectType(type) && !type.name.startsWith("__") && !ROOT_AND_FEDERATION_TYPES.has(type.name),
  );
  const unclassified = objectTypes.filter((type) => !table.types[type.name]).map((type) => type.name);
  if (unclassified.length > 0) throw new Error(`Jurisdiction table classifies no protection for: ${unclassified.join(", ")}`);
  const unknownTypes = Object.keys(table.types).filter((name) => !objectTypes.some((type) => type.name === name));
  if (unknownTypes.length > 0) throw new Error(`Jurisdiction table names types this subgraph does not have: ${unknownTypes.join(", ")}`);

  for (const [key, rule] of Object.entries(table.fields)) {
    const [typeName, fieldName] = key.split(".");
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    if (!field) throw new Error(`Jurisdiction table names no field of this subgraph: ${key}`);
    if ("record" in rule) field.resolve = guardedResolver(rule.record, field.resolve ?? defaultFieldResolver);
  }
  return schema;
}

function guardedResolver<TContext extends { principal: Principal }>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  record: RecordCoverage<any, TContext>,
  resolve: GraphQLFieldResolver<unknown, TContext>,
): GraphQLFieldResolver<unknown, TContext> {
  return async (source, args, context, info) => {
    if (!(await record.covers(context.principal, source, context))) throw outOfJurisdiction();
    return resolve(source, args, context, info);
  };
}

/** The table as Markdown rows (type or field, protection, rule), for docs/generated/jurisdiction.md. */
export function jurisdictionRows<TContext>(subgraph: string, table: JurisdictionTable<TContext>): string[] {
  const types = Object.entries(table.types).map(
    ([name, rule]) => `| ${subgraph} | \`${name}\` | ${rule.protection} | ${rule.visibility} |`,
  );
  const fields = Object.entries(table.fields).map(([name, rule]) => {
    const how =
      "record" in rule ? `caller must cover ${rule.record.foundBy}; otherwise null + FORBIDDEN/OUT_OF_JURISDICTION` : rule.filteredBy;
    return `| ${subgraph} | \`${name}\` | ${rule.protection} | ${how} |`;
  });
  return [...types, ...fields];
}
