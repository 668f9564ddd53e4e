import type { TraceCarrier } from "../tracing/tracing";

/**
 * A fact one subgraph tells the others, e.g. "record X was changed at
 * time T". Events are immutable; `id` is unique and is every consumer's
 * idempotency key, so a redelivered event has no second effect.
 */
export interface DomainEvent<TPayload = unknown> {
  id: string;
  type: string;
  /** When the producing transaction wrote it (ISO instant). */
  occurredAt: string;
  payload: TPayload;
  /**
   * The trace the producing change ran in (W3C trace context), when tracing
   * is on: the consumer's handling continues it, so a change and its effects
   * in other subgraphs are one trace. Ids only, nothing about the payload.
   */
  traceContext?: TraceCarrier;
}

/**
 * One stream: the one subgraph that publishes to it and the consumer groups
 * that receive it. Each consumer group is named after its subgraph, so every
 * consuming subgraph receives every event of the stream.
 */
export interface StreamRoute<Stream extends string = string, Group extends string = string> {
  name: Stream;
  producer: Group;
  consumers: readonly Group[];
}

/**
 * Who publishes what to whom: every stream of the application. The platform
 * names none; the application states its own once and hands it to its buses.
 */
export type StreamTopology<Stream extends string = string, Group extends string = string> = readonly StreamRoute<Stream, Group>[];

/** The consumer groups of a stream of the topology. */
export function consumerGroupsOf<Stream extends string, Group extends string>(
  topology: StreamTopology<Stream, Group>,
  stream: Stream,
): readonly Group[] {
  const route = topology.find((candidate) => candidate.name === stream);
  if (!route) throw new Error(`Unknown event stream "${stream}"`);
  return route.consumers;
}

/** True if the group (a subgraph) publishes to any stream of the topology: only a producer has an outbox to relay. */
export function isProducer(topology: StreamTopology, group: string): boolean {
  return topology.some((route) => route.producer === group);
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
