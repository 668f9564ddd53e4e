import type { SubgraphName } from "../config";

/**
 * A fact one subgraph tells the others, e.g. "the court made a full order at
 * hearing X". Events are immutable; `id` is unique and is every consumer's
 * idempotency key, so a redelivered event has no second effect.
 */
export interface DomainEvent<TPayload = unknown> {
  id: string;
  type: string;
  /** When the producing transaction wrote it (ISO instant). */
  occurredAt: string;
  payload: TPayload;
}

/**
 * Who publishes what to whom: the whole topology, in one place. Each stream has
 * one producer; each consumer is a consumer group named after the subgraph, so
 * every subgraph receives every event of the streams it consumes.
 */
export const STREAMS = {
  /** Court decisions recorded by hearings; orders and breaches apply their effects. */
  hearingOutcomes: { name: "hearing-outcomes", producer: "hearings", consumers: ["orders", "breaches"] },
  /**
   * Every change of an order's facts and parties: for the order-facts projections of hearings and breaches,
   * and for people, who decides from the parties whose identity a caller may see.
   */
  orderFacts: { name: "order-facts", producer: "orders", consumers: ["hearings", "breaches", "people"] },
} as const satisfies Record<string, { name: string; producer: SubgraphName; consumers: readonly SubgraphName[] }>;

export type StreamName = (typeof STREAMS)[keyof typeof STREAMS]["name"];

/** The consumer groups of a stream. */
export function consumerGroupsOf(stream: StreamName): readonly SubgraphName[] {
  const entry = Object.values(STREAMS).find((candidate) => candidate.name === stream);
  if (!entry) throw new Error(`Unknown event stream "${stream}"`);
  return entry.consumers;
}

export function isDomainEvent(value: unknown): value is DomainEvent {
  const event = value as DomainEvent;
  return (
    typeof event === "object" &&
    event !== null &&
    typeof event.id === "string" &&
    typeof event.type === "string" &&
    typeof event.occurredAt === "string" &&
    "payload" in event
  );
}
