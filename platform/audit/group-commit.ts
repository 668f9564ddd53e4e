/**
 * Group commit: callers append one item each and wait for the commit that
 * contains it; items that arrive while a commit is running wait together for
 * the next one, so N concurrent callers cost about one transaction, not N.
 * A failed commit fails every item in it (nothing is retried behind the
 * caller's back: the caller decides, e.g. withholding its response).
 */
export class GroupCommitWriter<T> {
  private queue: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private running = false;

  constructor(
    private readonly commit: (items: T[]) => Promise<unknown>,
    private readonly options: { maxBatch: number; timeoutMs: number },
  ) {}

  /** Resolves once the item is durably committed; rejects if its commit fails or takes longer than timeoutMs. */
  append(item: T): Promise<void> {
    const committed = new Promise<void>((resolve, reject) => this.queue.push({ item, resolve, reject }));
    if (!this.running) void this.drain();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the commit did not complete within ${this.options.timeoutMs} ms`)),
        this.options.timeoutMs,
      );
    });
    return Promise.race([committed, timeout]).finally(() => clearTimeout(timer));
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.options.maxBatch);
        try {
          await this.commit(batch.map((waiting) => waiting.item));
          for (const waiting of batch) waiting.resolve();
        } catch (error) {
          for (const waiting of batch) waiting.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
