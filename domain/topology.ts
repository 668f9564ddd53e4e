import type { StreamRoute, StreamTopology } from "../platform/events/event";
import type { FederationTopology } from "../platform/topology";

/**
 * The federation's topology, stated once: which subgraphs there are, where
 * each listens by default, and which event streams run between them. The
 * platform is generic over these names and is handed this as data; the
 * gateway (a URL per subgraph), the subgraphs (what they publish and consume),
 * development tooling, tests and benchmarks read it here. ESLint's zones
 * (each subgraph kept out of the others) follow the folders of subgraphs/,
 * and test/subgraph-shape.test.ts holds those folders to this list.
 *
 * Here rather than in subgraphs/: the gateway needs the names and ports and
 * may not import a subgraph (docs/adr/0006-layers.md).
 */

/**
 * Every subgraph, in the order a process starts them, with the port it
 * listens on unless <NAME>_PORT says otherwise (the gateway's default URL
 * of each, http://127.0.0.1:<port>/graphql, follows).
 */
export const DEFAULT_SUBGRAPH_PORTS = {
  people: 4001,
  orders: 4002,
  hearings: 4003,
  breaches: 4004,
} as const satisfies Record<string, number>;

export type SubgraphName = keyof typeof DEFAULT_SUBGRAPH_PORTS;

export const SUBGRAPH_NAMES = Object.keys(DEFAULT_SUBGRAPH_PORTS) as readonly SubgraphName[];

/**
 * Who publishes what to whom. Each stream has one producer; each consumer is
 * a consumer group named after the subgraph, so every subgraph receives every
 * event of the streams it consumes.
 */
export const STREAMS = {
  /** Court decisions recorded by hearings; orders and breaches apply their effects. */
  hearingOutcomes: { name: "hearing-outcomes", producer: "hearings", consumers: ["orders", "breaches"] },
  /**
   * Every change of an order's facts and parties: for the order-facts projections of hearings and breaches,
   * and for people, who decides from the parties whose identity a caller may see.
   */
  orderFacts: { name: "order-facts", producer: "orders", consumers: ["hearings", "breaches", "people"] },
} as const satisfies Record<string, StreamRoute<string, SubgraphName>>;

export type StreamName = (typeof STREAMS)[keyof typeof STREAMS]["name"];

/** The streams as every event bus is made with them. */
export const STREAM_TOPOLOGY: StreamTopology<StreamName, SubgraphName> = Object.values(STREAMS);

/**
 * The topology as the platform takes it: a subgraph process reads its default
 * port here and opens its bus with these streams. (The entity types whose
 * disclosure the audit trail records are stated in domain/audited-entities.ts.)
 */
export const TOPOLOGY: FederationTopology<SubgraphName, StreamName> = {
  defaultPorts: DEFAULT_SUBGRAPH_PORTS,
  streams: STREAM_TOPOLOGY,
};
