import type { Db } from "../db/db";
import { auditRecordHash, GENESIS_HASH } from "./record";
import { auditRecordsAfter } from "./store";

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

export interface AuditChainReport {
  /** Records checked before the first problem (all of them when there is none). */
  checked: number;
  /** The last good record: auditors keep its hash outside the database to detect removal of later records. */
  last: { seq: number; hash: string } | null;
  problem: AuditChainProblem | null;
}

/**
 * Recomputes the hash chain from the first record to the last, in seq order,
 * and reports the first problem: a missing sequence number, a record whose
 * content does not match its hash, or one that does not link to its
 * predecessor. Reads a page at a time, so any size of trail fits in memory.
 * Starts at record 1, or after `after` when older months were removed.
 */
export async function verifyAuditChain(db: Db, options: { pageSize?: number; after?: AuditChainAnchor } = {}): Promise<AuditChainReport> {
  const pageSize = options.pageSize ?? 5000;
  let expectedSeq = (options.after?.seq ?? 0) + 1;
  let prevHash = options.after?.hash ?? GENESIS_HASH;
  let checked = 0;
  let last: AuditChainReport["last"] = null;
  for (;;) {
    const page = await auditRecordsAfter(db, expectedSeq - 1, pageSize);
    if (page.length === 0) return { checked, last, problem: null };
    for (const record of page) {
      const problem = checkRecord(record, expectedSeq, prevHash);
      if (problem) return { checked, last, problem };
      checked += 1;
      last = { seq: record.seq, hash: record.hash };
      prevHash = record.hash;
      expectedSeq += 1;
    }
  }
}

function checkRecord(
  record: Parameters<typeof auditRecordHash>[0] & { hash: string },
  expectedSeq: number,
  prevHash: string,
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
  if (auditRecordHash(unhashed) !== hash) {
    return { kind: "altered", seq: record.seq, message: `record ${record.seq} does not match its hash: its content was changed` };
  }
  return null;
}
