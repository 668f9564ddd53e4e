import type { EventBus, EventHandler, GroupProgress, PublishReceipt, StreamConfirmation, SubscribeOptions, Subscription } from "./bus";
import { consumerGroupsOf, type DomainEvent, type StreamTopology } from "./event";

/**
 * The bus of the embedded mode, where every subgraph runs in one process:
 * publishing hands each event to one consumer of every group of the stream and
 * resolves when all have handled it. It keeps nothing itself — durability comes
 * from the producer's outbox: if a group has no consumer running, or a handler
 * fails, publish rejects, the relay leaves the events unpublished and tries
 * again later, and groups that already handled them skip the repeat.
 */
export class InProcessBus<Stream extends string = string> implements EventBus<Stream> {
  readonly kind = "in-process";
  private readonly handlers = new Map<string, EventHandler>();
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(readonly topology: StreamTopology<Stream>) {}

  async publish(stream: Stream, events: readonly DomainEvent[]): Promise<PublishReceipt> {
    for (const group of consumerGroupsOf(this.topology, stream)) {
      const handler = this.handlers.get(key(stream, group));
      if (!handler) throw new Error(`No consumer of group "${group}" is running for stream "${stream}"`);
      for (const event of events) await this.track(stream, group, handler(event, stream));
    }
    // Resolved only once every group has applied them: confirmed as they are published.
    return { epoch: IN_PROCESS_EPOCH, entryIds: [], applied: true };
  }

  async confirmations(): Promise<StreamConfirmation> {
    return { epoch: IN_PROCESS_EPOCH, isAcknowledged: () => true };
  }

  async health(): Promise<string> {
    return "ready";
  }

  subscribe(options: SubscribeOptions<Stream>): Subscription {
    const handlerKey = key(options.stream, options.group);
    if (this.handlers.has(handlerKey)) {
      throw new Error(`Group "${options.group}" already has a consumer for stream "${options.stream}" in this process`);
    }
    this.handlers.set(handlerKey, options.handler);
    return {
      stop: async () => {
        if (this.handlers.get(handlerKey) === options.handler) this.handlers.delete(handlerKey);
        await this.inFlight.get(handlerKey);
      },
    };
  }

  /** Nothing waits on this bus: what was not handled is still in a producer's outbox. */
  async backlog(): Promise<number> {
    return 0;
  }

  async groupProgress(): Promise<GroupProgress> {
    return { lag: 0, pending: 0 };
  }

  async close(): Promise<void> {
    this.handlers.clear();
    await Promise.all(this.inFlight.values());
  }

  private async track(stream: Stream, group: string, handling: Promise<void>): Promise<void> {
    const handlerKey = key(stream, group);
    const settled = handling.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.set(handlerKey, settled);
    try {
      await handling;
    } finally {
      if (this.inFlight.get(handlerKey) === settled) this.inFlight.delete(handlerKey);
    }
  }
}

const IN_PROCESS_EPOCH = "in-process";

function key(stream: string, group: string): string {
  return `${stream}\u0000${group}`;
}
