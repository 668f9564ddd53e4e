import { DatasetChunk } from "../../subgraphs/dataset-chunk";

export function emptyChunk(): DatasetChunk {
  return {
    people: { persons: [], aliases: [], addresses: [] },
    orders: { orders: [], protectedPersons: [], terms: [], events: [] },
    hearings: { hearings: [] },
    breaches: { breaches: [] },
  };
}

/** Concatenates chunks table by table, in the order given. */
export function mergeChunks(...chunks: DatasetChunk[]): DatasetChunk {
  return {
    people: {
      persons: chunks.flatMap((chunk) => chunk.people.persons),
      aliases: chunks.flatMap((chunk) => chunk.people.aliases),
      addresses: chunks.flatMap((chunk) => chunk.people.addresses),
    },
    orders: {
      orders: chunks.flatMap((chunk) => chunk.orders.orders),
      protectedPersons: chunks.flatMap((chunk) => chunk.orders.protectedPersons),
      terms: chunks.flatMap((chunk) => chunk.orders.terms),
      events: chunks.flatMap((chunk) => chunk.orders.events),
    },
    hearings: { hearings: chunks.flatMap((chunk) => chunk.hearings.hearings) },
    breaches: { breaches: chunks.flatMap((chunk) => chunk.breaches.breaches) },
  };
}
