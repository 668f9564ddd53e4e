import { ASSERTION_CLOCK_TOLERANCE_SECONDS, ASSERTION_LIFETIME_SECONDS } from "./assertion";

/**
 * The subgraph's memory of the assertions it has accepted, so each is
 * accepted once: a captured assertion sent again, even with its own body, is
 * refused. An id need only be remembered while its assertion could still pass
 * verification: at most the lifetime after issue plus the clock tolerance on
 * both ends, counted from when it was accepted. Entries are kept in the order
 * they were accepted, each with the same retention, so expired ones are at the
 * front and are dropped there as new ones arrive: memory is bounded by the
 * calls of one retention window, never the process's whole life.
 *
 * One process's memory: replicas of a subgraph do not share it (see
 * docs/identity-assertions.md).
 */
export const REPLAY_RETENTION_MS = (ASSERTION_LIFETIME_SECONDS + 2 * ASSERTION_CLOCK_TOLERANCE_SECONDS) * 1000;

export class AssertionReplayGuard {
  private readonly forgetAt = new Map<string, number>();

  constructor(private readonly nowMs: () => number = Date.now) {}

  /** True the first time an id is seen within the retention window; false for a replay. */
  accept(assertionId: string): boolean {
    const now = this.nowMs();
    this.forgetExpired(now);
    if (this.forgetAt.has(assertionId)) return false;
    this.forgetAt.set(assertionId, now + REPLAY_RETENTION_MS);
    return true;
  }

  /** Ids remembered now (tests, metrics). */
  get size(): number {
    return this.forgetAt.size;
  }

  private forgetExpired(now: number): void {
    for (const [id, until] of this.forgetAt) {
      if (until > now) return;
      this.forgetAt.delete(id);
    }
  }
}
