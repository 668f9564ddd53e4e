import type { Db } from "../db/db";
import { auditRecordHash, GENESIS_HASH, type AuditRecord } from "./record";
import { auditRecordsAfter, legacyDisclosureColumns } from "./store";

export type AuditChainProblem =
  /** A sequence number is absent: the record was deleted (or its partition dropped). */
  | { kind: "missing"; seq: number; message: string }
  /** A record's content no longer matches its hash: it was edited. */
  | { kind: "altered"; seq: number; message: string }
  /** A record does not follow the one before it: records were reordered, or a predecessor was replaced whole. */
  | { kind: "broken-link"; seq: number; message: string }
  /** The same sequence number twice. */
  | { kind: "duplicate"; seq: number; message: string };

/**
 * Where verification starts once retention has removed the oldest months: the
 * last removed record's seq and hash, as kept with the exported months.
 */
export interface AuditChainAnchor {
  seq: number;
  hash: string;
}

/** A mutation's intent with no outcome: it may or may not have changed data (its subgraph knows, by idempotency key). */
export interface OpenIntent {
  seq: number;
  requestId: string;
  recordedAt: string;
  sub: string;
  operationName: string | null;
}

/** At most this many open intents are listed (all are counted). */
export const MAX_LISTED_OPEN_INTENTS = 100;

export interface AuditChainReport {
  /** Records checked before the first problem (all of them when there is none). */
  checked: number;
  /** The last good record: auditors keep its hash outside the database to detect removal of later records. */
  last: { seq: number; hash: string } | null;
  problem: AuditChainProblem | null;
  /**
   * Intents among the checked records with neither an outcome of their request, nor a withheld record (the
   * mutation was then never sent), nor a later retry (same caller, jurisdiction, idempotency keys, document and
   * variables) whose
   * outcome is recorded: oldest first, at most MAX_LISTED_OPEN_INTENTS of them.
   */
  openIntents: OpenIntent[];
  openIntentCount: number;
  /** Withheld records: responses not sent although a record of them had been committed. */
  withheldResponses: number;
}

/** Follows intents through the chain: which are completed by an outcome, withheld, or still open. */
class IntentTracker {
  private readonly open = new Map<string, AuditRecord>();
  private readonly openByRetryKey = new Map<string, Set<string>>();
  withheld = 0;

  private static retryKeyOf(record: AuditRecord): string | null {
    // A retry repeats the request: the same caller and jurisdiction, keys, document and variables. A request reusing
    // a key with another meaning (which its subgraph refuses) completes nothing.
    return record.retryKey === null
      ? null
      : JSON.stringify([record.sub, record.jurisdiction, record.retryKey, record.documentHash, record.variables]);
  }

  see(record: AuditRecord): void {
    if (record.kind === "intent") {
      this.open.set(record.requestId, record);
      const key = IntentTracker.retryKeyOf(record);
      if (key !== null) this.openByRetryKey.set(key, (this.openByRetryKey.get(key) ?? new Set()).add(record.requestId));
    } else if (record.kind === "outcome") {
      const intent = this.open.get(record.requestId);
      const key = intent ? IntentTracker.retryKeyOf(intent) : null;
      // The outcome completes its own intent and every earlier one its retry repeated.
      for (const requestId of key !== null ? [...(this.openByRetryKey.get(key) ?? [])] : [record.requestId]) this.close(requestId);
    } else if (record.kind === "withheld") {
      this.withheld += 1;
      this.close(record.requestId);
    } else if (record.kind === "refused") {
      // Refused after its intent was on record (authorization in reject mode): nothing was sent.
      this.close(record.requestId);
    }
  }

  private close(requestId: string): void {
    const intent = this.open.get(requestId);
    if (!intent) return;
    this.open.delete(requestId);
    const key = IntentTracker.retryKeyOf(intent);
    if (key !== null) this.openByRetryKey.get(key)?.delete(requestId);
    if (key !== null && this.openByRetryKey.get(key)?.size === 0) this.openByRetryKey.delete(key);
  }

  report(): Pick<AuditChainReport, "openIntents" | "openIntentCount" | "withheldResponses"> {
    const open = [...this.open.values()].sort((a, b) => a.seq - b.seq);
    return {
      openIntents: open.slice(0, MAX_LISTED_OPEN_INTENTS).map(({ seq, requestId, recordedAt, sub, operationName }) => ({
        seq,
        requestId,
        recordedAt,
        sub,
        operationName,
      })),
      openIntentCount: open.length,
      withheldResponses: this.withheld,
    };
  }
}

/**
 * Recomputes the hash chain from the first record to the last, in seq order,
 * and reports the first problem: a missing sequence number, a record whose
 * content does not match its hash, or one that does not link to its
 * predecessor. Reads a page at a time, so any size of trail fits in memory.
 * Starts at record 1, or after `after` when older months were removed.
 * Also reports the intents left without an outcome (a crash, or a failed
 * outcome write, between a mutation and its outcome record) and how many
 * responses were withheld after their record had committed.
 */
export async function verifyAuditChain(db: Db, options: { pageSize?: number; after?: AuditChainAnchor } = {}): Promise<AuditChainReport> {
  const pageSize = options.pageSize ?? 5000;
  let expectedSeq = (options.after?.seq ?? 0) + 1;
  let prevHash = options.after?.hash ?? GENESIS_HASH;
  let checked = 0;
  let last: AuditChainReport["last"] = null;
  const intents = new IntentTracker();
  const legacyColumns = await legacyDisclosureColumns(db);
  for (;;) {
    const page = await auditRecordsAfter(db, expectedSeq - 1, pageSize);
    if (page.length === 0) return { checked, last, problem: null, ...intents.report() };
    for (const record of page) {
      const problem = checkRecord(record, expectedSeq, prevHash, legacyColumns);
      if (problem) return { checked, last, problem, ...intents.report() };
      intents.see(record);
      checked += 1;
      last = { seq: record.seq, hash: record.hash };
      prevHash = record.hash;
      expectedSeq += 1;
    }
  }
}

function checkRecord(
  record: AuditRecord,
  expectedSeq: number,
  prevHash: string,
  legacyColumns: readonly string[],
): AuditChainProblem | null {
  if (record.seq > expectedSeq) {
    return { kind: "missing", seq: expectedSeq, message: `record ${expectedSeq} is missing (the next record present is ${record.seq})` };
  }
  if (record.seq < expectedSeq) {
    return { kind: "duplicate", seq: record.seq, message: `record ${record.seq} appears more than once` };
  }
  // The link first: a moved record still matches its own hash but not its new predecessor.
  if (record.prevHash !== prevHash) {
    return {
      kind: "broken-link",
      seq: record.seq,
      message: `record ${record.seq} does not follow record ${record.seq - 1}: records were reordered, or record ${record.seq - 1} was replaced`,
    };
  }
  const { hash, ...unhashed } = record;
  // Its disclosures included: one added, removed, changed or moved to another record is found here.
  if (auditRecordHash(unhashed, legacyColumns) !== hash) {
    return { kind: "altered", seq: record.seq, message: `record ${record.seq} does not match its hash: its content was changed` };
  }
  return null;
}
