import type { KeyValueCache, KeyValueCacheSetOptions } from "@apollo/utils.keyvaluecache";

/**
 * A KeyValueCache whose failures are never the caller's problem: a failed or
 * timed-out read is a miss, a failed write or delete is skipped. Unlike
 * Apollo's ErrorsAreMissesCache it covers writes too, and it counts failures
 * so tests and operators can see the cache is degraded.
 */
export class FailOpenCache implements KeyValueCache<string> {
  constructor(
    private readonly inner: KeyValueCache<string>,
    private readonly onError: () => void,
  ) {}

  async get(key: string): Promise<string | undefined> {
    try {
      return await this.inner.get(key);
    } catch {
      this.onError();
      return undefined;
    }
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    try {
      await this.inner.set(key, value, options);
    } catch {
      this.onError();
    }
  }

  async delete(key: string): Promise<boolean> {
    try {
      return (await this.inner.delete(key)) === true;
    } catch {
      this.onError();
      return false;
    }
  }
}
