import { randomUUID } from "node:crypto";
import type { Db } from "../db/db";
import type { EventBus } from "./bus";
import type { DomainEvent, StreamName } from "./event";

export interface NewEvent<TPayload> {
  type: string;
  payload: TPayload;
}

/**
 * Writes events to the outbox inside the caller's transaction: they are
 * published if and only if the transaction commits. Call the relay's wake()
 * after the commit so they go out at once instead of at the next poll.
 */
export async function appendToOutbox<TPayload>(tx: Db, stream: StreamName, events: readonly NewEvent<TPayload>[]): Promise<void> {
  if (events.length === 0) return;
  await tx.query(
    `INSERT INTO event_outbox (event_id, stream, type, payload)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[])`,
    [
      events.map(() => randomUUID()),
      events.map(() => stream),
      events.map((event) => event.type),
      events.map((event) => JSON.stringify(event.payload)),
    ],
  );
}

interface OutboxRow {
  position: string;
  event_id: string;
  stream: StreamName;
  type: string;
  payload: unknown;
  occurred_at: Date | string;
}

export interface OutboxRelayOptions {
  /** How often the outbox is checked when nobody wakes the relay (ms): the safety net for missed wakes and failed publishes. */
  pollMs?: number;
  batchSize?: number;
  log?: (message: string, error?: unknown) => void;
}

/**
 * Moves committed events from the outbox to the bus, oldest first, and marks
 * them published only once the bus has them. A crash between the two publishes
 * them again on restart (at least once); consumers skip what they have seen.
 * One relay loop per process; with several replicas each may publish an event,
 * which the consumers' idempotency absorbs.
 */
export class OutboxRelay {
  private stopping = false;
  private running: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private woken = false;

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly options: OutboxRelayOptions = {},
  ) {}

  start(): void {
    this.stopping = false;
    this.running ??= this.loop();
  }

  /** Publish now: something was just committed to the outbox. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    await this.running;
    this.running = undefined;
  }

  /** Publishes everything unpublished now, in batches. Throws if the bus refuses (the events stay in the outbox). */
  private async publishPending(): Promise<void> {
    for (;;) {
      const rows = await this.db.query<OutboxRow>(
        `SELECT position, event_id, stream, type, payload, occurred_at FROM event_outbox
          WHERE published_at IS NULL ORDER BY position LIMIT $1`,
        [this.options.batchSize ?? 100],
      );
      if (rows.length === 0) return;
      // Consecutive rows of one stream go out together; streams keep their order.
      for (const run of runsByStream(rows)) {
        await this.bus.publish(run.stream, run.rows.map(toEvent));
        await this.db.query(`UPDATE event_outbox SET published_at = now() WHERE position = ANY($1::bigint[])`, [
          run.rows.map((row) => row.position),
        ]);
      }
    }
  }

  /** Events committed and not yet published. */
  async unpublishedCount(): Promise<number> {
    const [row] = await this.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM event_outbox WHERE published_at IS NULL`);
    return row.count;
  }

  private async loop(): Promise<void> {
    const log = this.options.log ?? ((message, error) => console.error(message, error ?? ""));
    let failures = 0;
    while (!this.stopping) {
      this.woken = false;
      try {
        await this.publishPending();
        failures = 0;
      } catch (error) {
        failures += 1;
        // Say it once per outage, not once per poll.
        if (failures === 1) log(`[events] outbox relay could not publish (will keep trying): ${(error as Error).message}`, error);
      }
      if (this.stopping || this.woken) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs ?? 1_000);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
  }
}

function toEvent(row: OutboxRow): DomainEvent {
  const occurredAt = row.occurred_at instanceof Date ? row.occurred_at.toISOString() : new Date(row.occurred_at).toISOString();
  return { id: row.event_id, type: row.type, occurredAt, payload: row.payload };
}

function runsByStream(rows: OutboxRow[]): { stream: StreamName; rows: OutboxRow[] }[] {
  const runs: { stream: StreamName; rows: OutboxRow[] }[] = [];
  for (const row of rows) {
    const last = runs.at(-1);
    if (last && last.stream === row.stream) last.rows.push(row);
    else runs.push({ stream: row.stream, rows: [row] });
  }
  return runs;
}
