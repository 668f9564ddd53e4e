import { z } from "zod";
import type { RawValue, Variable } from "./env-schema";
import { parseRedisUrl } from "./redis/target";

/**
 * The kinds of value an environment variable holds, as zod schemas over its
 * text (undefined when unset), each failing with what it expects in words.
 */
type Docs = { default?: string; meaning: string; secret?: boolean };

function variable<T>(schema: z.ZodType<T, RawValue>, docs: Docs, fallbackDoc: string): Variable<T> {
  return { schema, default: docs.default ?? fallbackDoc, meaning: docs.meaning, ...(docs.secret ? { secret: true } : {}) };
}

const text = z.string().optional();

/** Free text; `fallback` when unset. */
export function textVar(fallback: string, docs: Docs): Variable<string> {
  return variable(
    text.transform((value) => value ?? fallback),
    docs,
    `\`${fallback}\``,
  );
}

/** Free text that may stay unset. */
export function optionalTextVar(docs: Docs & { default: string }): Variable<string | undefined> {
  return variable(text, docs, "unset");
}

/** A whole number from `min` to `max` (inclusive); `fallback` when unset. */
export function wholeNumberVar(fallback: number, docs: Docs, bounds: { min?: number; max?: number; why?: string } = {}): Variable<number> {
  const min = bounds.min ?? 0;
  const range = bounds.max === undefined ? `at least ${min}` : `from ${min} to ${bounds.max}`;
  const expected = `expected a whole number ${range}${bounds.why ? ` (${bounds.why})` : ""}`;
  return variable(
    text
      .transform((value) => value ?? String(fallback))
      .pipe(z.string().regex(/^\d+$/, { error: expected }))
      .transform(Number)
      .pipe(
        z
          .number()
          .min(min, { error: expected })
          .max(bounds.max ?? Number.MAX_SAFE_INTEGER, { error: expected }),
      ),
    docs,
    `\`${fallback}\``,
  );
}

/** A whole number that may stay unset. */
export function optionalWholeNumberVar(docs: Docs & { default: string }, bounds: { min?: number } = {}): Variable<number | undefined> {
  const min = bounds.min ?? 0;
  const expected = `expected a whole number of at least ${min}`;
  return variable(
    z.union(
      [
        z.undefined(),
        z
          .string()
          .regex(/^\d+$/, { error: expected })
          .transform(Number)
          .pipe(z.number().min(min, { error: expected })),
      ],
      {
        error: expected,
      },
    ),
    docs,
    "unset",
  );
}

/** A TCP port to listen on. */
export function portVar(fallback: number, docs: Docs): Variable<number> {
  return wholeNumberVar(fallback, docs, { min: 0, max: 65_535, why: "a TCP port; 0 picks a free one" });
}

const TRUE = ["1", "true", "yes"];
const FALSE = ["0", "false", "no"];

/** true/false (also 1/0, yes/no); `fallback` when unset. */
export function flagVar(fallback: boolean, docs: Docs): Variable<boolean> {
  return variable(
    text
      .refine((value) => value === undefined || [...TRUE, ...FALSE].includes(value.toLowerCase()), { error: "expected true or false" })
      .transform((value) => (value === undefined ? fallback : TRUE.includes(value.toLowerCase()))),
    docs,
    `\`${fallback}\``,
  );
}

/** One of `choices`; `fallback` when unset. */
export function choiceVar<const C extends string>(choices: readonly [C, ...C[]], fallback: C, docs: Docs): Variable<C> {
  return variable(
    text.transform((value) => value ?? fallback).pipe(z.enum(choices, { error: `expected one of ${choices.join(", ")}` })),
    docs,
    `\`${fallback}\``,
  );
}

/** One of `choices`, or unset. */
export function optionalChoiceVar(choices: readonly [string, ...string[]], docs: Docs & { default: string }): Variable<string | undefined> {
  return variable(z.enum(choices, { error: `expected one of ${choices.join(", ")}` }).optional(), docs, "unset");
}

/** Text of at least `min` characters, or unset. */
export function optionalMinLengthVar(min: number, docs: Docs & { default: string }): Variable<string | undefined> {
  return variable(
    z
      .string()
      .min(min, { error: `expected at least ${min} characters` })
      .optional(),
    docs,
    "unset",
  );
}

/** A URL of one of `protocols` (e.g. ["postgres", "postgresql"]), or unset. */
export function urlVar(protocols: readonly string[], docs: Docs & { default: string }): Variable<string | undefined> {
  const expected = `expected a ${protocols.map((protocol) => `${protocol}://`).join(" or ")} URL`;
  return variable(
    text.refine(
      (value) => {
        if (value === undefined) return true;
        try {
          const url = new URL(value);
          return protocols.includes(url.protocol.replace(/:$/, "")) && url.hostname !== "";
        } catch {
          return false;
        }
      },
      { error: expected },
    ),
    docs,
    "unset",
  );
}

/**
 * A Redis URL in any of its forms — redis://, rediss://, redis+sentinel://, redis+cluster://
 * (platform/redis/target.ts says each) — or unset.
 */
export function redisUrlVar(docs: Docs & { default: string }): Variable<string | undefined> {
  return variable(
    text.superRefine((value, context) => {
      if (value === undefined) return;
      try {
        parseRedisUrl(value);
      } catch (error) {
        context.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
    docs,
    "unset",
  );
}

/** A comma-separated list (blank entries dropped); empty when unset. */
export function listVar(docs: Docs & { default: string }, fallback = ""): Variable<string[]> {
  return variable(
    text.transform((value) =>
      (value ?? fallback)
        .split(",")
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ""),
    ),
    docs,
    "unset",
  );
}
