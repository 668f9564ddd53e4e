import { envPiece, readPiece, type EnvPiece } from "../env-schema";
import { optionalTextVar, textVar, wholeNumberVar } from "../env-values";
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
export const auditContentPiece: EnvPiece<AuditContentConfig> = envPiece({
  variables: {
    AUDIT_HASH_KEYS_FILE: optionalTextVar({
      default: "the development key (refused with `NODE_ENV=production`)",
      meaning: "the keys audit records hash case notes and identity with ([docs/audit-trail.md](../audit-trail.md))",
    }),
    AUDIT_HASH_KEY: optionalTextVar({
      default: "unset",
      meaning: "one such key, base64 (at least 32 bytes), instead of the file",
      secret: true,
    }),
    AUDIT_HASH_KEY_ID: textVar("k1", { meaning: "the id of `AUDIT_HASH_KEY`" }),
    AUDIT_MAX_RECORDED_TEXT_BYTES: wholeNumberVar(
      DEFAULT_MAX_RECORDED_TEXT_BYTES,
      { meaning: "a record's document or variables text longer than this is stored as its sha256 and length" },
      { min: 256 },
    ),
    AUDIT_MIN_JUSTIFICATION_LENGTH: wholeNumberVar(
      DEFAULT_MIN_JUSTIFICATION_LENGTH,
      { meaning: "the shortest justification accepted" },
      { min: 1 },
    ),
  },
  production: [
    { anyOf: ["AUDIT_HASH_KEYS_FILE", "AUDIT_HASH_KEY"], why: "production never hashes the audit trail with the development key" },
  ],
  read: (values) => {
    const hasher = values.AUDIT_HASH_KEYS_FILE
      ? readAuditHashKeyFile(values.AUDIT_HASH_KEYS_FILE)
      : values.AUDIT_HASH_KEY
        ? new AuditValueHasher({ id: values.AUDIT_HASH_KEY_ID, secret: Buffer.from(values.AUDIT_HASH_KEY, "base64") })
        : DEFAULT_AUDIT_CONTENT.hasher;
    return { hasher, maxTextBytes: values.AUDIT_MAX_RECORDED_TEXT_BYTES, minJustificationLength: values.AUDIT_MIN_JUSTIFICATION_LENGTH };
  },
});

export function readAuditContentConfig(): AuditContentConfig {
  return readPiece(auditContentPiece);
}
