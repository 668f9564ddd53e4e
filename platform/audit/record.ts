import { createHash } from "node:crypto";

/**
 * What a record is (see migrations/audit_002_record_kinds.sql):
 * - consultation: a query, committed before its answer left;
 * - intent: a mutation, committed before it was sent to any subgraph;
 * - outcome: what the mutation of the same request id changed and disclosed;
 * - withheld: the response of the request id was not sent, so what its other
 *   records list was not disclosed (and an intent without outcome was never sent);
 * - refused: an attempt refused before it ran.
 */
export type AuditRecordKind = "consultation" | "intent" | "outcome" | "withheld" | "refused";

/**
 * One entry of the audit trail (Data Protection Act 2018 s.62): who consulted
 * or disclosed which personal data, when, why and to whom. What the gateway
 * hands to the writer; the store adds the sequence number and the hashes.
 */
export interface AuditEntry {
  kind: AuditRecordKind;
  /** When the response was produced (ISO 8601, UTC, milliseconds). */
  recordedAt: string;
  /** The gateway's request id, also sent to the caller as the x-request-id header. */
  requestId: string;
  sub: string;
  persona: string | null;
  /** "national", "forces:07,21" or "courts:B07ED,B21DA". */
  jurisdiction: string;
  /** For service personas: the system the data was disclosed to (its `sub`). */
  recipient: string | null;
  /** The `x-justification` header, or else the token's `purpose` claim. */
  justification: string | null;
  /** "unknown" only for a refused document that did not parse. */
  operationType: "query" | "mutation" | "subscription" | "unknown";
  operationName: string | null;
  /** sha256 (hex) of the document as the client sent it. */
  documentHash: string;
  document: string;
  /** The declared variables as coerced, as JSON; case notes and identity as keyed hashes, secrets redacted. */
  variables: string;
  /** Ids of the entities the response disclosed (after authorization: withheld ones are not here). */
  persons: string[];
  orders: string[];
  hearings: string[];
  breaches: string[];
  /** What a mutation changed, as JSON: [{ "field": "reportBreach", "type": "BreachOffence", "id": "…" }]. */
  changes: string;
  /**
   * For a mutation's intent and outcome: its root fields with the caller's idempotency keys, as JSON
   * ([["reportBreach","k-1"]]); null when a root field has none. A later intent of the same caller and
   * jurisdiction with the same retry key whose outcome is recorded completes an intent left open.
   */
  retryKey: string | null;
  /**
   * Set when the request was refused before anything ran: the code (or reason)
   * it was refused with, e.g. JUSTIFICATION_REQUIRED, OPERATION_LIMIT_EXCEEDED.
   */
  refusal?: string | null;
}

/** A stored record: its place in the chain and its hash. `kind` is null for records written before kinds existed. */
export interface AuditRecord extends Omit<AuditEntry, "kind" | "retryKey"> {
  kind: AuditRecordKind | null;
  retryKey: string | null;
  seq: number;
  prevHash: string;
  hash: string;
}

/** The `prev_hash` of the first record. */
export const GENESIS_HASH = "0".repeat(64);

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The columns a record's content hash covers, in their fixed order (every column but seq and the hashes). */
function contentFields(record: Omit<AuditRecord, "seq" | "prevHash" | "hash">): unknown[] {
  return [
    record.recordedAt,
    record.requestId,
    record.sub,
    record.persona,
    record.jurisdiction,
    record.recipient,
    record.justification,
    record.operationType,
    record.operationName,
    record.documentHash,
    record.document,
    record.variables,
    record.persons,
    record.orders,
    record.hearings,
    record.breaches,
    record.changes,
    // Only when set, so records from before the column still hash as they did.
    ...(record.refusal === null || record.refusal === undefined ? [] : [record.refusal]),
  ];
}

/**
 * The content digest of a record with a kind: sha256 (hex) of the JSON array
 * of its content columns in a fixed order, then its kind and retry key. It
 * needs neither the seq nor the previous hash, so the writer works it out
 * before it takes the trail's lock.
 */
export function auditContentDigest(record: Omit<AuditRecord, "seq" | "prevHash" | "hash">): string {
  return sha256(JSON.stringify([...contentFields(record), record.kind, record.retryKey]));
}

/** The hash of a record with a kind: sha256 (hex) over the previous hash, the seq and the content digest, one a line. */
export function chainedHash(prevHash: string, seq: number, contentDigest: string): string {
  return sha256(`${prevHash}\n${seq}\n${contentDigest}`);
}

/**
 * The record's hash. A record with a kind: chainedHash over its content
 * digest. A record written before kinds existed (kind null) hashes as it
 * always did: sha256 over the previous record's hash, a newline, and the JSON
 * array of the seq and its content columns. Either way a fixed-order array of
 * strings (the JSON columns are stored as text, byte for byte) needs no
 * canonicalisation, so anyone can recompute it with any sha256 and JSON tool.
 */
export function auditRecordHash(record: Omit<AuditRecord, "hash">): string {
  if (record.kind !== null) return chainedHash(record.prevHash, record.seq, auditContentDigest(record));
  if (record.retryKey !== null) throw new Error("A record without a kind has no retry key");
  return sha256(`${record.prevHash}\n${JSON.stringify([String(record.seq), ...contentFields(record)])}`);
}

/** An entry with its content digest worked out: only the cheap chaining remains for the writer's transaction. */
export interface PreparedAuditEntry {
  entry: AuditEntry;
  contentDigest: string;
}

export function prepareAuditEntry(entry: AuditEntry): PreparedAuditEntry {
  return { entry, contentDigest: auditContentDigest(entry) };
}

/** Chains prepared entries after the record (seq, hash) that is currently last: one short sha256 each. */
export function chainEntries(entries: readonly PreparedAuditEntry[], last: { seq: number; hash: string }): AuditRecord[] {
  let { seq, hash: prevHash } = last;
  return entries.map(({ entry, contentDigest }) => {
    seq += 1;
    const record: AuditRecord = { ...entry, seq, prevHash, hash: chainedHash(prevHash, seq, contentDigest) };
    prevHash = record.hash;
    return record;
  });
}

/**
 * The first column of an entry that Postgres text cannot store, or null: a
 * NUL character (SQLSTATE 22P05) or a lone UTF-16 surrogate (not UTF-8). Such
 * an entry is refused alone before it reaches a transaction shared with others.
 */
export function unstorableColumn(entry: AuditEntry): string | null {
  for (const [column, value] of Object.entries(entry)) {
    const texts = Array.isArray(value) ? value : [value];
    for (const text of texts) if (typeof text === "string" && !isStorableText(text)) return column;
  }
  return null;
}

function isStorableText(text: string): boolean {
  // No NUL, and no high surrogate without its low one nor low one without its high one.
  return !text.includes("\u0000") && !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}
