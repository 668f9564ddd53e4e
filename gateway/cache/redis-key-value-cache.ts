import type { KeyValueCache, KeyValueCacheSetOptions } from "@apollo/utils.keyvaluecache";
import { openRedis, type RedisClient } from "../../platform/redis/client";
import { traceRedisCommands } from "../../platform/tracing/traced-redis";

export interface RedisKeyValueCacheOptions {
  url: string;
  /** Where the URL came from (RESPONSE_CACHE_REDIS_URL, REDIS_URL), named in connection trouble. */
  urlVariable?: string;
  /** Prepended to every key, so the cache shares a Redis with the event streams without touching them. */
  keyPrefix: string;
  /** A command not answered within this fails (and the cache treats it as a miss). */
  commandTimeoutMs: number;
  /** Connection trouble, reported without the values (never any cached data). */
  log: (message: string) => void;
}

/**
 * Apollo's KeyValueCache on Redis, built to fail fast rather than to wait: a
 * command fails after `commandTimeoutMs`, is not retried, and is not queued
 * while the connection is down (enableOfflineQueue off), so a slow or absent
 * Redis costs a request at most one short timeout. ioredis keeps reconnecting
 * in the background. Errors are thrown to the caller: FailOpenCache turns them
 * into misses.
 */
export class RedisKeyValueCache implements KeyValueCache<string> {
  private readonly redis: RedisClient;
  private lastLoggedError: string | null = null;

  constructor(options: RedisKeyValueCacheOptions) {
    // A request's GET and SET are spans of its trace when tracing is on.
    this.redis = traceRedisCommands(
      openRedis(options.url, {
        keyPrefix: options.keyPrefix,
        commandTimeout: options.commandTimeoutMs,
        connectTimeout: Math.max(options.commandTimeoutMs, 1_000),
        maxRetriesPerRequest: 0,
        enableOfflineQueue: false,
        // Reconnect forever, at most once a second: the cache is back as soon as Redis is.
        retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
      }),
    );
    // Said once per distinct failure, not once per reconnect attempt.
    this.redis.on("error", (error: Error) => {
      if (error.message === this.lastLoggedError) return;
      this.lastLoggedError = error.message;
      options.log(
        `[response-cache] Redis (${options.urlVariable ?? "its URL"}): ${error.message}; answering without the cache until it is back`,
      );
    });
    this.redis.on("ready", () => {
      this.lastLoggedError = null;
    });
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(key)) ?? undefined;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const ttlSeconds = options?.ttl;
    if (typeof ttlSeconds === "number" && ttlSeconds > 0) await this.redis.set(key, value, "PX", Math.round(ttlSeconds * 1000));
    else await this.redis.set(key, value);
  }

  async delete(key: string): Promise<boolean> {
    return (await this.redis.del(key)) > 0;
  }

  /** Connected and answering commands (commands fail at once, as misses, until then). */
  isReady(): boolean {
    return this.redis.status === "ready";
  }

  /** Closes the connection without waiting for Redis (it may be the thing that is down). */
  close(): void {
    this.redis.disconnect();
  }
}
