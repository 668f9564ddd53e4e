import { applyOrderFactsChange } from "../../../domain/order-facts/order-facts-copy";

/**
 * Keeps this subgraph's copy of order facts current (stream order-facts), to check breach reports
 * against. The copy is all breaches does with the stream, so the domain's projection is the whole
 * consumer; it is named here so that every consumer of a subgraph is found in its events/.
 */
export const applyOrderFactsToBreaches = applyOrderFactsChange;
