/** What the cache did, counted: tests assert "the second request was a hit" by these, never by timing. */
export interface ResponseCacheMetrics {
  /** Cacheable requests answered from the cache. */
  hits: number;
  /** Cacheable requests that went to the subgraphs. */
  misses: number;
  /** Answers handed to the store (complete, error-free answers to cacheable requests); a write that failed also counts in storeErrors. */
  stored: number;
  /** Requests that were not cacheable and ran untouched (personal data, mutations, introspection). */
  passedThrough: number;
  /** Store commands that failed or timed out, each answered as a miss or skipped. */
  storeErrors: number;
}

export function emptyMetrics(): ResponseCacheMetrics {
  return { hits: 0, misses: 0, stored: 0, passedThrough: 0, storeErrors: 0 };
}
