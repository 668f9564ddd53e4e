import type { ApolloServerPlugin } from "@apollo/server";
import { traceRedisCommands } from "../../platform/tracing/traced-redis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { rateLimitedError } from "../../platform/errors/errors";
import type { Logger } from "../../platform/log";
import { openRedis, type RedisClient } from "../../platform/redis/client";
import type { GatewayConcern } from "../concern";
import type { GatewayContext } from "../context";

/** A budget: this many requests per window of this many seconds. */
export interface RateBudget {
  points: number;
  durationSeconds: number;
}

/** What the configuration says (gateway/config.ts reads it from RATE_LIMIT_*). */
export interface RateLimitConfig {
  /** Per persona; a persona not named gets `defaultBudget`. */
  budgets: Readonly<Record<string, RateBudget>>;
  defaultBudget: RateBudget;
  /** Redis shared by every replica (budgets hold across them), else this process's memory only. */
  /** urlVariable: where the URL came from, named in connection trouble (never the URL: it may carry a password). */
  store: { kind: "redis"; url: string; urlVariable?: string; keyPrefix: string } | { kind: "memory" };
}

/** A caller sending more than ten requests a second for a minute is a runaway script, not a person or a listing system. */
export const DEFAULT_RATE_BUDGET: RateBudget = { points: 600, durationSeconds: 60 };

/** "600/60": that many requests per that many seconds. */
export function parseRateBudget(text: string): RateBudget | undefined {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) return undefined;
  const budget = { points: Number(match[1]), durationSeconds: Number(match[2]) };
  return budget.points >= 1 && budget.durationSeconds >= 1 ? budget : undefined;
}

export interface RateLimitOptions extends RateLimitConfig {
  log: Logger;
  /** Told of each refusal (the metrics). */
  onRefused?: (persona: string) => void;
}

export interface RateLimits extends GatewayConcern {
  plugins: NonNullable<GatewayConcern["plugins"]>;
}

/**
 * Two limiters of one budget: on Redis (every replica counts against the same
 * budget) with an in-memory insurance limiter that takes over at once while
 * Redis is down, not ready or slow (rejectIfRedisNotReady), so an outage
 * neither disables the limits nor fails the API. A Redis that comes back empty
 * starts each window afresh: the limits hold from there on. Without Redis,
 * the memory limiter alone (a budget per replica).
 */
function limiterFor(
  budget: RateBudget,
  persona: string,
  store: RateLimitOptions["store"],
  redis: RedisClient | undefined,
): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ points: budget.points, duration: budget.durationSeconds, keyPrefix: `memory:${persona}` });
  if (store.kind === "memory" || !redis) return memory;
  return new RateLimiterRedis({
    storeClient: redis,
    points: budget.points,
    duration: budget.durationSeconds,
    keyPrefix: `${store.keyPrefix}${persona}`,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}

/**
 * Per-caller rate limits as a gateway concern: every request that reaches
 * Apollo Server spends one point of its caller's budget (persona and `sub`:
 * each court's listing system, each dashboard has its own); past the budget,
 * the operation is refused before it runs with RATE_LIMITED (HTTP 429,
 * Retry-After) and recorded in the audit trail as a refusal like the others
 * (gateway/audit/refusals.ts). The point is spent as the request starts, so
 * a caller that floods invalid documents spends its budget too; the refusal
 * waits until the operation is resolved, so its record names it.
 */
export function createRateLimits(options: RateLimitOptions): RateLimits {
  const redis =
    options.store.kind === "redis"
      ? traceRedisCommands(
          openRedis(options.store.url, { lazyConnect: false, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 }),
        )
      : undefined;
  let redisTrouble: string | undefined;
  redis?.on("error", (error: Error) => {
    // Once per change: an outage is one line, not one per request.
    if (redisTrouble === undefined)
      options.log.warn(
        `rate limits: Redis (${options.store.kind === "redis" ? (options.store.urlVariable ?? "its URL") : ""}) unavailable (${error.name}); counting in this process meanwhile`,
      );
    redisTrouble = error.name;
  });
  redis?.on("ready", () => {
    if (redisTrouble !== undefined) options.log.info("rate limits: Redis answers again");
    redisTrouble = undefined;
  });
  const limiters = new Map<string, RateLimiterAbstract>();
  const limiterOf = (persona: string) => {
    let limiter = limiters.get(persona);
    if (!limiter) {
      limiter = limiterFor(options.budgets[persona] ?? options.defaultBudget, persona, options.store, redis);
      limiters.set(persona, limiter);
    }
    return limiter;
  };
  const plugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart({ contextValue }) {
      // A caller without a persona claim shares the default budget, still per `sub`.
      const persona = contextValue.principal.persona ?? "(none)";
      const { sub } = contextValue.principal;
      /** This request's spent point: resolves to the seconds to wait, or null while within budget. */
      const retryAfter: Promise<number | null> = limiterOf(persona)
        .consume(sub)
        .then(
          () => null,
          (refusal: unknown) => {
            if (refusal instanceof RateLimiterRes) return refusal.msBeforeNext / 1000;
            // Neither limiter could count (never expected: the insurance is in memory): serve rather than fail the API.
            options.log.error("rate limits: no limiter could count the request; served without a limit");
            return null;
          },
        );
      return {
        async didResolveOperation() {
          const seconds = await retryAfter;
          if (seconds === null) return;
          options.onRefused?.(persona);
          throw rateLimitedError(seconds);
        },
      };
    },
  };
  return {
    name: "rate limits",
    plugins: [plugin],
    // Until Redis answers, each replica counts in its own memory (the insurance): budgets then hold per replica.
    health: redis
      ? {
          reported: {
            "rate limits (Redis)": async () => (redis.status === "ready" ? "ready" : "not answering (counting in this process)"),
          },
        }
      : undefined,
    close: async () => {
      redis?.disconnect();
    },
  };
}
