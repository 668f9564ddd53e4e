import { Directive, Field, ID, ObjectType } from "type-graphql";

/** The key of a foreign entity: records are keyed by `id`, the estate's estate data by `code`. */
export type ReferenceKey = "id" | "code";

/** A foreign entity as a subgraph that does not own it returns it: its key only, which the gateway takes to the owner. */
export type EntityReference<K extends ReferenceKey> = { [P in K]: string };

export interface EntityReferenceClass<K extends ReferenceKey> {
  new (): EntityReference<K>;
  /** The stub of the entity with this key; null stays null (an optional reference). */
  of(key: string): EntityReference<K>;
  of(key: string | null): EntityReference<K> | null;
}

export interface EntityReferenceOptions {
  /** false when the subgraph adds no field to the entity: it then never answers _entities for it. */
  resolvable?: boolean;
}

/**
 * The one way a subgraph declares an entity it returns or extends but does not own: a type-graphql
 * class named as the owner names the type, with only the key field and the federation @key, and
 * `<Entity>Reference.of(key)` to make a stub. Fields the subgraph adds to the entity come from a
 * @FieldResolver on the class.
 *
 * Each call makes a class of its own, and a subgraph that adds fields must have its own:
 * type-graphql keeps one metadata store per process and adds a @FieldResolver's field to the
 * class itself when a schema is first built, so one class in two subgraphs that add different
 * fields would carry each one's fields into the other's schema once both are built in one
 * process (npm start, the in-process stack, composition).
 */
export function entityReferenceType<K extends ReferenceKey>(
  typeName: string,
  key: K,
  options: EntityReferenceOptions = {},
): EntityReferenceClass<K> {
  @ObjectType(typeName)
  @Directive(`@key(fields: "${key}"${options.resolvable === false ? ", resolvable: false" : ""})`)
  class Reference {
    static of(value: string | null): Reference | null {
      return value === null ? null : Object.assign(new Reference(), { [key]: value });
    }
  }
  // Applied here rather than written on a property, so that one class serves either key name.
  Field(() => ID)(Reference.prototype, key);
  return Reference as unknown as EntityReferenceClass<K>;
}

/**
 * Force and Court as every subgraph but their owner sees them. No subgraph adds a
 * field to either, so one class each serves them all.
 */
export const ForceReference = entityReferenceType("Force", "code", { resolvable: false });
export type ForceReference = InstanceType<typeof ForceReference>;

export const CourtReference = entityReferenceType("Court", "code", { resolvable: false });
export type CourtReference = InstanceType<typeof CourtReference>;
