import { InMemoryLRUCache, type KeyValueCache } from "@apollo/utils.keyvaluecache";
import { processLog } from "../../platform/log";
import type { GatewayExecutor } from "@apollo/server-gateway-interface";
import type { EventBus } from "../../platform/events/bus";
import type { DataDomain } from "./cacheability";
import { FailOpenCache } from "./fail-open-cache";
import { DataGenerations } from "./generations";
import { EventStreamProgress } from "./event-stream-progress";
import { streamKeyOf } from "../../platform/events/redis-stream-bus";
import { invalidatingOnEvents, STATISTICS_STREAMS } from "./invalidating-event-bus";
import { emptyMetrics, type ResponseCacheMetrics } from "./metrics";
import { RedisKeyValueCache } from "./redis-key-value-cache";
import { cachedDocuments, responseCachingExecutor } from "./response-caching-executor";

export type { ResponseCacheMetrics } from "./metrics";

export type ResponseCacheStore =
  /** Shared by every gateway replica; failures and timeouts are misses. */
  | {
      kind: "redis";
      url: string;
      /** The variable the URL came from, named in its connection trouble (never the URL: it may carry a password). */
      urlVariable?: string;
      keyPrefix: string;
      commandTimeoutMs: number;
      /**
       * The subgraphs' event streams on this Redis (their EVENT_STREAM_PREFIX): when given, statistics entries are
       * invalidated as each consumer group acknowledges an event (EventStreamProgress), wherever the subgraphs run.
       */
      eventStreamPrefix?: string;
    }
  /** One process (embedded mode): a least-recently-used map bounded in bytes. */
  | { kind: "memory"; maxBytes: number }
  /** No response cache; persisted queries in the gateway's own in-memory store (gateway/persisted-queries). */
  | { kind: "off" };

export interface ResponseCacheOptions {
  store: ResponseCacheStore;
  /** The longest an answer is served from the cache: the backstop behind invalidation. */
  ttlSeconds: number;
  /** How long a registered persisted query is kept (only its text: never variables or results). */
  persistedQueryTtlSeconds: number;
  log?: (message: string) => void;
}

export interface ResponseCache {
  /** The executor with the response cache around it (the response cache concern, gateway/cache/concern.ts). */
  wrapExecutor(execute: GatewayExecutor, authorizationMode: string, supergraphId: () => string): GatewayExecutor;
  /** Apollo Server's `persistedQueries` option: automatic persisted queries on the same store. */
  persistedQueries: { cache: KeyValueCache<string>; ttl: number } | undefined;
  /** Makes every entry of the domains unreachable (the next request of each is a miss). */
  invalidate(domains: readonly DataDomain[]): Promise<void>;
  /** The bus with invalidation after every consumer of a statistics stream (subgraphs in this process). */
  invalidatingOnEvents(bus: EventBus): EventBus;
  /** Whether the store answers now (always, in memory); while it does not, every request is a miss. */
  storeReady(): boolean;
  /** Where entries live: for health, which reports a Redis store's state. */
  storeKind: ResponseCacheStore["kind"];
  /** Counts since start; a snapshot. */
  metrics(): ResponseCacheMetrics;
  close(): void;
}

export const ALL_DOMAINS: readonly DataDomain[] = ["statistics"];

/**
 * The response cache for statistics and estate data (the gateway's cost per request,
 * measured in bench/), with
 * automatic persisted queries on the same store. See response-caching-executor.ts
 * for what is cached and docs/adr/0005-response-cache.md for why.
 */
export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  const metrics = emptyMetrics();
  const log = options.log ?? ((message: string) => processLog().warn(message));
  if (options.store.kind === "off") {
    return {
      wrapExecutor: (execute) => execute,
      persistedQueries: undefined,
      invalidate: async () => undefined,
      invalidatingOnEvents: (bus) => bus,
      metrics: () => ({ ...metrics }),
      storeReady: () => false,
      storeKind: "off",
      close: () => undefined,
    };
  }
  const opened = openStore(options.store, log);
  const store = new FailOpenCache(opened.backing, () => metrics.storeErrors++);
  const generations = new DataGenerations(store, opened.progress ? { statistics: () => opened.progress!.fingerprint() } : {});
  const invalidate = (domains: readonly DataDomain[]) => generations.bump(domains);
  const documents = cachedDocuments();
  return {
    wrapExecutor: (execute, authorizationMode, supergraphId) =>
      responseCachingExecutor(execute, {
        supergraphId,
        store,
        generations,
        allDomains: ALL_DOMAINS,
        ttlSeconds: options.ttlSeconds,
        authorizationMode,
        metrics,
        documents,
      }),
    // Persisted queries go under "apq:<access>:<sha256>" (gateway/persisted-queries), apart from our "response:" and "generation:" keys.
    persistedQueries: { cache: store, ttl: options.persistedQueryTtlSeconds },
    invalidate,
    invalidatingOnEvents: (bus) => invalidatingOnEvents(bus, invalidate),
    metrics: () => ({ ...metrics }),
    storeReady: () => opened.redis?.isReady() ?? true,
    storeKind: options.store.kind,
    close: () => {
      opened.redis?.close();
      opened.progress?.close();
    },
  };
}

/** The store behind the cache, and on Redis what watches the event streams there. */
function openStore(
  store: Exclude<ResponseCacheStore, { kind: "off" }>,
  log: (message: string) => void,
): { backing: KeyValueCache<string>; redis?: RedisKeyValueCache; progress?: EventStreamProgress } {
  if (store.kind === "memory") return { backing: new InMemoryLRUCache<string>({ maxSize: store.maxBytes }) };
  const redis = new RedisKeyValueCache({ ...store, log });
  const { eventStreamPrefix } = store;
  const progress =
    eventStreamPrefix === undefined
      ? undefined
      : new EventStreamProgress({
          url: store.url,
          streamKeys: [...STATISTICS_STREAMS].map((stream) => streamKeyOf(eventStreamPrefix, stream)),
          commandTimeoutMs: store.commandTimeoutMs,
        });
  return { backing: redis, redis, progress };
}
