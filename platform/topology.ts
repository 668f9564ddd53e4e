import type { StreamTopology } from "./events/event";

/**
 * The shape of a federation as its application states it: which subgraphs
 * there are, the port each listens on unless configured otherwise, and the
 * event streams between them. The platform names no subgraph and no stream;
 * it is generic over these names and takes the topology as data (where a
 * process starts its subgraphs and opens its bus).
 */
export interface FederationTopology<Subgraph extends string = string, Stream extends string = string> {
  /** Every subgraph, in the order a process runs them, with its default port (<NAME>_PORT overrides it). */
  defaultPorts: Readonly<Record<Subgraph, number>>;
  streams: StreamTopology<Stream, Subgraph>;
}
