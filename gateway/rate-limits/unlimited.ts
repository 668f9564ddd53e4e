import type { RateLimitConfig } from ".";

/**
 * What a gateway built without rate-limit settings gets (the in-process stacks
 * of tests and benchmarks, which send far more than any caller would): a
 * budget no test reaches, so the limiter still runs on every request.
 */
export const UNLIMITED_RATE_LIMITS: RateLimitConfig = {
  budgets: {},
  defaultBudget: { points: 1_000_000_000, durationSeconds: 1 },
  store: { kind: "memory" },
};
