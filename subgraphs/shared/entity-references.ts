import { entityReferenceType, type EntityReferenceOptions } from "../../platform/subgraph/entity-reference";

/**
 * The SPO entities that subgraphs point at without owning them, each stated once: its type name and
 * key. They live here, beside the subgraphs, because they are SPO entities (platform/ knows none)
 * and GraphQL types (domain/ holds the vocabulary, not a subgraph's schema), and because a subgraph
 * never imports another: hearings and breaches both need StalkingProtectionOrder, and orders,
 * hearings and breaches need Person, without reaching into orders or people.
 *
 * Each is a function, not a class: every subgraph that adds fields to the entity needs a class of
 * its own (platform/subgraph/entity-reference.ts says why). A subgraph declares its stub in the
 * entity's folder, `export const OrderReference = orderReferenceType()`, and makes stubs with
 * `OrderReference.of(id)`.
 */

/** StalkingProtectionOrder, owned by orders. */
export function orderReferenceType() {
  return entityReferenceType("StalkingProtectionOrder", "id");
}

/** Person, owned by people. */
export function personReferenceType(options: EntityReferenceOptions = {}) {
  return entityReferenceType("Person", "id", options);
}
