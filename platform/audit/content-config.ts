import { ConfigError, envInt, envOptional, envString } from "../env";
import { AuditValueHasher, DEVELOPMENT_HASH_KEY, readAuditHashKeyFile } from "./value-hash";

/** Long enough to say why in words ("risk assessment", "complaint 2026/118"), short enough for a header. */
export const DEFAULT_MIN_JUSTIFICATION_LENGTH = 10;
/**
 * A record's document and its variables are each at most this many bytes
 * (UTF-8) as stored; a longer one is stored as its sha256 and length. The
 * largest documented example is under 1 kB; 2,000 tokens of GraphQL fit.
 */
export const DEFAULT_MAX_RECORDED_TEXT_BYTES = 16_384;

/** What the audit trail keeps of an operation, and how (docs/audit-trail.md). */
export interface AuditContentConfig {
  hasher: AuditValueHasher;
  maxTextBytes: number;
  minJustificationLength: number;
}

export const DEFAULT_AUDIT_CONTENT: Readonly<AuditContentConfig> = {
  hasher: new AuditValueHasher(DEVELOPMENT_HASH_KEY),
  maxTextBytes: DEFAULT_MAX_RECORDED_TEXT_BYTES,
  minJustificationLength: DEFAULT_MIN_JUSTIFICATION_LENGTH,
};

/**
 * AUDIT_HASH_KEYS_FILE (a key file, see value-hash.ts), or AUDIT_HASH_KEY
 * (base64, at least 32 bytes) with AUDIT_HASH_KEY_ID; the development key
 * otherwise, never in production.
 */
function readHasher(): AuditValueHasher {
  const file = envOptional("AUDIT_HASH_KEYS_FILE");
  if (file) return readAuditHashKeyFile(file);
  const secret = envOptional("AUDIT_HASH_KEY");
  if (secret) return new AuditValueHasher({ id: envString("AUDIT_HASH_KEY_ID", "k1"), secret: Buffer.from(secret, "base64") });
  if (process.env.NODE_ENV === "production") {
    throw new ConfigError("Set AUDIT_HASH_KEYS_FILE (or AUDIT_HASH_KEY): production never hashes the audit trail with the development key");
  }
  return DEFAULT_AUDIT_CONTENT.hasher;
}

export function readAuditContentConfig(): AuditContentConfig {
  const minJustificationLength = envInt("AUDIT_MIN_JUSTIFICATION_LENGTH", DEFAULT_MIN_JUSTIFICATION_LENGTH);
  if (minJustificationLength < 1) throw new ConfigError("AUDIT_MIN_JUSTIFICATION_LENGTH must be at least 1");
  const maxTextBytes = envInt("AUDIT_MAX_RECORDED_TEXT_BYTES", DEFAULT_MAX_RECORDED_TEXT_BYTES);
  if (maxTextBytes < 256) throw new ConfigError("AUDIT_MAX_RECORDED_TEXT_BYTES must be at least 256");
  return { hasher: readHasher(), maxTextBytes, minJustificationLength };
}
