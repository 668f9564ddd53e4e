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
  /**
   * The entities the response disclosed (after authorization: withheld ones are not here), as (type, id)
   * pairs in the order given. The trail knows no entity type: which types are audited is decided above it.
   */
  disclosed: DisclosedEntity[];
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

/** One entity a response disclosed: its GraphQL type and its id. */
export interface DisclosedEntity {
  type: string;
  id: string;
}

/**
 * A stored record: its place in the chain and its hash. `kind` is null for records written before kinds existed;
 * `hashVersion` null for records written before disclosures were one list (see auditRecordHash).
 */
export interface AuditRecord extends Omit<AuditEntry, "kind" | "retryKey"> {
  kind: AuditRecordKind | null;
  retryKey: string | null;
  hashVersion: number | null;
  seq: number;
  prevHash: string;
  hash: string;
}

/**
 * The hash form of every record written now (stored in hash_version). Records without one were hashed in
 * one of the two earlier forms, both over the trail's first layout of disclosures (one array column per
 * entity type); their kind says which.
 */
export const CURRENT_HASH_VERSION = 3;

/** The `prev_hash` of the first record. */
export const GENESIS_HASH = "0".repeat(64);

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

type HashedContent = Omit<AuditRecord, "seq" | "prevHash" | "hash" | "hashVersion">;

/** The text columns every form covers, in their fixed order, up to the disclosures. */
function leadingFields(record: HashedContent): unknown[] {
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
  ];
}

/**
 * The content digest of a record written now: sha256 (hex) of the JSON array of the hash version, its
 * text columns in a fixed order, its disclosures as [type, id] pairs in their order, its changes, refusal,
 * kind and retry key. It needs neither the seq nor the previous hash, so the writer works it out before
 * it takes the trail's lock.
 */
export function auditContentDigest(record: HashedContent): string {
  return sha256(
    JSON.stringify([
      CURRENT_HASH_VERSION,
      ...leadingFields(record),
      record.disclosed.map(({ type, id }) => [type, id]),
      record.changes,
      record.refusal ?? null,
      record.kind,
      record.retryKey,
    ]),
  );
}

/** The hash of a record with a kind: sha256 (hex) over the previous hash, the seq and the content digest, one a line. */
export function chainedHash(prevHash: string, seq: number, contentDigest: string): string {
  return sha256(`${prevHash}\n${seq}\n${contentDigest}`);
}

/**
 * A record's disclosures as the first layout stored them: one array per column, the columns holding the
 * entity types `legacyColumns` names, in that order. Null when the disclosures are not exactly what such
 * arrays read back in column order (a type no column held, or an order the move could not have made): a
 * record so changed no longer matches its hash.
 */
function legacyArrays(disclosed: readonly DisclosedEntity[], legacyColumns: readonly string[]): string[][] | null {
  const arrays = legacyColumns.map((type) => disclosed.filter((entity) => entity.type === type).map((entity) => entity.id));
  const reread = legacyColumns.flatMap((type, column) => arrays[column].map((id) => JSON.stringify([type, id])));
  const stored = disclosed.map(({ type, id }) => JSON.stringify([type, id]));
  return reread.length === stored.length && reread.every((entity, i) => entity === stored[i]) ? arrays : null;
}

/** The columns the earlier forms covered, in their fixed order: the first layout's arrays in place of the list. */
function legacyContentFields(record: HashedContent, arrays: string[][]): unknown[] {
  return [
    ...leadingFields(record),
    ...arrays,
    record.changes,
    // Only when set, so records from before the column still hash as they did.
    ...(record.refusal === null || record.refusal === undefined ? [] : [record.refusal]),
  ];
}

/**
 * The hash the record should carry, or null when its content cannot be the content of any record (it then
 * matches no hash). Three forms, each a fixed-order JSON array of strings (the JSON columns are stored as
 * text, byte for byte) that anyone can recompute with any sha256 and JSON tool:
 * - hash version 3 (every record written now): chainedHash over auditContentDigest;
 * - no hash version, with a kind: chainedHash over sha256 of the JSON array of the content columns of the
 *   first layout (its disclosure arrays rebuilt from the record's disclosures through `legacyColumns`, the
 *   entity type of each array column in column order, as the store keeps them), then kind and retry key;
 * - no hash version and no kind (the first records): sha256 over the previous record's hash, a newline,
 *   and the JSON array of the seq and those content columns.
 */
export function auditRecordHash(record: Omit<AuditRecord, "hash">, legacyColumns: readonly string[]): string | null {
  if (record.hashVersion === CURRENT_HASH_VERSION) return chainedHash(record.prevHash, record.seq, auditContentDigest(record));
  if (record.hashVersion !== null) return null;
  const arrays = legacyArrays(record.disclosed, legacyColumns);
  if (arrays === null) return null;
  const fields = legacyContentFields(record, arrays);
  if (record.kind !== null)
    return chainedHash(record.prevHash, record.seq, sha256(JSON.stringify([...fields, record.kind, record.retryKey])));
  if (record.retryKey !== null) return null;
  return sha256(`${record.prevHash}\n${JSON.stringify([String(record.seq), ...fields])}`);
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
    const record: AuditRecord = {
      ...entry,
      hashVersion: CURRENT_HASH_VERSION,
      seq,
      prevHash,
      hash: chainedHash(prevHash, seq, contentDigest),
    };
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
    // The disclosures are objects of texts: their type and id.
    const texts = Array.isArray(value)
      ? value.flatMap((item: unknown) => (typeof item === "object" && item ? Object.values(item) : [item]))
      : [value];
    for (const text of texts) if (typeof text === "string" && !isStorableText(text)) return column;
  }
  return null;
}

function isStorableText(text: string): boolean {
  // No NUL, and no high surrogate without its low one nor low one without its high one.
  return !text.includes("\u0000") && !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}
