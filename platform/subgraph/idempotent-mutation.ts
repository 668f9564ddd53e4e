import type { Db } from "../db/db";
import { claimIdempotencyKey, requestFingerprint, validIdempotencyKey } from "./idempotency";
import { canonicalJurisdiction, type Principal } from "../identity/principal";

/**
 * One idempotent mutation (recordHearingOutcome, reportBreach), split at the
 * line that matters for replays: `authorize` is what every request must pass,
 * `perform` what only the first request with a key does.
 */
export interface IdempotentMutation<TTarget, TResult> {
  /** The key as the caller sent it (validated here, naming input.idempotencyKey). */
  idempotencyKey: string;
  /** What the request means, without its key: the same key sent with another meaning is refused. */
  request: Record<string, unknown>;
  /** The id the result gets if this request is the first with its key. */
  newResultId: string;
  /**
   * The authorization and jurisdiction checks, inside the transaction. They run
   * for replays too, so a replay is refused exactly as a first request would
   * be (same error); they return what the change needs (e.g. the locked row).
   */
  authorize(tx: Db): Promise<TTarget>;
  /** The state checks and the change itself: only for the first request with the key. */
  perform(tx: Db, target: TTarget, resultId: string): Promise<void>;
  /**
   * Reads the result as a query by this caller would (its per-request loaders,
   * which filter by its jurisdiction), so a replay shows no more than a read.
   */
  read(resultId: string): Promise<TResult | null>;
  /** After a change committed (not after a replay), e.g. to wake the outbox relay. */
  afterChange?(): void;
}

/**
 * Runs an idempotent mutation in one transaction: authorize, claim the key
 * (scoped to the caller's subject AND jurisdiction, so a service account
 * re-issued for other courts or forces cannot replay into its old ones), then
 * either perform the change (first request) or take the earlier result
 * (replay), and read the result through the caller's visibility.
 */
export async function runIdempotentMutation<TTarget, TResult>(
  context: { db: Db; principal: Principal },
  mutation: IdempotentMutation<TTarget, TResult>,
): Promise<TResult> {
  const key = validIdempotencyKey(mutation.idempotencyKey);
  const fingerprint = requestFingerprint(mutation.request);
  const { principal } = context;
  const outcome = await context.db.transaction(async (tx) => {
    const target = await mutation.authorize(tx);
    const earlier = await claimIdempotencyKey(tx, {
      caller: principal.sub,
      jurisdiction: canonicalJurisdiction(principal.jurisdiction),
      key,
      fingerprint,
      resultId: mutation.newResultId,
    });
    if (earlier !== null) return { resultId: earlier, changed: false };
    await mutation.perform(tx, target, mutation.newResultId);
    return { resultId: mutation.newResultId, changed: true };
  });
  if (outcome.changed) mutation.afterChange?.();
  const result = await mutation.read(outcome.resultId);
  // The caller was authorized for the very record it wrote or replayed; not seeing it is a bug, never data to return.
  if (result === null)
    throw new Error(`idempotent mutation result ${outcome.resultId} is not visible to the caller who was authorized for it`);
  return result;
}
