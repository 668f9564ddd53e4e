import { randomUUID } from "node:crypto";
import type { Db } from "../db/db";
import { settledWithin, type EventBus } from "./bus";
import type { DomainEvent } from "./event";
import { processLog } from "../log";
import { describeErrorForLog } from "../errors/error-log";
import { currentTraceCarrier, inSpanFrom, linkTo, SpanKind, type TraceCarrier } from "../tracing/tracing";

export interface NewEvent<TPayload> {
  type: string;
  payload: TPayload;
}

/**
 * Writes events to the outbox inside the caller's transaction: they are
 * published if and only if the transaction commits. Call the relay's wake()
 * after the commit so they go out at once instead of at the next poll.
 */
export async function appendToOutbox<TPayload>(tx: Db, stream: string, events: readonly NewEvent<TPayload>[]): Promise<void> {
  if (events.length === 0) return;
  // The trace the change runs in, kept with its events so that their handling continues it (null: tracing off).
  const traceContext = currentTraceCarrier();
  await tx.query(
    `INSERT INTO event_outbox (event_id, stream, type, payload, trace_context)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[])`,
    [
      events.map(() => randomUUID()),
      events.map(() => stream),
      events.map((event) => event.type),
      events.map((event) => JSON.stringify(event.payload)),
      events.map(() => (traceContext ? JSON.stringify(traceContext) : null)),
    ],
  );
}

interface OutboxRow {
  position: string;
  event_id: string;
  stream: string;
  type: string;
  payload: unknown;
  occurred_at: Date | string;
  trace_context: TraceCarrier | null;
}

export interface OutboxRelayOptions {
  /** How often the outbox is checked when nobody wakes the relay (ms): the safety net for missed wakes and failed publishes. */
  pollMs?: number;
  batchSize?: number;
  /** An event the bus took and the consumers have not confirmed after this long is published again (ms). */
  republishAfterMs?: number;
  /** How long a confirmed event is kept in the outbox before it is deleted (ms). */
  retentionMs?: number;
  /** How long stop() waits for a publish in progress, e.g. on a Redis that does not answer (ms). */
  stopWaitMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export const DEFAULT_REPUBLISH_AFTER_MS = 5 * 60_000;
export const DEFAULT_OUTBOX_RETENTION_MS = 7 * 24 * 3_600_000;
/** Retention runs at most this often. */
const PRUNE_EVERY_MS = 60_000;

interface UnconfirmedRow {
  position: string;
  stream: string;
  bus_epoch: string | null;
  bus_entry_id: string | null;
  overdue: boolean;
}

/**
 * Moves committed events from the outbox to the bus, oldest first, and marks
 * them published only once the bus has them. A crash between the two publishes
 * them again on restart (at least once); consumers skip what they have seen.
 * One relay loop per process; with several replicas each may publish an event,
 * which the consumers' idempotency absorbs.
 *
 * Published is not delivered: a Redis that loses its data loses what it held.
 * So an event stays until every consuming group has acknowledged it (which
 * each does only after its inbox transaction committed) and is then marked
 * confirmed; one the bus took in an earlier life (Redis lost its data) or that
 * is still unconfirmed after republishAfterMs is published again. Confirmed
 * events are deleted after retentionMs.
 */
export class OutboxRelay {
  private stopping = false;
  private running: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private woken = false;
  private lastPrune = 0;

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
    // A publish waiting on a bus that does not answer would hold stop() for ever; what it was publishing
    // stays unpublished in the outbox either way.
    await settledWithin(this.running, this.options.stopWaitMs ?? 2_000);
    this.running = undefined;
  }

  /** Publishes everything unpublished now, in batches. Throws if the bus refuses (the events stay in the outbox). */
  private async publishPending(): Promise<void> {
    for (;;) {
      const rows = await this.db.query<OutboxRow>(
        `SELECT position, event_id, stream, type, payload, occurred_at, trace_context FROM event_outbox
          WHERE published_at IS NULL ORDER BY position LIMIT $1`,
        [this.options.batchSize ?? 100],
      );
      if (rows.length === 0) return;
      // Consecutive rows of one stream go out together; streams keep their order.
      for (const run of runsByStream(rows)) {
        const events = run.rows.map(toEvent);
        const receipt = await publishSpan(run.stream, events, () => this.bus.publish(run.stream, events));
        await this.db.query(
          `UPDATE event_outbox AS o
              SET published_at = now(), bus_epoch = $2, bus_entry_id = e.entry_id,
                  confirmed_at = CASE WHEN $3 THEN now() END
             FROM unnest($1::bigint[], $4::text[]) AS e(position, entry_id)
            WHERE o.position = e.position`,
          [run.rows.map((row) => row.position), receipt.epoch, receipt.applied, run.rows.map((_, i) => receipt.entryIds[i] ?? null)],
        );
      }
    }
  }

  /**
   * Marks confirmed what every consuming group has acknowledged; puts back for publishing what the bus
   * took in an earlier life (it lost its data) or what is overdue. True if anything was put back.
   */
  private async confirmPublished(): Promise<boolean> {
    const rows = await this.db.query<UnconfirmedRow>(
      `SELECT position, stream, bus_epoch, bus_entry_id,
              published_at < now() - make_interval(secs => $2::double precision / 1000) AS overdue
         FROM event_outbox WHERE published_at IS NOT NULL AND confirmed_at IS NULL ORDER BY position LIMIT $1`,
      [(this.options.batchSize ?? 100) * 10, this.options.republishAfterMs ?? DEFAULT_REPUBLISH_AFTER_MS],
    );
    if (rows.length === 0) return false;
    const confirmed: string[] = [];
    const lost: string[] = [];
    const overdue: string[] = [];
    for (const stream of new Set(rows.map((row) => row.stream))) {
      const confirmation = await this.bus.confirmations(stream);
      for (const row of rows.filter((candidate) => candidate.stream === stream)) {
        if (row.bus_epoch !== confirmation.epoch) lost.push(row.position);
        else if (row.bus_entry_id !== null && confirmation.isAcknowledged(row.bus_entry_id)) confirmed.push(row.position);
        else if (row.overdue) overdue.push(row.position);
      }
    }
    if (confirmed.length > 0) {
      await this.db.query(`UPDATE event_outbox SET confirmed_at = now() WHERE position = ANY($1::bigint[])`, [confirmed]);
    }
    const again = [...lost, ...overdue];
    if (again.length === 0) return false;
    const log = this.options.log ?? ((message) => processLog().error(message));
    if (lost.length > 0) log(`[events] the bus lost its data since ${lost.length} event(s) were published: publishing them again`);
    if (overdue.length > 0) log(`[events] ${overdue.length} event(s) still unconfirmed by their consumers: publishing them again`);
    await this.db.query(
      `UPDATE event_outbox SET published_at = NULL, bus_epoch = NULL, bus_entry_id = NULL WHERE position = ANY($1::bigint[])`,
      [again],
    );
    return true;
  }

  /** Deletes confirmed events older than the retention, at most once a minute. */
  private async prune(): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    await this.db.query(`DELETE FROM event_outbox WHERE confirmed_at < now() - make_interval(secs => $1::double precision / 1000)`, [
      this.options.retentionMs ?? DEFAULT_OUTBOX_RETENTION_MS,
    ]);
  }

  /** Events committed and not yet published. */
  async unpublishedCount(): Promise<number> {
    return (await this.unpublished()).count;
  }

  /** Events committed and not yet published, and how long the oldest has waited (ms). */
  async unpublished(): Promise<{ count: number; oldestAgeMs: number }> {
    const [row] = await this.db.query<{ count: number; oldest_age_ms: number | null }>(
      `SELECT count(*)::int AS count, (extract(epoch FROM now() - min(occurred_at)) * 1000)::float8 AS oldest_age_ms
         FROM event_outbox WHERE published_at IS NULL`,
    );
    return { count: row.count, oldestAgeMs: Number(row.oldest_age_ms ?? 0) };
  }

  /** Events not yet confirmed by every consumer (published or not), and how long the oldest has waited (ms). */
  async unconfirmed(): Promise<{ count: number; oldestAgeMs: number }> {
    const [row] = await this.db.query<{ count: number; oldest_age_ms: number | null }>(
      `SELECT count(*)::int AS count, (extract(epoch FROM now() - min(occurred_at)) * 1000)::float8 AS oldest_age_ms
         FROM event_outbox WHERE confirmed_at IS NULL`,
    );
    return { count: row.count, oldestAgeMs: Number(row.oldest_age_ms ?? 0) };
  }

  private async loop(): Promise<void> {
    const log =
      this.options.log ??
      ((message, error) => processLog().error(error === undefined ? {} : { error: describeErrorForLog(error) }, message));
    let failures = 0;
    while (!this.stopping) {
      this.woken = false;
      try {
        await this.publishPending();
        // What was put back goes out at once, not at the next poll.
        if (await this.confirmPublished()) this.woken = true;
        await this.prune();
        failures = 0;
      } catch (error) {
        failures += 1;
        // Say it once per outage, not once per poll.
        if (failures === 1) log("[events] outbox relay could not publish (will keep trying)", error);
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
  const event: DomainEvent = { id: row.event_id, type: row.type, occurredAt, payload: row.payload };
  if (row.trace_context) event.traceContext = row.trace_context;
  return event;
}

/**
 * One publish as a span (tracing on): in the trace of its events when they
 * all come from one, linked to each of theirs otherwise (a batch gathers
 * changes of several requests).
 */
function publishSpan<T>(stream: string, events: readonly DomainEvent[], publish: () => Promise<T>): Promise<T> {
  const traces = new Set(events.map((event) => event.traceContext?.traceparent));
  const options = {
    kind: SpanKind.PRODUCER,
    attributes: {
      "messaging.operation.type": "send",
      "messaging.destination.name": stream,
      "messaging.batch.message_count": events.length,
    },
  };
  if (traces.size === 1 && events[0].traceContext) {
    return inSpanFrom(events[0].traceContext, `publish ${stream}`, options, publish);
  }
  const links = events.flatMap((event) => linkTo(event.traceContext) ?? []);
  return links.length === 0 ? publish() : inSpanFrom(undefined, `publish ${stream}`, { ...options, links }, publish);
}

function runsByStream(rows: OutboxRow[]): { stream: string; rows: OutboxRow[] }[] {
  const runs: { stream: string; rows: OutboxRow[] }[] = [];
  for (const row of rows) {
    const last = runs.at(-1);
    if (last && last.stream === row.stream) last.rows.push(row);
    else runs.push({ stream: row.stream, rows: [row] });
  }
  return runs;
}
