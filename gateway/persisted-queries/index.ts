import { createHash } from "node:crypto";
import { InMemoryLRUCache, type KeyValueCache, type KeyValueCacheSetOptions } from "@apollo/utils.keyvaluecache";
import { canonicalJurisdiction, type Principal } from "../../platform/identity/principal";
import { currentRequestAccess, setRequestAccess } from "../../platform/request-scope";
import type { GatewayConcern } from "../concern";

/**
 * Automatic persisted queries, partitioned by access. A store shared by every
 * caller is an oracle: whether a hash is found tells a caller that somebody
 * sent that exact document (a search by a victim's name, say), whatever the
 * caller may read. So a registered document is kept under the registering
 * caller's access shape (sorted scopes, jurisdiction, persona, as the
 * response cache keys answers) and found only by callers of the same shape:
 * to anyone else a hash is PERSISTED_QUERY_NOT_FOUND until they register it
 * themselves. `sub` and `purpose` stay out, so one dashboard's registrations
 * serve its replicas and peers. See docs/persisted-queries.md.
 *
 * Apollo Server asks the cache without the request context; the access shape
 * reaches it in the request scope (platform/request-scope.ts), named by the
 * gateway's context once the caller is known. Outside a named scope nothing
 * is found and nothing kept.
 */

const ACCESS_VERSION = "apq-access/1";

/** The caller's access shape, as a key: equal for callers who may read exactly the same. */
export function accessKeyOf(principal: Principal): string {
  const material = [
    ACCESS_VERSION,
    [...new Set(principal.scopes)].sort(),
    canonicalJurisdiction(principal.jurisdiction),
    principal.persona,
  ];
  return createHash("sha256").update(JSON.stringify(material)).digest("base64url");
}

/**
 * A KeyValueCache that puts every key under the current request's access
 * key: Apollo's "apq:<sha256>" becomes "apq:<access>:<sha256>".
 */
export class AccessPartitionedCache implements KeyValueCache<string> {
  constructor(private readonly inner: KeyValueCache<string>) {}

  private keyOf(key: string): string | undefined {
    const access = currentRequestAccess();
    if (access === undefined) return undefined;
    return key.startsWith("apq:") ? `apq:${access}:${key.slice(4)}` : `${access}:${key}`;
  }

  async get(key: string): Promise<string | undefined> {
    const partitioned = this.keyOf(key);
    return partitioned === undefined ? undefined : this.inner.get(partitioned);
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const partitioned = this.keyOf(key);
    if (partitioned !== undefined) await this.inner.set(partitioned, value, options);
  }

  async delete(key: string): Promise<boolean | void> {
    const partitioned = this.keyOf(key);
    return partitioned === undefined ? undefined : this.inner.delete(partitioned);
  }
}

/**
 * The trusted documents first, for every caller: a client that ships only
 * the ids of its operations (the reporting dashboard holds no query text)
 * sends one by its hash without registering it. No oracle: the manifest's
 * documents are the shipped clients' own, known to anyone who has them, and
 * whoever sends an id, the operation is still limited, authorized and
 * audited as theirs. Everything else goes to the partitioned store.
 */
export class TrustedDocumentsFirst implements KeyValueCache<string> {
  constructor(
    private readonly documents: ReadonlyMap<string, string>,
    private readonly inner: KeyValueCache<string>,
  ) {}

  private trusted(key: string): string | undefined {
    return key.startsWith("apq:") ? this.documents.get(key.slice(4)) : undefined;
  }

  async get(key: string): Promise<string | undefined> {
    return this.trusted(key) ?? this.inner.get(key);
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    if (this.trusted(key) === undefined) await this.inner.set(key, value, options);
  }

  async delete(key: string): Promise<boolean | void> {
    if (this.trusted(key) === undefined) return this.inner.delete(key);
  }
}

/** Apollo's default for its own APQ store: 30 MiB of documents, least recently used first out. */
const DEFAULT_MAX_BYTES = 30 * 1024 * 1024;

/**
 * Automatic persisted queries as a gateway concern: Apollo Server's
 * `persistedQueries` option on the response cache's store when there is one
 * (Redis, shared by replicas), else in this process's memory; partitioned by
 * access either way, never Apollo's shared default. Its context hook names
 * the caller's access in the request scope, where the store finds it (Apollo
 * Server asks the store without the request context); it must come after
 * authentication. The trusted documents (gateway/trusted-documents) are
 * found by their ids before the store is asked.
 */
export function createPersistedQueries(
  store?: { cache: KeyValueCache<string>; ttl: number },
  trustedDocuments: ReadonlyMap<string, string> = new Map(),
): GatewayConcern {
  const partitioned = new AccessPartitionedCache(store?.cache ?? new InMemoryLRUCache<string>({ maxSize: DEFAULT_MAX_BYTES }));
  return {
    name: "persisted queries",
    persistedQueries: { cache: new TrustedDocumentsFirst(trustedDocuments, partitioned), ...(store ? { ttl: store.ttl } : {}) },
    async context(_request, context) {
      if (!context.principal) throw new Error("Persisted queries need the caller: authentication must come first");
      setRequestAccess(accessKeyOf(context.principal));
    },
  };
}
