import type { Db } from "../db/db";
import { repoPath } from "../repo-root";
import type { EventBus, Subscription } from "./bus";
import { STREAMS, type StreamName } from "./event";
import { idempotentHandler, type EventApplier } from "./inbox";
import { OutboxRelay } from "./outbox";

/** The migrations of the outbox and inbox tables, for every subgraph that publishes or consumes events. */
export const EVENT_MIGRATIONS = repoPath("platform", "events", "migrations");

/** The streams a subgraph consumes, each with how one event is applied inside the subgraph's transaction. */
export type EventAppliers = Partial<Record<StreamName, EventApplier>>;

export interface SubgraphEventsOptions {
  /** The subgraph's name: its consumer group on every stream. */
  group: string;
  /** This process within the group (host name, pod name); a restart with the same name resumes what it had not acknowledged. */
  consumer: string;
  db: Db;
  bus: EventBus;
  consumes: EventAppliers;
  log?: (message: string, error?: unknown) => void;
}

/**
 * A subgraph's side of the event flow: its outbox relay (publishing what its
 * transactions wrote to the outbox) and its consumers (applying what other
 * subgraphs published, once each). Started with the service, stopped before
 * its database closes.
 */
export class SubgraphEvents {
  readonly relay: OutboxRelay;
  private subscriptions: Subscription[] = [];

  constructor(private readonly options: SubgraphEventsOptions) {
    this.relay = new OutboxRelay(options.db, options.bus, { log: options.log });
  }

  start(): void {
    // Only a producer has an outbox to relay (the topology in event.ts says who produces what).
    if (Object.values(STREAMS).some((stream) => stream.producer === this.options.group)) this.relay.start();
    this.startConsumers();
  }

  /** Starts (or restarts) consuming; the relay is untouched. */
  startConsumers(): void {
    if (this.subscriptions.length > 0) return;
    const { group, consumer, db, bus, consumes } = this.options;
    this.subscriptions = Object.entries(consumes).map(([stream, apply]) =>
      bus.subscribe({
        stream: stream as StreamName,
        group,
        consumer,
        // Applying an event may write events of our own (orders publishes order facts): send them at once.
        handler: idempotentHandler({ db, group, apply: apply!, afterCommit: () => this.relay.wake(), log: this.options.log }),
      }),
    );
  }

  /** Stops consuming; what arrives meanwhile waits on the bus (or in the producers' outboxes). */
  async stopConsumers(): Promise<void> {
    const subscriptions = this.subscriptions;
    this.subscriptions = [];
    await Promise.all(subscriptions.map((subscription) => subscription.stop()));
  }

  async stop(): Promise<void> {
    await this.stopConsumers();
    await this.relay.stop();
  }
}
