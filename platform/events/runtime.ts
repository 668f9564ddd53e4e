import type { Db } from "../db/db";
import { repoPath } from "../repo-root";
import type { EventBus, GroupProgress, Subscription } from "./bus";
import { isProducer } from "./event";
import { idempotentHandler, type EventApplier } from "./inbox";
import { OutboxRelay, type OutboxRelayOptions } from "./outbox";
import { isNoGroupError } from "./redis-stream-bus";
import { consumeSpan } from "./traced-handler";

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

/** What SubgraphEvents.deliveryState tells. */
export interface DeliveryState {
  outbox: { unpublished: OutboxBacklog; unconfirmed: OutboxBacklog } | undefined;
  consumed: { stream: string; progress: GroupProgress | null }[];
}

/** Events of an outbox in one state: how many, and how long the oldest has waited (ms). */
export interface OutboxBacklog {
  count: number;
  oldestAgeMs: number;
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

  /** Whether this subgraph publishes events at all: only a producer has an outbox to relay. */
  get produces(): boolean {
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

  /**
   * Where this subgraph's events stand, for its metrics: its outbox (a
   * producer's: what is not yet published, not yet confirmed, and the oldest
   * of each) and each stream it consumes (its group's lag and pending; null
   * while the bus cannot tell).
   */
  async deliveryState(): Promise<DeliveryState> {
    const { group, bus } = this.options;
    const consumed = await Promise.all(
      Object.keys(this.options.consumes).map(async (stream) => ({
        stream,
        progress: await bus.groupProgress(stream, group).catch(() => null),
      })),
    );
    if (!this.produces) return { outbox: undefined, consumed };
    const [unpublished, unconfirmed] = await Promise.all([this.relay.unpublished(), this.relay.unconfirmed()]);
    return { outbox: { unpublished, unconfirmed }, consumed };
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
        handler: consumeSpan(
          group,
          idempotentHandler({ db, group, apply: apply!, afterCommit: () => this.relay.wake(), log: this.options.log }),
        ),
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
