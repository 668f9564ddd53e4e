import { randomUUID } from "node:crypto";
import {
  settledWithin,
  type EventBus,
  type GroupProgress,
  type PublishReceipt,
  type StreamConfirmation,
  type SubscribeOptions,
  type Subscription,
} from "./bus";
import { consumerGroupsOf, isDomainEvent, type DomainEvent, type StreamTopology } from "./event";
import { processLog } from "../log";
import { describeErrorForLog } from "../errors/error-log";
import { traceRedisCommands } from "../tracing/traced-redis";
import { duplicateRedis, type RedisClient } from "../redis/client";

export interface RedisStreamBusOptions<Stream extends string = string> {
  /** The streams it carries: each publish creates the consumer groups of its stream. */
  topology: StreamTopology<Stream>;
  /** Prefix of the stream keys, e.g. "app:events" → "{app:events:<stream>}" (streamKeyOf). */
  keyPrefix: string;
  /** How long one blocking read waits for new entries before looping (ms). */
  blockMs?: number;
  /** An entry delivered to a consumer and not acknowledged for this long is claimed by another (ms). */
  claimIdleMs?: number;
  /** Entries read per call. */
  batchSize?: number;
  /** Longest pause after a failing handler or connection, doubling from 100 ms (ms). */
  maxBackoffMs?: number;
  /** How long stop() waits for a consumer's loop to finish what it is doing (ms). */
  stopWaitMs?: number;
  log?: (message: string, error?: unknown) => void;
}

type StreamEntry = [id: string, fields: string[] | null];

/** Redis's answer when a consumer group (or its stream) does not exist: Redis lost its data, or someone deleted it. */
export function isNoGroupError(error: unknown): boolean {
  return String((error as Error | undefined)?.message).startsWith("NOGROUP");
}

/**
 * A stream's key: "{<prefix>:<stream>}", the whole name a hash tag, so on a Redis Cluster the stream and its
 * epoch marker ("{<prefix>:<stream>}:epoch") are on one slot, and the MULTI that publishes to it (marker,
 * groups, entries) runs on one node. Streams differ in their tags, so a Cluster spreads them over its nodes;
 * nothing ever reads two streams in one command (each consumer reads its one stream).
 */
export function streamKeyOf(keyPrefix: string, stream: string): string {
  return `{${keyPrefix}:${stream}}`;
}

/** Stream ids "ms-seq" in order. */
export function compareStreamIds(a: string, b: string): number {
  const [aMs, aSeq] = a.split("-").map(BigInt);
  const [bMs, bSeq] = b.split("-").map(BigInt);
  if (aMs !== bMs) return aMs < bMs ? -1 : 1;
  if (aSeq !== bSeq) return (aSeq ?? 0n) < (bSeq ?? 0n) ? -1 : 1;
  return 0;
}

/**
 * Events on Redis Streams (docs/adr/0002-cross-subgraph-events.md): XADD to publish; one consumer group
 * per consuming subgraph, XREADGROUP to receive, XACK only after the handler
 * committed its effect. What a consumer received and did not acknowledge (it
 * crashed, its handler failed) stays pending: the same consumer gets it back
 * when it restarts, and another consumer of the group takes it over with
 * XAUTOCLAIM once it has been idle for `claimIdleMs`. Nothing is acknowledged
 * unhandled, so nothing is lost; handlers are idempotent, so nothing is applied twice.
 *
 * Redis may lose its data (a restart without persistence, a failover to an
 * empty replica). Every publish creates the consumer groups in the same MULTI
 * as its entries, so no entry ever lands in a stream without them; a consumer
 * told NOGROUP creates them again (from the start of the stream); and an epoch
 * marker, lost with the data, tells the producers' relays to publish again
 * what the consumers had not confirmed (outbox.ts).
 */
export class RedisStreamBus<Stream extends string = string> implements EventBus<Stream> {
  readonly kind = "redis";
  private readonly subscriptions = new Set<Subscription>();
  private readonly groupsReady = new Map<Stream, Promise<void>>();

  private readonly redis: RedisClient;

  constructor(
    redis: RedisClient,
    private readonly options: RedisStreamBusOptions<Stream>,
  ) {
    // Inside a trace (a publish, an event's handling) each command is a span; the blocking reads, outside any, are not.
    this.redis = traceRedisCommands(redis);
  }

  get topology(): StreamTopology<Stream> {
    return this.options.topology;
  }

  streamKey(stream: Stream): string {
    return streamKeyOf(this.options.keyPrefix, stream);
  }

  /**
   * The stream's epoch marker, beside it (same slot): lost with the stream's data, it tells the relays to
   * publish again what they had not seen confirmed. One per stream, because on a Cluster one shard can lose
   * its data while the others keep theirs.
   */
  private epochKey(stream: Stream): string {
    return `${this.streamKey(stream)}:epoch`;
  }

  async publish(stream: Stream, events: readonly DomainEvent[]): Promise<PublishReceipt> {
    const groups = consumerGroupsOf(this.options.topology, stream);
    const key = this.streamKey(stream);
    // One MULTI: the epoch marker (set if Redis has none: it lost its data or never had any), the groups
    // (BUSYGROUP when they exist: expected), then the entries. Groups exist before the first entry, so a
    // consumer group that starts later still reads from the beginning, and no entry is ever in a stream
    // without its groups, whatever Redis forgot in between.
    const pipeline = this.redis.multi();
    pipeline.set(this.epochKey(stream), randomUUID(), "NX");
    pipeline.get(this.epochKey(stream));
    for (const group of groups) pipeline.xgroup("CREATE", key, group, "0", "MKSTREAM");
    for (const event of events) pipeline.xadd(key, "*", "event", JSON.stringify(event));
    const results = await pipeline.exec();
    if (!results) throw new Error("Redis did not run the XADD transaction");
    const failed = results.find(([error]) => error !== null && !String(error.message).startsWith("BUSYGROUP"));
    if (failed) throw failed[0];
    const epoch = String(results[1][1]);
    const entryIds = results.slice(2 + groups.length).map(([, id]) => String(id));
    return { epoch, entryIds, applied: false };
  }

  async confirmations(stream: Stream): Promise<StreamConfirmation> {
    const key = this.streamKey(stream);
    const epoch = await this.redis.get(this.epochKey(stream));
    // No marker: Redis lost its data since anything was published; nothing it held is confirmed.
    if (epoch === null) return { epoch: "none", isAcknowledged: () => false };
    let groups: unknown[][];
    try {
      groups = (await this.redis.xinfo("GROUPS", key)) as unknown[][];
    } catch (error) {
      if (String((error as Error).message).includes("no such key")) return { epoch, isAcknowledged: () => false };
      throw error;
    }
    const byName = new Map(groups.map((fields) => [String(fieldMap(fields).get("name")), fieldMap(fields)]));
    // Per consuming group: entries up to its last delivered id are acknowledged, except those still pending
    // (all at or after its oldest pending id).
    const bounds: { lastDelivered: string; oldestPending: string | undefined }[] = [];
    for (const group of consumerGroupsOf(this.options.topology, stream)) {
      const info = byName.get(group);
      if (!info) return { epoch, isAcknowledged: () => false };
      let oldestPending: string | undefined;
      if (Number(info.get("pending")) > 0) {
        const summary = (await this.redis.xpending(key, group)) as [number, string | null, string | null, unknown];
        oldestPending = summary[1] ?? undefined;
      }
      bounds.push({ lastDelivered: String(info.get("last-delivered-id")), oldestPending });
    }
    return {
      epoch,
      isAcknowledged: (entryId) =>
        bounds.every(
          ({ lastDelivered, oldestPending }) =>
            compareStreamIds(entryId, lastDelivered) <= 0 && (oldestPending === undefined || compareStreamIds(entryId, oldestPending) < 0),
        ),
    };
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

  subscribe(options: SubscribeOptions<Stream>): Subscription {
    const consumer = new StreamConsumer<Stream>(this, this.redis, options, this.options);
    const subscription: Subscription = {
      stop: async () => {
        this.subscriptions.delete(subscription);
        await consumer.stop();
      },
      health: () => consumer.health(),
    };
    this.subscriptions.add(subscription);
    consumer.start();
    return subscription;
  }

  async backlog(stream: Stream, group: string): Promise<number> {
    const { lag, pending } = await this.groupProgress(stream, group);
    return lag + pending;
  }

  async groupProgress(stream: Stream, group: string): Promise<GroupProgress> {
    await this.ensureGroups(stream);
    let groups: unknown[][];
    try {
      groups = (await this.redis.xinfo("GROUPS", this.streamKey(stream))) as unknown[][];
    } catch (error) {
      // The stream itself is gone (Redis lost its data after the groups were ensured): created again next time.
      if (String((error as Error).message).includes("no such key")) this.forgetGroups(stream);
      throw error;
    }
    for (const fields of groups) {
      const info = fieldMap(fields);
      if (info.get("name") !== group) continue;
      // lag: entries never delivered to the group; pending: delivered, not acknowledged.
      const pending = Number(info.get("pending"));
      // A group that has been given the newest entry has nothing undelivered, whatever its lag says: Redis
      // counts lag from a per-group counter that a replica does not always hold exactly, so after a failover
      // it can stay above 0 for a group that has read everything.
      const newest = await this.newestEntryId(stream);
      if (newest === undefined || compareStreamIds(String(info.get("last-delivered-id")), newest) >= 0) return { lag: 0, pending };
      const lag = info.get("lag");
      if (lag === null) throw new Error(`Redis cannot tell the lag of group "${group}" (it needs Redis 7 or later)`);
      // Some entry is undelivered, so at least one, even when the counter (from before a failover) says none.
      return { lag: Math.max(Number(lag), 1), pending };
    }
    this.forgetGroups(stream);
    throw new Error(`NOGROUP stream "${stream}" has no consumer group "${group}"`);
  }

  private async newestEntryId(stream: Stream): Promise<string | undefined> {
    const [newest] = (await this.redis.xrevrange(this.streamKey(stream), "+", "-", "COUNT", 1)) as StreamEntry[];
    return newest?.[0];
  }

  /** Stops every subscription and closes the connection (the bus owns it). */
  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.redis.disconnect();
  }

  /** Redis said a group of the stream is missing: the next ensureGroups creates them again. */
  forgetGroups(stream: Stream): void {
    this.groupsReady.delete(stream);
  }

  /** Creates every consumer group of the stream (and the stream) if missing, once per process (again after forgetGroups). */
  ensureGroups(stream: Stream): Promise<void> {
    let ready = this.groupsReady.get(stream);
    if (!ready) {
      ready = Promise.all(consumerGroupsOf(this.options.topology, stream).map((group) => this.ensureGroup(stream, group))).then(
        () => undefined,
      );
      ready.catch(() => this.groupsReady.delete(stream));
      this.groupsReady.set(stream, ready);
    }
    return ready;
  }

  private async ensureGroup(stream: Stream, group: string): Promise<void> {
    try {
      await this.redis.xgroup("CREATE", this.streamKey(stream), group, "0", "MKSTREAM");
    } catch (error) {
      if (!String((error as Error).message).startsWith("BUSYGROUP")) throw error;
    }
  }
}

/** One consumer of one group: a loop of reclaim → own pending → new entries, each handled then acknowledged. */
class StreamConsumer<Stream extends string> {
  private stopping = false;
  private running: Promise<void> | undefined;
  /** A connection of its own: XREADGROUP BLOCK holds it, and stop() closes it to end the wait. */
  private readonly blocking: RedisClient;
  /** Re-read what this consumer was given and did not acknowledge (at start, and after any failure). */
  private rereadOwnPending = true;
  /** Since when the loop has been failing, and with what kind of failure (for health and for logging once per change). */
  private failing: { since: number; kind: string } | undefined;

  constructor(
    private readonly bus: RedisStreamBus<Stream>,
    private readonly redis: RedisClient,
    private readonly subscription: SubscribeOptions<Stream>,
    private readonly options: RedisStreamBusOptions<Stream>,
  ) {
    this.blocking = duplicateRedis(redis);
    // Its connection's trouble is the main connection's trouble, logged there once per change; unheard, each
    // reconnect attempt would print "[ioredis] Unhandled error event".
    this.blocking.on("error", () => undefined);
  }

  health(): string {
    if (!this.failing) return "ready";
    const seconds = Math.round((Date.now() - this.failing.since) / 1000);
    return `${this.subscription.group} on ${this.subscription.stream}: ${this.failing.kind} for ${seconds} s`;
  }

  start(): void {
    this.running = this.loop();
  }

  private wakeFromPause: (() => void) | undefined;

  /** A pause that stop() ends at once. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeFromPause = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.blocking.disconnect();
    this.wakeFromPause?.();
    // A command waiting on a Redis that does not answer would hold stop() for ever: what this consumer
    // holds unacknowledged stays pending for the group either way, so stop() waits only so long.
    await settledWithin(this.running, this.options.stopWaitMs ?? 2_000);
  }

  private async loop(): Promise<void> {
    const log =
      this.options.log ??
      ((message, error) => processLog().error(error === undefined ? {} : { error: describeErrorForLog(error) }, message));
    let backoff = 0;
    while (!this.stopping) {
      try {
        await this.bus.ensureGroups(this.subscription.stream);
        // Oldest obligations first: what dead consumers left, what this consumer left, then what is new.
        await this.handle(await this.claimAbandoned());
        await this.handle(await this.readOwnPending());
        await this.handle(await this.readNew());
        if (this.failing) log(`[events] ${this.subscription.group} on ${this.subscription.stream}: receiving again`);
        this.failing = undefined;
        backoff = 0;
      } catch (error) {
        if (this.stopping) break;
        // Whatever failed (a handler, an XACK, the connection), what this consumer holds unacknowledged comes first next time.
        this.rereadOwnPending = true;
        const missingGroup = isNoGroupError(error);
        // Redis lost the group (and likely the stream): created again at once, from the stream's start.
        if (missingGroup) this.bus.forgetGroups(this.subscription.stream);
        const kind = missingGroup ? "consumer group missing (being created again)" : "failing";
        // A missing group is retried almost at once (it is being created again), never in a tight loop.
        backoff = missingGroup ? 50 : Math.min(Math.max(backoff * 2, 100), this.options.maxBackoffMs ?? 5_000);
        // Once per change of state, not once per retry.
        if (this.failing?.kind !== kind) {
          log(
            // The error goes as its safe description (name and code): a handler's message may quote an event's personal data.
            `[events] ${this.subscription.group} on ${this.subscription.stream}: ${kind}; retrying (backoff up to ${this.options.maxBackoffMs ?? 5_000} ms)`,
            error,
          );
        }
        if (this.failing?.kind !== kind) this.failing = { since: this.failing?.since ?? Date.now(), kind };
        await this.pause(backoff);
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
