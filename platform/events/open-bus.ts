import { Redis } from "ioredis";
import type { EventBus } from "./bus";
import { InProcessBus } from "./in-process-bus";
import { RedisStreamBus } from "./redis-stream-bus";

export type EventBusConfig = { kind: "redis"; url: string; keyPrefix: string } | { kind: "in-process" };

/** The bus a service's configuration asks for; the Redis bus owns its connection and closes it. */
export function openEventBus(config: EventBusConfig, log?: (message: string, error?: unknown) => void): EventBus {
  if (config.kind === "in-process") return new InProcessBus();
  // Event delivery fails closed: commands wait for a reconnect instead of failing after a few retries.
  const redis = new Redis(config.url, { maxRetriesPerRequest: null, lazyConnect: false });
  redis.on("error", (error) => log?.(`[events] Redis: ${error.message}`));
  return new RedisStreamBus(redis, { keyPrefix: config.keyPrefix, log });
}
