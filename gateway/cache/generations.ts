import { randomUUID } from "node:crypto";
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import type { DataDomain } from "./cacheability";

/**
 * One generation per data domain, kept in the cache's own store (so every
 * gateway replica on one Redis sees the same) and part of every key: bumping
 * it makes every entry of the domain unreachable at once, without finding
 * them. A generation is a random token, never a counter: a store that lost it
 * (restarted, evicted it) starts a new one, never an old one an entry still
 * carries. Bumped only after the change it announces has committed, so a
 * request that read the new generation can never have read the old data.
 */
export class DataGenerations {
  /**
   * @param progress per domain, a fingerprint of changes made where this
   *   process cannot see them (EventStreamProgress), read with the stored
   *   generation and part of it.
   */
  constructor(
    private readonly store: KeyValueCache<string>,
    private readonly progress: Partial<Record<DataDomain, () => Promise<string>>> = {},
  ) {}

  async current(domains: readonly DataDomain[]): Promise<Record<string, string>> {
    const entries = await Promise.all(
      domains.map(async (domain) => {
        const [stored, progress] = await Promise.all([this.stored(domain), this.progress[domain]?.() ?? ""]);
        return [domain, `${stored}/${progress}`] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  private async stored(domain: DataDomain): Promise<string> {
    const stored = await this.store.get(generationKey(domain));
    if (stored !== undefined) return stored;
    const started = randomUUID();
    await this.store.set(generationKey(domain), started);
    return started;
  }

  async bump(domains: readonly DataDomain[]): Promise<void> {
    await Promise.all(domains.map((domain) => this.store.set(generationKey(domain), randomUUID())));
  }
}

function generationKey(domain: DataDomain): string {
  return `generation:${domain}`;
}
