import type { Db } from "../db/db";
import type { EventHandler } from "./bus";
import type { DomainEvent } from "./event";
import { processLog } from "../log";

/**
 * Thrown by an event handler when the domain refuses the event for good (the
 * order it names does not exist here, the decision no longer fits the order):
 * retrying would not help. The event is set aside in rejected_event with the
 * reason, for a person to resolve, and acknowledged. Any other error means
 * "try again" (the database is down, a deadlock) and the event is redelivered.
 */
export class EventRejectedError extends Error {}

/** Applies one event inside the consumer's transaction. */
export type EventApplier = (tx: Db, event: DomainEvent) => Promise<void>;

export interface IdempotentHandlerOptions {
  db: Db;
  /** The consumer group (the consuming subgraph's name): processed events are recorded per group. */
  group: string;
  apply: EventApplier;
  /** Called after an event's effect committed (e.g. to wake this subgraph's own outbox relay). */
  afterCommit?: () => void;
  log?: (message: string) => void;
}

/**
 * Exactly-once effect over at-least-once delivery: the event id goes into
 * processed_event in the same transaction as the event's effect, so a
 * redelivered event finds its id there and changes nothing. Concurrent
 * deliveries of one event serialise on that row's primary key.
 */
export function idempotentHandler(options: IdempotentHandlerOptions): EventHandler {
  const { db, group, apply } = options;
  const log = options.log ?? ((message) => processLog().error(message));
  return async (event: DomainEvent, stream: string) => {
    try {
      await db.transaction(async (tx) => {
        if (!(await claimEvent(tx, group, event.id))) return;
        await apply(tx, event);
      });
    } catch (error) {
      if (!(error instanceof EventRejectedError)) throw error;
      // Never the reason in the log: it quotes the records the event named; rejected_event keeps it.
      log(`[events] ${group} rejected ${event.type} ${event.id} from ${stream} (its reason is in rejected_event)`);
      await db.transaction(async (tx) => {
        if (!(await claimEvent(tx, group, event.id))) return;
        await tx.query(
          `INSERT INTO rejected_event (consumer_group, event_id, stream, type, payload, reason) VALUES ($1, $2, $3, $4, $5, $6)`,
          [group, event.id, stream, event.type, JSON.stringify(event.payload), error.message],
        );
      });
    }
    options.afterCommit?.();
  };
}

/** True if this transaction is the first to process the event for the group. */
async function claimEvent(tx: Db, group: string, eventId: string): Promise<boolean> {
  const claimed = await tx.query(
    `INSERT INTO processed_event (consumer_group, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
    [group, eventId],
  );
  return claimed.length === 1;
}
