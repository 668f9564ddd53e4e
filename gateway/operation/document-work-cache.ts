import type { DocumentNode, GraphQLSchema } from "graphql";

/** What a DocumentWorkCache has done so far: counts, never timings. */
export interface CacheStats {
  hits: number;
  misses: number;
  /** Outcomes not stored because they depend on something outside the key (e.g. the request's variables). */
  uncacheable: number;
  size: number;
}

/**
 * A bounded LRU for the gateway's per-request work on an operation's document
 * (authorization filtering, the audit trail's keys), so the same document
 * asked the same way is worked out once.
 *
 * Documents are keyed by identity, never by text: each DocumentNode object
 * gets an id the first time it is seen (ids are never reused), so an entry can
 * only ever be found for the very document it was computed from. Apollo
 * Server's document store hands out the same parsed DocumentNode for the same
 * query text, which is what makes repeats hit. The schema is keyed the same
 * way, so a supergraph update starts afresh. Whatever else the outcome depends
 * on (operation name, the caller's scopes, …) is the caller's `key`: it must
 * name every input of the work, or the work must not be cached.
 */
export class DocumentWorkCache<V> {
  private readonly ids = new WeakMap<object, number>();
  private nextId = 0;
  private readonly entries = new Map<string, V>();
  private readonly counts = { hits: 0, misses: 0, uncacheable: 0 };

  constructor(private readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 0) throw new Error(`maxEntries must be a whole number ≥ 0, not ${maxEntries}`);
  }

  private idOf(object: object): number {
    let id = this.ids.get(object);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(object, id);
    }
    return id;
  }

  /**
   * The stored outcome for (schema, document, key), or `compute`'s. `compute`
   * says whether its outcome may be stored: `cacheable: false` for an outcome
   * that depends on more than the key.
   */
  get(schema: GraphQLSchema, document: DocumentNode, key: string, compute: () => { value: V; cacheable: boolean }): V {
    const fullKey = `${this.idOf(schema)}:${this.idOf(document)}:${key}`;
    const known = this.entries.get(fullKey);
    if (known !== undefined) {
      this.counts.hits += 1;
      // Most recently used last: Map keeps insertion order, so the first key is the least recently used.
      this.entries.delete(fullKey);
      this.entries.set(fullKey, known);
      return known;
    }
    const { value, cacheable } = compute();
    if (!cacheable) {
      this.counts.uncacheable += 1;
      return value;
    }
    this.counts.misses += 1;
    if (this.maxEntries === 0) return value;
    this.entries.set(fullKey, value);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  stats(): CacheStats {
    return { ...this.counts, size: this.entries.size };
  }
}
