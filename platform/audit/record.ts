import { createHash } from "node:crypto";

/**
 * One entry of the audit trail (Data Protection Act 2018 s.62): who consulted
 * or disclosed which personal data, when, why and to whom. What the gateway
 * hands to the writer; the store adds the sequence number and the hashes.
 */
export interface AuditEntry {
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
   * Set when the request was refused before anything ran: the code (or reason)
   * it was refused with, e.g. JUSTIFICATION_REQUIRED, OPERATION_LIMIT_EXCEEDED.
   */
  refusal?: string | null;
}

/** A stored entry: its place in the chain and its hash. */
export interface AuditRecord extends AuditEntry {
  seq: number;
  prevHash: string;
  hash: string;
}

/** The `prev_hash` of the first record. */
export const GENESIS_HASH = "0".repeat(64);

/**
 * The record's hash: sha256 (hex) over the previous record's hash, a newline,
 * and the JSON array of every column in this fixed order. A fixed-order array
 * of strings (the JSON columns are stored as text, byte for byte) needs no
 * canonicalisation, so anyone can recompute it with any sha256 and JSON tool.
 */
export function auditRecordHash(record: Omit<AuditRecord, "hash">): string {
  const fields = [
    String(record.seq),
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
  return createHash("sha256")
    .update(`${record.prevHash}\n${JSON.stringify(fields)}`)
    .digest("hex");
}

/** Chains entries after the record (seq, hash) that is currently last. */
export function chainEntries(entries: readonly AuditEntry[], last: { seq: number; hash: string }): AuditRecord[] {
  let { seq, hash: prevHash } = last;
  return entries.map((entry) => {
    seq += 1;
    const unhashed = { ...entry, seq, prevHash };
    const record = { ...unhashed, hash: auditRecordHash(unhashed) };
    prevHash = record.hash;
    return record;
  });
}
