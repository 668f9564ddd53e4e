import { createHash } from "node:crypto";
import { BadUserInputError } from "./errors";

/** Longest idempotency key accepted: a UUID or a court system's own reference fits many times over. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/** The key, trimmed; refuses an empty or overlong one naming the field. */
export function validIdempotencyKey(key: string, argument = "input.idempotencyKey"): string {
  const trimmed = key.trim();
  if (trimmed === "") throw new BadUserInputError(argument, "must not be empty");
  if (trimmed.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new BadUserInputError(argument, `at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters; got ${trimmed.length}`);
  }
  return trimmed;
}

/**
 * A fingerprint of a request's meaning (without its key): the same key sent
 * again with the same fingerprint is a retry, with another it is a mistake.
 * Keys are sorted so property order never matters; undefined counts as null.
 */
export function requestFingerprint(request: Record<string, unknown>): string {
  const canonical = Object.keys(request)
    .sort()
    .map((name) => [name, request[name] ?? null]);
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}

export function keyReusedError(argument = "input.idempotencyKey"): BadUserInputError {
  return new BadUserInputError(argument, "this key was already used for a different request; send a new key for a new request");
}
