import type { EventBus } from "./bus";
import type { StreamTopology } from "./event";
import { InProcessBus } from "./in-process-bus";
import { RedisStreamBus } from "./redis-stream-bus";
import { processLog } from "../log";
import { openRedis, type RedisClient } from "../redis/client";

export type EventBusConfig = { kind: "redis"; url: string; keyPrefix: string } | { kind: "in-process" };

/** The bus a service's configuration asks for, carrying the given streams; the Redis bus owns its connection and closes it. */
export function openEventBus<Stream extends string>(
  config: EventBusConfig,
  topology: StreamTopology<Stream>,
  log?: (message: string, error?: unknown) => void,
): EventBus<Stream> {
  if (config.kind === "in-process") return new InProcessBus(topology);
  // Event delivery fails closed: commands wait for a reconnect instead of failing after a few retries.
  const redis = openRedis(config.url, { maxRetriesPerRequest: null, lazyConnect: false });
  logConnectionStateChanges(redis, "[events] Redis (REDIS_URL)", log ?? ((message) => processLog().warn(message)));
  return new RedisStreamBus(redis, { topology, keyPrefix: config.keyPrefix, log });
}

/**
 * A Redis connection's trouble, said once per change of state ("unreachable: ECONNREFUSED", then
 * "reachable again"), not once per reconnect attempt; and every 'error' heard, so ioredis never
 * prints its "Unhandled error event" stack traces.
 */
export function logConnectionStateChanges(redis: RedisClient, label: string, log: (message: string) => void): void {
  let down: string | undefined;
  redis.on("error", (error: Error & { code?: string }) => {
    const what = error.code ?? error.message;
    if (down === what) return;
    down = what;
    log(`${label} unreachable or failing (${what}); retrying quietly until it answers`);
  });
  redis.on("ready", () => {
    if (down === undefined) return;
    down = undefined;
    log(`${label} reachable again`);
  });
}
