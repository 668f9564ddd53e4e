import { EVENT_STREAM_PREFIX, REDIS_URL } from "../../platform/config";
import { envPiece, type EnvPiece } from "../../platform/env-schema";
import { flagVar, redisUrlVar, textVar, wholeNumberVar } from "../../platform/env-values";
import type { ResponseCacheOptions } from ".";

/**
 * A Redis on the same network answers in well under a millisecond; the margin is for the gateway's own event loop,
 * which under saturation (measured: 20 connections on 2 shared cores) delays replies past 50 ms and turned hits into misses.
 */
export const DEFAULT_RESPONSE_CACHE_COMMAND_TIMEOUT_MS = 100;

/**
 * On by default: on Redis (RESPONSE_CACHE_REDIS_URL, else REDIS_URL) so every
 * replica shares entries and invalidations, else in this process's memory.
 */
export const responseCachePiece: EnvPiece<Omit<ResponseCacheOptions, "log">> = envPiece({
  variables: {
    RESPONSE_CACHE: flagVar(true, {
      meaning: "`false` turns the response cache off (persisted queries then stay in Apollo Server's own memory)",
    }),
    RESPONSE_CACHE_REDIS_URL: redisUrlVar({
      default: "`REDIS_URL`; unset → in this process's memory",
      meaning:
        "Redis for cached answers, their generations and persisted queries; on `REDIS_URL` (the events' Redis) the consumers' progress on the event streams also invalidates statistics",
    }),
    REDIS_URL,
    EVENT_STREAM_PREFIX,
    RESPONSE_CACHE_KEY_PREFIX: textVar("spo:cache:", { meaning: "prefix of every cache key in Redis" }),
    RESPONSE_CACHE_COMMAND_TIMEOUT_MS: wholeNumberVar(
      DEFAULT_RESPONSE_CACHE_COMMAND_TIMEOUT_MS,
      { meaning: "a Redis command not answered by then is a miss (never an error, never a wait)" },
      { min: 1 },
    ),
    // Every entry expires: the TTL is the backstop behind invalidation, so it may not be switched off with 0.
    RESPONSE_CACHE_TTL_SECONDS: wholeNumberVar(
      60,
      { meaning: "longest an answer is served from the cache: the backstop behind invalidation" },
      { min: 1, why: "RESPONSE_CACHE_TTL_SECONDS must be at least 1: every entry expires" },
    ),
    RESPONSE_CACHE_MEMORY_MB: wholeNumberVar(
      32,
      { meaning: "bound of the in-memory store (least recently used entries go first)" },
      { min: 1 },
    ),
    PERSISTED_QUERY_TTL_SECONDS: wholeNumberVar(86_400, { meaning: "how long an automatic persisted query's text is kept" }, { min: 1 }),
  },
  read: (values) => {
    const redisUrl = values.RESPONSE_CACHE_REDIS_URL ?? values.REDIS_URL;
    const store: ResponseCacheOptions["store"] = !values.RESPONSE_CACHE
      ? { kind: "off" }
      : redisUrl
        ? {
            kind: "redis",
            url: redisUrl,
            urlVariable: values.RESPONSE_CACHE_REDIS_URL ? "RESPONSE_CACHE_REDIS_URL" : "REDIS_URL",
            keyPrefix: values.RESPONSE_CACHE_KEY_PREFIX,
            commandTimeoutMs: values.RESPONSE_CACHE_COMMAND_TIMEOUT_MS,
            // The subgraphs' streams are on REDIS_URL: when the cache is too, their consumers' progress invalidates statistics.
            eventStreamPrefix: redisUrl === values.REDIS_URL ? values.EVENT_STREAM_PREFIX : undefined,
          }
        : { kind: "memory", maxBytes: values.RESPONSE_CACHE_MEMORY_MB * 1024 * 1024 };
    return { store, ttlSeconds: values.RESPONSE_CACHE_TTL_SECONDS, persistedQueryTtlSeconds: values.PERSISTED_QUERY_TTL_SECONDS };
  },
});
