import { Cluster, Redis, type RedisOptions } from "ioredis";
import { parseRedisUrl, type RedisTarget } from "./target";

/** A connection to any of the Redis forms: one server or a Sentinel-watched primary (Redis), or a Cluster. */
export type RedisClient = Redis | Cluster;

/**
 * How one caller wants its connection to behave, whatever the form of Redis: each keeps its own (the event bus
 * waits for a reconnect, the cache fails fast and never queues).
 */
export interface RedisClientOptions {
  /** Prepended to every key the client sends. */
  keyPrefix?: string;
  /** A command not answered within this fails (ms). */
  commandTimeout?: number;
  connectTimeout?: number;
  /** Times a command is retried on a reconnect; null: until it succeeds. */
  maxRetriesPerRequest?: number | null;
  /** Whether commands sent while disconnected wait for the connection (true) or fail at once. */
  enableOfflineQueue?: boolean;
  /** The pause before reconnect attempt `attempt` (ms); null: give up. */
  retryStrategy?: (attempt: number) => number | null;
  lazyConnect?: boolean;
}

/**
 * The ioredis client for a configured URL (target.ts: redis://, rediss://, redis+sentinel://,
 * redis+cluster://), with the caller's options applied the way each form takes them. Every Redis
 * connection of the platform and of the services built on it is opened here.
 */
export function openRedis(url: string, options: RedisClientOptions = {}): RedisClient {
  return openRedisTarget(parseRedisUrl(url), options);
}

export function openRedisTarget(target: RedisTarget, options: RedisClientOptions = {}): RedisClient {
  if (target.kind === "standalone") return new Redis(target.url, options);
  const tls = target.tls ? { tls: {} } : {};
  const auth = { username: target.username, password: target.password };
  if (target.kind === "sentinel") {
    return new Redis(
      definedOnly({
        ...options,
        ...auth,
        ...tls,
        sentinels: target.sentinels,
        name: target.name,
        db: target.db,
        sentinelPassword: target.sentinelPassword,
        enableTLSForSentinelMode: target.tls,
        // Asked of the Sentinels again on every reconnect, so a failover is followed to the new primary.
        role: "master",
        // A failover keeps the connection to the old primary open (now a replica): told of the switch by the
        // Sentinels, or refused a write (READONLY), the client reconnects and asks where the primary is. The
        // refused command fails to its caller rather than being sent again: each caller knows whether to retry.
        failoverDetector: true,
        reconnectOnError: (error: Error) => (error.message.startsWith("READONLY") ? 1 : false),
      }),
    );
  }
  const { retryStrategy, enableOfflineQueue, lazyConnect, ...perNode } = options;
  const redisOptions: RedisOptions = definedOnly({ ...perNode, ...auth, ...tls });
  return new Cluster(
    target.nodes,
    definedOnly({
      redisOptions,
      keyPrefix: options.keyPrefix,
      enableOfflineQueue,
      lazyConnect,
      // The whole Cluster unreachable: the caller's own pace of reconnecting. One node gone (its primary
      // failing over) is ioredis's own business: the others carry on and the slots are asked for again.
      clusterRetryStrategy: retryStrategy,
    }),
  );
}

/** Options without the keys left undefined, so ioredis's defaults apply to them rather than `undefined`. */
function definedOnly<T extends object>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as T;
}

/** Another connection of the same form and options (a blocking read holds its connection for its whole wait). */
export function duplicateRedis(client: RedisClient): RedisClient {
  return client instanceof Cluster ? client.duplicate() : client.duplicate();
}
