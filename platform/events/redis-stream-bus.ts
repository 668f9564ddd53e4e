import type { Redis } from "ioredis";
import type { EventBus, SubscribeOptions, Subscription } from "./bus";
import { consumerGroupsOf, isDomainEvent, type DomainEvent, type StreamName } from "./event";

export interface RedisStreamBusOptions {
  /** Prefix of the stream keys, e.g. "spo:events" → "spo:events:hearing-outcomes". */
  keyPrefix: string;
  /** How long one blocking read waits for new entries before looping (ms). */
  blockMs?: number;
  /** An entry delivered to a consumer and not acknowledged for this long is claimed by another (ms). */
  claimIdleMs?: number;
  /** Entries read per call. */
  batchSize?: number;
  /** Longest pause after a failing handler or connection, doubling from 100 ms (ms). */
  maxBackoffMs?: number;
  log?: (message: string, error?: unknown) => void;
}

type StreamEntry = [id: string, fields: string[] | null];

/**
 * Events on Redis Streams (docs/adr/0002-cross-subgraph-events.md): XADD to publish; one consumer group
 * per consuming subgraph, XREADGROUP to receive, XACK only after the handler
 * committed its effect. What a consumer received and did not acknowledge (it
 * crashed, its handler failed) stays pending: the same consumer gets it back
 * when it restarts, and another consumer of the group takes it over with
 * XAUTOCLAIM once it has been idle for `claimIdleMs`. Nothing is acknowledged
 * unhandled, so nothing is lost; handlers are idempotent, so nothing is applied twice.
 */
export class RedisStreamBus implements EventBus {
  readonly kind = "redis";
  private readonly subscriptions = new Set<Subscription>();
  private readonly groupsReady = new Map<StreamName, Promise<void>>();

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisStreamBusOptions,
  ) {}

  streamKey(stream: StreamName): string {
    return `${this.options.keyPrefix}:${stream}`;
  }

  async publish(stream: StreamName, events: readonly DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    // Groups exist before the first entry, so a consumer group that starts later still reads from the beginning.
    await this.ensureGroups(stream);
    const pipeline = this.redis.multi();
    for (const event of events) pipeline.xadd(this.streamKey(stream), "*", "event", JSON.stringify(event));
    const results = await pipeline.exec();
    const failed = results?.find(([error]) => error !== null);
    if (!results || failed) throw failed?.[0] ?? new Error("Redis did not run the XADD transaction");
  }

  /** Redis must answer a PING within a second; a client reconnecting would otherwise queue it indefinitely. */
  async health(): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve("not answering"), 1_000);
    });
    const ping = this.redis.ping().then(
      (reply) => (reply === "PONG" ? "ready" : "not answering"),
      () => "not answering",
    );
    try {
      return await Promise.race([ping, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  subscribe(options: SubscribeOptions): Subscription {
    const consumer = new StreamConsumer(this, this.redis, options, this.options);
    const subscription: Subscription = {
      stop: async () => {
        this.subscriptions.delete(subscription);
        await consumer.stop();
      },
    };
    this.subscriptions.add(subscription);
    consumer.start();
    return subscription;
  }

  async backlog(stream: StreamName, group: string): Promise<number> {
    await this.ensureGroups(stream);
    const groups = (await this.redis.xinfo("GROUPS", this.streamKey(stream))) as unknown[][];
    for (const fields of groups) {
      const info = fieldMap(fields);
      if (info.get("name") !== group) continue;
      // lag: entries never delivered to the group; pending: delivered, not acknowledged.
      const lag = info.get("lag");
      if (lag === null) throw new Error(`Redis cannot tell the lag of group "${group}" (it needs Redis 7 or later)`);
      return Number(lag) + Number(info.get("pending"));
    }
    throw new Error(`Stream "${stream}" has no consumer group "${group}"`);
  }

  /** Stops every subscription and closes the connection (the bus owns it). */
  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.redis.disconnect();
  }

  /** Creates every consumer group of the stream (and the stream) if missing, once per process. */
  ensureGroups(stream: StreamName): Promise<void> {
    let ready = this.groupsReady.get(stream);
    if (!ready) {
      ready = Promise.all(consumerGroupsOf(stream).map((group) => this.ensureGroup(stream, group))).then(() => undefined);
      ready.catch(() => this.groupsReady.delete(stream));
      this.groupsReady.set(stream, ready);
    }
    return ready;
  }

  private async ensureGroup(stream: StreamName, group: string): Promise<void> {
    try {
      await this.redis.xgroup("CREATE", this.streamKey(stream), group, "0", "MKSTREAM");
    } catch (error) {
      if (!String((error as Error).message).startsWith("BUSYGROUP")) throw error;
    }
  }
}

/** One consumer of one group: a loop of reclaim → own pending → new entries, each handled then acknowledged. */
class StreamConsumer {
  private stopping = false;
  private running: Promise<void> | undefined;
  /** A connection of its own: XREADGROUP BLOCK holds it, and stop() closes it to end the wait. */
  private readonly blocking: Redis;
  /** Re-read what this consumer was given and did not acknowledge (at start, and after any failure). */
  private rereadOwnPending = true;

  constructor(
    private readonly bus: RedisStreamBus,
    private readonly redis: Redis,
    private readonly subscription: SubscribeOptions,
    private readonly options: RedisStreamBusOptions,
  ) {
    this.blocking = redis.duplicate();
  }

  start(): void {
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.blocking.disconnect();
    await this.running;
  }

  private async loop(): Promise<void> {
    const log = this.options.log ?? ((message, error) => console.error(message, error ?? ""));
    let backoff = 0;
    while (!this.stopping) {
      try {
        await this.bus.ensureGroups(this.subscription.stream);
        // Oldest obligations first: what dead consumers left, what this consumer left, then what is new.
        await this.handle(await this.claimAbandoned());
        await this.handle(await this.readOwnPending());
        await this.handle(await this.readNew());
        backoff = 0;
      } catch (error) {
        if (this.stopping) break;
        // Whatever failed (a handler, an XACK, the connection), what this consumer holds unacknowledged comes first next time.
        this.rereadOwnPending = true;
        backoff = Math.min(Math.max(backoff * 2, 100), this.options.maxBackoffMs ?? 5_000);
        log(
          `[events] ${this.subscription.group} on ${this.subscription.stream}: ${(error as Error).message}; retrying in ${backoff} ms`,
          error,
        );
        await new Promise((resolve) => setTimeout(resolve, backoff));
      }
    }
  }

  /** Handles entries in order and acknowledges each; throws at the first failure (it stays pending, to be read again). */
  private async handle(entries: StreamEntry[]): Promise<void> {
    const key = this.bus.streamKey(this.subscription.stream);
    for (const [id, fields] of entries) {
      // An entry trimmed away (fields null) or not written by our producers cannot be handled by anyone:
      // say so loudly and acknowledge it, rather than let it block the group forever.
      const event = fields ? parseEvent(fields) : null;
      if (!event) this.options.log?.(`[events] ${this.subscription.group} on ${this.subscription.stream}: skipping unreadable entry ${id}`);
      if (event) await this.subscription.handler(event, this.subscription.stream);
      await this.redis.xack(key, this.subscription.group, id);
    }
  }

  private async claimAbandoned(): Promise<StreamEntry[]> {
    const [, entries] = (await this.redis.xautoclaim(
      this.bus.streamKey(this.subscription.stream),
      this.subscription.group,
      this.subscription.consumer,
      this.options.claimIdleMs ?? 30_000,
      "0-0",
      "COUNT",
      this.options.batchSize ?? 100,
    )) as [string, StreamEntry[]];
    return entries;
  }

  private async readOwnPending(): Promise<StreamEntry[]> {
    if (!this.rereadOwnPending) return [];
    const entries = await this.read("0", false);
    // Fewer than a batch means this consumer has nothing older left to redo.
    if (entries.length < (this.options.batchSize ?? 100)) this.rereadOwnPending = false;
    return entries;
  }

  private readNew(): Promise<StreamEntry[]> {
    return this.read(">", true);
  }

  private async read(from: "0" | ">", block: boolean): Promise<StreamEntry[]> {
    const { group, consumer, stream } = this.subscription;
    const count = this.options.batchSize ?? 100;
    const key = this.bus.streamKey(stream);
    const reply = block
      ? await this.blocking.xreadgroup(
          "GROUP",
          group,
          consumer,
          "COUNT",
          count,
          "BLOCK",
          this.options.blockMs ?? 5_000,
          "STREAMS",
          key,
          from,
        )
      : await this.redis.xreadgroup("GROUP", group, consumer, "COUNT", count, "STREAMS", key, from);
    const streams = reply as [string, StreamEntry[]][] | null;
    return streams?.[0]?.[1] ?? [];
  }
}

function parseEvent(fields: string[]): DomainEvent | null {
  const index = fields.indexOf("event");
  if (index < 0 || index % 2 !== 0) return null;
  try {
    const parsed: unknown = JSON.parse(fields[index + 1]);
    return isDomainEvent(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** XINFO replies are flat [name, value, name, value, …] lists. */
function fieldMap(fields: unknown[]): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(String(fields[i]), fields[i + 1]);
  return map;
}
