import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { seedCasesChunk } from "../dev/dataset/seed-cases";
import type { RateLimitConfig } from "../gateway/rate-limits";
import { findAuditRecords } from "../platform/audit/store";
import { fixedClock } from "../platform/clock";
import { principalFor, tokenFor } from "./support/identity";
import { TEST_REDIS_URL } from "./support/services";
import { describeWithRedis } from "./support/describe-with-redis";
import { waitUntil } from "./support/events";
import { startTestStack, type TestStack } from "./support/stack";

/**
 * Per-caller rate limits (docs/operations.md, "Rate limits"): past its
 * budget a caller is refused with RATE_LIMITED (429, Retry-After) and the
 * refusal is on record; another caller of the same persona keeps its own
 * budget; with its Redis down the limits still hold and the API still answers.
 */
const FORCES = `query Forces { forces { code } }`;
const DASHBOARD_BUDGET = 3;

function rateLimits(store: RateLimitConfig["store"]): RateLimitConfig {
  return {
    budgets: { "reporting-dashboard": { points: DASHBOARD_BUDGET, durationSeconds: 60 } },
    defaultBudget: { points: 1_000, durationSeconds: 60 },
    store,
  };
}

function describeLimits(
  name: string,
  describeIt: jest.Describe,
  store: () => RateLimitConfig["store"],
  /** Where the counts should be, checked after the budget was spent. */
  countedIn?: (sub: string) => Promise<boolean>,
) {
  describeIt(`rate limits (${name})`, () => {
    let stack: TestStack;
    beforeAll(async () => {
      stack = await startTestStack({ chunks: [seedCasesChunk()], clock: fixedClock("2026-11-23"), rateLimits: rateLimits(store()) });
      // Until its Redis answers the limiter counts in memory, and a budget would be split between the two.
      if (countedIn) await waitUntil(async () => (await rateLimitsRedis()) === "ready", "the rate limits' Redis answers");
    });

    async function rateLimitsRedis(): Promise<string | undefined> {
      const response = await fetch(new URL("/health/ready", stack.gatewayUrl));
      const body = (await response.json()) as { dependencies?: Record<string, string> };
      return body.dependencies?.["rate limits (Redis)"];
    }
    afterAll(() => stack?.stop());

    async function send(sub: string) {
      const token = await tokenFor(principalFor("reporting-dashboard", { kind: "national" }, sub));
      const response = await fetch(stack.gatewayUrl, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: FORCES }),
      });
      return {
        status: response.status,
        retryAfter: response.headers.get("retry-after"),
        requestId: response.headers.get("x-request-id")!,
        body: (await response.json()) as { data?: unknown; errors?: { extensions: { code: string } }[] },
      };
    }

    it("refuses a caller past its budget with RATE_LIMITED, 429 and Retry-After, and records the refusal", async () => {
      const sub = `dashboard-${randomUUID()}`;
      for (let n = 0; n < DASHBOARD_BUDGET; n += 1) {
        const answered = await send(sub);
        expect(answered.status).toBe(200);
        expect(answered.body.errors).toBeUndefined();
      }
      const refused = await send(sub);
      expect(refused.status).toBe(429);
      expect(refused.body.errors?.map((error) => error.extensions.code)).toEqual(["RATE_LIMITED"]);
      expect(refused.body.data).toBeUndefined();
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);

      const records = await findAuditRecords(stack.audit.db, { sub, limit: 100 });
      expect(records.map((record) => [record.requestId, record.kind, record.refusal, record.operationName])).toEqual([
        [refused.requestId, "refused", "RATE_LIMITED", "Forces"],
      ]);
      if (countedIn) expect(await countedIn(sub)).toBe(true);
    });

    it("keeps one budget per caller: another dashboard of the same persona is still answered", async () => {
      const other = await send(`dashboard-${randomUUID()}`);
      expect(other.status).toBe(200);
    });
  });
}

describeLimits("in this process's memory", describe, () => ({ kind: "memory" }));
const REDIS_PREFIX = `test:rate:${randomUUID()}:`;
describeLimits(
  "on Redis",
  describeWithRedis,
  () => ({ kind: "redis", url: TEST_REDIS_URL, keyPrefix: REDIS_PREFIX }),
  // Counted on Redis itself, not by the insurance limiter: the caller's key is there.
  async (sub) => {
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    try {
      return (await redis.exists(`${REDIS_PREFIX}reporting-dashboard:${sub}`)) === 1;
    } finally {
      redis.disconnect();
    }
  },
);
// Nothing listens there: the in-memory insurance limiter counts instead, and requests are still answered.
describeLimits("on a Redis that is down", describe, () => ({ kind: "redis", url: "redis://127.0.0.1:4899/7", keyPrefix: "test:rate:" }));
