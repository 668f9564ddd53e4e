import { createHash } from "node:crypto";
import type { Principal } from "../../platform/identity/principal";

/** Enough for every caller of a busy hour; each entry is a hash and a small principal. */
export const DEFAULT_TOKEN_CACHE_ENTRIES = 10_000;
/**
 * A cached verification stands at most this long, whatever the token's own
 * expiry: a signing key withdrawn from the identity provider's key set (a
 * compromise) stops being honoured within this time, as the remote key set's
 * own refresh would.
 */
export const DEFAULT_TOKEN_CACHE_SECONDS = 300;

interface Entry {
  principal: Principal;
  expiresAtMs: number;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * Principals of tokens that verified, so a caller's next request within the
 * token's lifetime costs a hash instead of a signature check (measured:
 * 210–300 µs per request). Only a successful verification is ever stored; a
 * lookup needs the exact token (keyed by its SHA-256, so the cache never
 * holds a usable credential); an entry ends when the token would stop being
 * accepted (exp, or iat + maximum age) or after maxSeconds, whichever is
 * first; the least recently used entry goes when the cache is full. The
 * principals handed out are frozen: requests share them.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries = DEFAULT_TOKEN_CACHE_ENTRIES,
    private readonly maxSeconds = DEFAULT_TOKEN_CACHE_SECONDS,
    private readonly now: () => number = Date.now,
  ) {}

  private static keyOf(token: string): string {
    return createHash("sha256").update(token).digest("base64url");
  }

  get(token: string): Principal | undefined {
    const key = VerifiedTokenCache.keyOf(token);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAtMs <= this.now()) return undefined;
    this.entries.set(key, entry); // most recently used last
    return entry.principal;
  }

  /** Call only after `token` verified; `validUntilSeconds` is when it stops being accepted (epoch seconds). */
  set(token: string, principal: Principal, validUntilSeconds: number): Principal {
    const expiresAtMs = Math.min(validUntilSeconds * 1000, this.now() + this.maxSeconds * 1000);
    const frozen = deepFreeze(principal);
    if (expiresAtMs <= this.now()) return frozen;
    const key = VerifiedTokenCache.keyOf(token);
    this.entries.delete(key);
    this.entries.set(key, { principal: frozen, expiresAtMs });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return frozen;
  }

  get size(): number {
    return this.entries.size;
  }
}
