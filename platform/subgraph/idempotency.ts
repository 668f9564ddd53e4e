import { createHash } from "node:crypto";
import type { Db } from "../db/db";
import { BadUserInputError } from "../errors/errors";
import { repoPath } from "../repo-root";

/** The migrations of the idempotency table, for subgraphs with idempotent mutations. */
export const IDEMPOTENCY_MIGRATIONS = repoPath("platform", "subgraph", "migrations", "idempotency");

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

export interface IdempotentRequest {
  /** The caller's subject (`sub`). */
  caller: string;
  /** The caller's jurisdiction in canonical form (canonicalJurisdiction): a key is the subject's within one jurisdiction. */
  jurisdiction: string;
  key: string;
  fingerprint: string;
  /** The id of what this request will produce (the hearing recorded, the breach created). */
  resultId: string;
}

/**
 * Claims the caller's key (within its subject and jurisdiction) inside the
 * mutation's transaction, before any change. Returns null when this request is
 * the first with the key (go on and make the change; a rollback releases the
 * claim), or the earlier request's result id when it is a retry of it. Throws BAD_USER_INPUT naming the key when
 * it was used for a different request. A concurrent first request with the same
 * key makes this one wait on the row, then see it.
 */
export async function claimIdempotencyKey(tx: Db, request: IdempotentRequest, argument = "input.idempotencyKey"): Promise<string | null> {
  const claimed = await tx.query(
    `INSERT INTO idempotent_request (caller, jurisdiction, idempotency_key, fingerprint, result_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING RETURNING result_id`,
    [request.caller, request.jurisdiction, request.key, request.fingerprint, request.resultId],
  );
  if (claimed.length === 1) return null;
  const [earlier] = await tx.query<{ fingerprint: string; result_id: string }>(
    `SELECT fingerprint, result_id FROM idempotent_request WHERE caller = $1 AND jurisdiction = $2 AND idempotency_key = $3`,
    [request.caller, request.jurisdiction, request.key],
  );
  if (earlier.fingerprint !== request.fingerprint) {
    throw new BadUserInputError(argument, "this key was already used for a different request; send a new key for a new request");
  }
  return earlier.result_id;
}
