/** A commit did not complete within the caller's time: its item is not (or not yet) written. */
export class CommitTimeoutError extends Error {
  constructor(
    timeoutMs: number,
    /** False: the item was still queued and is cancelled, never written. True: its commit was running and may still complete. */
    readonly inFlight: boolean,
  ) {
    super(`the commit did not complete within ${timeoutMs} ms`);
    this.name = "CommitTimeoutError";
  }
}

export interface GroupCommitOptions<T> {
  maxBatch: number;
  timeoutMs: number;
  /**
   * Whether a failed commit may be the fault of one item rather than of the store (e.g. a value the database
   * refuses): the batch is then split and retried in halves until the failing item fails alone. A failure
   * that is not (the store is down) fails the whole batch at once.
   */
  isolates?: (error: unknown) => boolean;
  /**
   * An item whose caller was told its commit timed out while that commit was running, and which then
   * committed after all: the caller has answered as if it were not written, so it must be put right.
   */
  onCommittedLate?: (item: T) => void;
}

interface Waiting<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
  /** Given up by its caller: a queued item is dropped, a running one reported to onCommittedLate if it commits. */
  timedOut: boolean;
}

/**
 * Group commit: callers append one item each and wait for the commit that
 * contains it; items that arrive while a commit is running wait together for
 * the next one, so N concurrent callers cost about one transaction, not N.
 * - One item the store refuses fails alone (see `isolates`): the rest of its
 *   batch is committed in smaller batches and answered normally.
 * - An item still queued when its caller's time runs out is cancelled: it is
 *   never written. One whose commit is running then is reported to
 *   onCommittedLate if that commit completes after all.
 * Nothing else is retried behind the caller's back: a store that is down
 * fails the batch, and the caller decides (e.g. withholding its response).
 */
export class GroupCommitWriter<T> {
  private queue: Waiting<T>[] = [];
  private running = false;

  constructor(
    private readonly commit: (items: T[]) => Promise<unknown>,
    private readonly options: GroupCommitOptions<T>,
  ) {}

  /**
   * Resolves once the item is durably committed; rejects if its commit fails, or with CommitTimeoutError if it
   * takes longer than timeoutMs (or the time given; null waits as long as it takes).
   */
  append(item: T, timeoutMs: number | null = this.options.timeoutMs): Promise<void> {
    let waiting!: Waiting<T>;
    const committed = new Promise<void>((resolve, reject) => {
      waiting = { item, resolve, reject, timedOut: false };
    });
    this.queue.push(waiting);
    if (!this.running) void this.drain();
    if (timeoutMs === null) return committed;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        waiting.timedOut = true;
        const queued = this.queue.indexOf(waiting);
        if (queued >= 0) this.queue.splice(queued, 1);
        reject(new CommitTimeoutError(timeoutMs, queued < 0));
      }, timeoutMs);
    });
    // The commit's own outcome is still awaited (it settles later); a rejection nobody reads is not an error.
    committed.catch(() => undefined);
    return Promise.race([committed, timeout]).finally(() => clearTimeout(timer));
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) await this.commitBatch(this.queue.splice(0, this.options.maxBatch));
    } finally {
      this.running = false;
    }
  }

  private async commitBatch(batch: Waiting<T>[]): Promise<void> {
    try {
      await this.commit(batch.map((waiting) => waiting.item));
    } catch (error) {
      if (batch.length > 1 && this.options.isolates?.(error)) {
        // Halves, each its own transaction chained after the one before: the item at fault ends up alone.
        // Items whose callers gave up meanwhile are not written at all.
        const wanted = batch.filter((waiting) => !waiting.timedOut);
        const half = Math.ceil(wanted.length / 2);
        if (wanted.length > 0) await this.commitBatch(wanted.slice(0, half));
        if (wanted.length > half) await this.commitBatch(wanted.slice(half));
        return;
      }
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    for (const waiting of batch) {
      waiting.resolve();
      if (waiting.timedOut) this.options.onCommittedLate?.(waiting.item);
    }
  }
}
