import { createHash, createHmac } from "node:crypto";
import { readFileSync } from "node:fs";

/**
 * Keyed hashes of the values the audit trail may not keep as they are (case
 * notes, names, dates of birth: domain/input-protection.ts). HMAC-SHA256
 * under a key only the gateway (and the audit CLI) holds, so nobody reading
 * the trail can test guesses offline — a name has little entropy, a plain
 * sha256 of it could be found by trying names. An auditor confirms a value by
 * supplying it: the reader computes its hash under every key and matches.
 *
 * A stored hash names the key that made it: `hmac-sha256:<key id>:<hex>`.
 * Keys rotate by configuration: a new key becomes current, old ones stay
 * listed for matching the records they hashed.
 */
export const VALUE_HASH_PREFIX = "hmac-sha256:";
const KEY_ID = /^[A-Za-z0-9._-]{1,32}$/;
const MIN_SECRET_BYTES = 32;

export interface AuditHashKey {
  id: string;
  secret: Buffer;
}

export class AuditValueHasher {
  private readonly keys: readonly AuditHashKey[];

  /** `current` hashes new values; every key (current first) is tried when matching. */
  constructor(
    private readonly current: AuditHashKey,
    others: readonly AuditHashKey[] = [],
  ) {
    for (const key of [current, ...others]) {
      if (!KEY_ID.test(key.id)) throw new Error(`Audit hash key id "${key.id}" must be 1-32 letters, digits, ".", "_" or "-"`);
      if (key.secret.length < MIN_SECRET_BYTES) throw new Error(`Audit hash key "${key.id}" must be at least ${MIN_SECRET_BYTES} bytes`);
    }
    this.keys = [current, ...others.filter((key) => key.id !== current.id)];
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  /** The value as the trail stores it: `hmac-sha256:<key id>:<hex>`. */
  hash(value: string): string {
    return hashWith(this.current, value);
  }

  /** The value's stored form under every key, to find the records holding it whichever key was current. */
  candidates(value: string): string[] {
    return this.keys.map((key) => hashWith(key, value));
  }
}

function hashWith(key: AuditHashKey, value: string): string {
  return `${VALUE_HASH_PREFIX}${key.id}:${createHmac("sha256", key.secret).update(value, "utf8").digest("hex")}`;
}

/**
 * The development key: fixed and public, so local stacks and tests need no
 * setup. Production refuses to start without a configured key (content-config.ts).
 */
export const DEVELOPMENT_HASH_KEY: AuditHashKey = {
  id: "dev",
  secret: createHash("sha256").update("spo development audit hash key; never for production").digest(),
};

/**
 * A key file: `{ "current": "<id>", "keys": { "<id>": "<base64 secret>", … } }`.
 * Every key listed is accepted for matching; `current` hashes new values.
 */
export function readAuditHashKeyFile(file: string): AuditValueHasher {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`Cannot read the audit hash keys from ${file}: ${(error as Error).message}`);
  }
  const { current, keys } = (parsed ?? {}) as { current?: unknown; keys?: unknown };
  if (typeof current !== "string" || typeof keys !== "object" || keys === null) {
    throw new Error(`${file} must be { "current": "<key id>", "keys": { "<key id>": "<base64 secret>" } }`);
  }
  const all = Object.entries(keys as Record<string, unknown>).map(([id, secret]) => {
    if (typeof secret !== "string") throw new Error(`${file}: key "${id}" must be a base64 string`);
    return { id, secret: Buffer.from(secret, "base64") };
  });
  const currentKey = all.find((key) => key.id === current);
  if (!currentKey) throw new Error(`${file}: the current key "${current}" is not among its keys`);
  return new AuditValueHasher(currentKey, all);
}
