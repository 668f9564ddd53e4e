import { z } from "zod";
import { REDIS_URL } from "../../platform/config";
import { envPiece, type EnvPiece, type Variable } from "../../platform/env-schema";
import { redisUrlVar, textVar } from "../../platform/env-values";
import { DEFAULT_RATE_BUDGET, parseRateBudget, type RateBudget, type RateLimitConfig } from ".";

const BUDGET = "<requests>/<seconds> (both at least 1), e.g. 600/60";

const defaultBudget: Variable<RateBudget> = {
  schema: z
    .string()
    .optional()
    .transform((text, context) => {
      if (text === undefined) return DEFAULT_RATE_BUDGET;
      const parsed = parseRateBudget(text);
      if (parsed) return parsed;
      context.addIssue({ code: "custom", message: `expected ${BUDGET}` });
      return z.NEVER;
    }),
  default: "`600/60`",
  meaning: "each caller's budget, `<requests>/<seconds>` ([Rate limits](../operations.md#rate-limits))",
};

const personaBudgets: Variable<Record<string, RateBudget>> = {
  schema: z
    .string()
    .optional()
    .transform((text, context) => {
      const budgets: Record<string, RateBudget> = {};
      for (const entry of (text ?? "").split(",").filter((part) => part.trim() !== "")) {
        const [persona, budget] = entry.split("=");
        const parsed = budget === undefined ? undefined : parseRateBudget(budget);
        if (!persona?.trim() || !parsed) {
          context.addIssue({ code: "custom", message: `expected <persona>=${BUDGET}, comma-separated; "${entry}" is not` });
          return z.NEVER;
        }
        budgets[persona.trim()] = parsed;
      }
      return budgets;
    }),
  default: "unset",
  meaning: "budgets per persona: `court-listing=1200/60,reporting-dashboard=120/60`",
};

/** Per-caller request budgets, on RATE_LIMIT_REDIS_URL (else REDIS_URL; else this process's memory). */
export const rateLimitPiece: EnvPiece<RateLimitConfig> = envPiece({
  variables: {
    RATE_LIMIT_DEFAULT: defaultBudget,
    RATE_LIMITS: personaBudgets,
    RATE_LIMIT_REDIS_URL: redisUrlVar({
      default: "`REDIS_URL`; unset → this process's memory",
      meaning: "where replicas share their counts (an in-memory insurance limiter takes over while it is down)",
    }),
    REDIS_URL,
    RATE_LIMIT_KEY_PREFIX: textVar("spo:rate:", { meaning: "prefix of the rate-limit keys in Redis" }),
  },
  read: (values) => {
    const redisUrl = values.RATE_LIMIT_REDIS_URL ?? values.REDIS_URL;
    return {
      budgets: values.RATE_LIMITS,
      defaultBudget: values.RATE_LIMIT_DEFAULT,
      store: redisUrl
        ? {
            kind: "redis",
            url: redisUrl,
            urlVariable: values.RATE_LIMIT_REDIS_URL ? "RATE_LIMIT_REDIS_URL" : "REDIS_URL",
            keyPrefix: values.RATE_LIMIT_KEY_PREFIX,
          }
        : { kind: "memory" },
    };
  },
});
