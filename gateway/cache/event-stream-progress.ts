import { randomUUID } from "node:crypto";
import { openRedis, type RedisClient } from "../../platform/redis/client";

export interface EventStreamProgressOptions {
  url: string;
  /** The full keys of the streams whose applied events change the cached data. */
  streamKeys: readonly string[];
  commandTimeoutMs: number;
}

/**
 * How far every consumer group has got through the event streams, read from
 * Redis: for each group its last delivered entry and how many it holds
 * unacknowledged. A group acknowledges an event only after its effect has
 * committed, and the pair never repeats (the last delivered id only grows and,
 * for one id, the pending count only falls), so the fingerprint changes exactly
 * when some subgraph has applied another event. Part of the statistics
 * generation, it invalidates across processes without the subgraphs knowing
 * of the cache: for gateways whose subgraphs run elsewhere on Redis Streams.
 */
export class EventStreamProgress {
  private readonly redis: RedisClient;

  constructor(private readonly options: EventStreamProgressOptions) {
    this.redis = openRedis(options.url, {
      commandTimeout: options.commandTimeoutMs,
      connectTimeout: Math.max(options.commandTimeoutMs, 1_000),
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
    });
    // Failures are answered below (progress unknown); the cache's own client logs the connection's trouble.
    this.redis.on("error", () => undefined);
  }

  /** A fingerprint of every group's progress; a fresh random one when Redis cannot tell (so nothing cached is reused). */
  async fingerprint(): Promise<string> {
    try {
      const streams = await Promise.all(this.options.streamKeys.map((key) => this.groupsOf(key)));
      return JSON.stringify(streams);
    } catch {
      return `unknown:${randomUUID()}`;
    }
  }

  close(): void {
    this.redis.disconnect();
  }

  private async groupsOf(streamKey: string): Promise<string[][]> {
    try {
      const groups = (await this.redis.xinfo("GROUPS", streamKey)) as unknown[][];
      return groups.map((fields) => {
        const info = new Map<string, unknown>();
        for (let i = 0; i + 1 < fields.length; i += 2) info.set(String(fields[i]), fields[i + 1]);
        return [String(info.get("name")), String(info.get("last-delivered-id")), String(info.get("pending"))];
      });
    } catch (error) {
      // No stream yet: no event was ever published, which is progress like any other.
      if (String((error as Error).message).includes("no such key")) return [];
      throw error;
    }
  }
}
