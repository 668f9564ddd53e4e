import type { DomainEvent, StreamTopology } from "./event";

/** Applies one event; resolves once its effect is committed. A rejection means "not handled, deliver again". */
export type EventHandler = (event: DomainEvent, stream: string) => Promise<void>;

export interface SubscribeOptions<Stream extends string = string> {
  stream: Stream;
  /** The consumer group: every group receives every event of the stream. */
  group: string;
  /** This consumer within the group (a process); a restarted process reuses its name and gets back what it had not acknowledged. */
  consumer: string;
  handler: EventHandler;
}

export interface Subscription {
  /** Stops receiving; waits for the event being handled, if any. Unacknowledged events stay for the group. */
  stop(): Promise<void>;
  /** "ready", or why this consumer is not getting events through (its group is missing, it keeps failing). */
  health?(): string;
}

/** Where a consumer group stands on a stream (Redis's XINFO GROUPS). */
export interface GroupProgress {
  lag: number;
  pending: number;
}

/** What the bus says about events it was given. */
export interface PublishReceipt {
  /** Which life of the bus took them: a Redis that lost its data has a new one (the in-process bus has one). */
  epoch: string;
  /** The bus's id of each event, in order (empty when already applied). */
  entryIds: readonly string[];
  /** True when every consumer group has already applied them (the in-process bus). */
  applied: boolean;
}

/** Which of a stream's entries every consuming group has applied and acknowledged, in the bus's current life. */
export interface StreamConfirmation {
  epoch: string;
  isAcknowledged(entryId: string): boolean;
}

/**
 * How events travel between subgraphs: Redis Streams in production, an
 * in-process bus when every subgraph runs in one process (embedded mode).
 * Delivery is at least once: consumers must be idempotent (see inbox.ts).
 * Generic over the application's stream names; a bus is made with its
 * topology, which says the consumer groups each publish must reach.
 */
export interface EventBus<Stream extends string = string> {
  readonly kind: "redis" | "in-process";
  /** The streams this bus carries, each with its producer and consumer groups. */
  readonly topology: StreamTopology<Stream>;
  /** Resolves once the events are durable on the bus (Redis) or handled by every consumer group (in-process). */
  publish(stream: Stream, events: readonly DomainEvent[]): Promise<PublishReceipt>;
  /** What every consumer group of the stream has acknowledged (each acknowledges only after its inbox committed). */
  confirmations(stream: Stream): Promise<StreamConfirmation>;
  subscribe(options: SubscribeOptions<Stream>): Subscription;
  /** Events of the stream not yet acknowledged by the group (delivered or not): its lag and pending together. */
  backlog(stream: Stream, group: string): Promise<number>;
  /** The group's lag (entries never delivered to it) and pending (delivered, not acknowledged), apart: for the metrics. */
  groupProgress(stream: Stream, group: string): Promise<GroupProgress>;
  /** "ready", or what is wrong: for readiness probes (Redis must answer a PING; the in-process bus always does). */
  health(): Promise<string>;
  close(): Promise<void>;
}

/** Waits for `promise` (its failure ignored) or `ms`, whichever comes first. */
export async function settledWithin(promise: Promise<unknown> | undefined, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    promise?.catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
