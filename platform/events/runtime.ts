import type { Db } from "../db/db";
import { repoPath } from "../repo-root";
import type { EventBus, Subscription } from "./bus";
import { isProducer } from "./event";
import { idempotentHandler, type EventApplier } from "./inbox";
import { OutboxRelay, type OutboxRelayOptions } from "./outbox";
import { isNoGroupError } from "./redis-stream-bus";

/** The migrations of the outbox and inbox tables, for every subgraph that publishes or consumes events. */
export const EVENT_MIGRATIONS = repoPath("platform", "events", "migrations");

/** The streams a subgraph consumes, each with how one event is applied inside the subgraph's transaction. */
export type EventAppliers<Stream extends string = string> = Partial<Record<Stream, EventApplier>>;

export interface SubgraphEventsOptions {
  /** The subgraph's name: its consumer group on every stream. */
  group: string;
  /** This process within the group (host name, pod name); a restart with the same name resumes what it had not acknowledged. */
  consumer: string;
  db: Db;
  bus: EventBus;
  consumes: EventAppliers;
  /** Republishing and retention of the outbox (outbox.ts). */
  relay?: Pick<OutboxRelayOptions, "republishAfterMs" | "retentionMs" | "pollMs">;
  /** When delivery counts as stuck, for health. */
  stuck?: Partial<DeliveryStuckThresholds>;
  log?: (message: string, error?: unknown) => void;
}

export interface DeliveryStuckThresholds {
  /** A consumed stream with more events than this waiting for this subgraph's group. */
  lag: number;
  /** An event of this subgraph's outbox not confirmed by its consumers for longer than this (ms). */
  unconfirmedMs: number;
}

export const DEFAULT_DELIVERY_STUCK: DeliveryStuckThresholds = { lag: 1_000, unconfirmedMs: 60_000 };

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
    this.relay = new OutboxRelay(options.db, options.bus, { ...options.relay, log: options.log });
  }

  private get produces(): boolean {
    return isProducer(this.options.bus.topology, this.options.group);
  }

  start(): void {
    // Only a producer has an outbox to relay (the bus's topology says who produces what).
    if (this.produces) this.relay.start();
    this.startConsumers();
  }

  /**
   * "ready", or why events are not getting through: a consumer whose group is
   * missing or that keeps failing, a consumed stream lagging past the
   * threshold, events of this subgraph's outbox its consumers have not
   * confirmed for too long. Reported by the subgraph's health, never fatal to it.
   */
  async health(): Promise<string> {
    const thresholds = { ...DEFAULT_DELIVERY_STUCK, ...this.options.stuck };
    const problems: string[] = this.subscriptions
      .map((subscription) => subscription.health?.() ?? "ready")
      .filter((state) => state !== "ready");
    const { group } = this.options;
    for (const stream of Object.keys(this.options.consumes)) {
      // Named as an operator finds it on the bus (XINFO GROUPS {<prefix>:<stream>}): the group, then the stream.
      try {
        const backlog = await this.options.bus.backlog(stream, group);
        if (backlog > thresholds.lag) problems.push(`${group} on ${stream}: ${backlog} events waiting (alert above ${thresholds.lag})`);
      } catch (error) {
        problems.push(
          isNoGroupError(error)
            ? `${group} on ${stream}: consumer group missing (being created again)`
            : `${group} on ${stream}: cannot tell the backlog (${(error as Error).message.split(" ")[0]})`,
        );
      }
    }
    if (this.produces) {
      const { count, oldestAgeMs } = await this.relay.unconfirmed();
      if (count > 0 && oldestAgeMs > thresholds.unconfirmedMs) {
        problems.push(`${count} published events not confirmed by their consumers, the oldest for ${Math.round(oldestAgeMs / 1000)} s`);
      }
    }
    return problems.length === 0 ? "ready" : problems.join("; ");
  }

  /** Starts (or restarts) consuming; the relay is untouched. */
  startConsumers(): void {
    if (this.subscriptions.length > 0) return;
    const { group, consumer, db, bus, consumes } = this.options;
    this.subscriptions = Object.entries(consumes).map(([stream, apply]) =>
      bus.subscribe({
        stream,
        group,
        consumer,
        // Applying an event may write events of our own (a consumer that is also a producer): send them at once.
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
