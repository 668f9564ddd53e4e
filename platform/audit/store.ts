import { readdirSync } from "node:fs";
import type { Db } from "../db/db";
import { migrate } from "../db/migrate";
import { repoPath } from "../repo-root";
import { chainEntries, GENESIS_HASH, prepareAuditEntry, type AuditEntry, type AuditRecord, type AuditRecordKind } from "./record";

/**
 * The audit trail's table in Postgres (or PGlite): the gateway writes it, the
 * audit reader (graph and CLI) reads it. Its tables live in their own schema
 * (`audit` by default), apart from every subgraph's.
 */
export const AUDIT_MIGRATIONS = repoPath("platform", "audit", "migrations");

export function migrateAuditStore(db: Db): Promise<string[]> {
  return migrate(db, [AUDIT_MIGRATIONS]);
}

/**
 * What the gateway runs at start: migrates only when a migration is missing.
 * In production the gateway's role may only insert and read, and even
 * CREATE TABLE IF NOT EXISTS needs the right to create, so an up-to-date store
 * must not be touched; a missing migration then fails, asking for the owner
 * (npm run audit -- migrate).
 */
export async function ensureAuditStoreMigrated(db: Db): Promise<string[]> {
  const [bookkeeping] = await db.query<{ exists: boolean }>(`SELECT to_regclass('schema_migration') IS NOT NULL AS exists`);
  if (bookkeeping.exists) {
    const applied = new Set((await db.query<{ name: string }>(`SELECT name FROM schema_migration`)).map((row) => row.name));
    const files = readdirSync(AUDIT_MIGRATIONS).filter((file) => file.endsWith(".sql"));
    if (files.every((file) => applied.has(file))) return [];
  }
  try {
    return await migrateAuditStore(db);
  } catch (error) {
    if ((error as { code?: unknown }).code !== "42501") throw error;
    throw new Error("The audit store needs migrating and this database role may not: run `npm run audit -- migrate` as the schema's owner");
  }
}

/** Identifiers are interpolated into GRANT statements, so only plain names are accepted. */
function assertIdentifier(name: string, what: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Invalid ${what} "${name}": use lower-case letters, digits and underscores`);
}

/**
 * What the gateway's own database role may do: insert and read the trail and
 * make the next month's partition — never update, delete or truncate. Run by
 * the schema's owner (a migration step of the deployment, see
 * docs/audit-trail.md).
 */
export async function grantAuditAccess(db: Db, schema: string, role: string): Promise<void> {
  assertIdentifier(schema, "schema name");
  assertIdentifier(role, "role name");
  await db.execScript(`
    GRANT USAGE ON SCHEMA ${schema} TO ${role};
    GRANT SELECT, INSERT ON ${schema}.audit_record TO ${role};
    GRANT SELECT ON ${schema}.schema_migration TO ${role};
    GRANT EXECUTE ON FUNCTION ${schema}.audit_ensure_month(date) TO ${role};
  `);
}

/** Each field of a record and its column: the one place the two namings meet. */
const COLUMN_OF: Record<keyof AuditRecord, string> = {
  seq: "seq",
  recordedAt: "recorded_at",
  requestId: "request_id",
  sub: "sub",
  persona: "persona",
  jurisdiction: "jurisdiction",
  recipient: "recipient",
  justification: "justification",
  operationType: "operation_type",
  operationName: "operation_name",
  documentHash: "document_hash",
  document: "document",
  variables: "variables",
  persons: "persons",
  orders: "orders",
  hearings: "hearings",
  breaches: "breaches",
  changes: "changes",
  kind: "kind",
  retryKey: "retry_key",
  refusal: "refusal",
  prevHash: "prev_hash",
  hash: "hash",
};
const FIELDS = Object.keys(COLUMN_OF) as (keyof AuditRecord)[];

// Read under the field names. seq as text (a bigint need not fit a JS number) and ORDER BY names
// audit_record.seq explicitly, because a bare "seq" would sort by that text alias ("10" before "9").
const COLUMNS = FIELDS.map((field) => `${field === "seq" ? "seq::text" : COLUMN_OF[field]} AS "${field}"`).join(", ");

type AuditRow = Omit<AuditRecord, "seq" | "recordedAt"> & { seq: string; recordedAt: Date | string };

function fromRow(row: AuditRow): AuditRecord {
  return { ...row, seq: Number(row.seq), recordedAt: new Date(row.recordedAt).toISOString() };
}

const CHAIN_FIELDS = new Set<keyof AuditRecord>(["seq", "prevHash", "hash"]);

/**
 * The record as the JSON object json_populate_recordset turns into a row,
 * without its closing brace and its place in the chain: worked out before the
 * trail's lock, so that inside it only seq, prev_hash and hash are appended.
 */
function openRowJson(entry: AuditEntry): string {
  const content = Object.fromEntries(
    FIELDS.filter((field) => !CHAIN_FIELDS.has(field)).map((field) => [COLUMN_OF[field], (entry as unknown as AuditRecord)[field]]),
  );
  return JSON.stringify(content).slice(0, -1);
}

/** A SQLSTATE the audit store's own write raised about one entry's content rather than about the store. */
export function isEntrySpecificError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  // 22 data exception (e.g. 22P05 a NUL in text), 23 integrity constraint, 54 program limit (an index row too large).
  return typeof code === "string" && /^(22|23|54)/.test(code);
}

/**
 * Appends entries in one transaction, chained after the last record. An
 * advisory lock (per schema) serialises writers, so several gateway replicas
 * on one database still build one unbroken chain. Each entry's content digest
 * and row text are worked out before the transaction begins: under the lock
 * only one short sha256 per record remains, so the lock is held for the
 * statements' round trips and little else. Returns the stored records.
 */
export async function appendAuditEntries(db: Db, entries: readonly AuditEntry[]): Promise<AuditRecord[]> {
  if (entries.length === 0) return [];
  const prepared = entries.map(prepareAuditEntry);
  const rows = entries.map(openRowJson);
  const months = [...new Set(entries.map((entry) => `${entry.recordedAt.slice(0, 7)}-01`))];
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('spo-audit-trail:' || current_schema()))`);
    for (const month of months) await tx.query(`SELECT audit_ensure_month($1::date)`, [month]);
    const [last] = await tx.query<{ seq: string; hash: string }>(
      `SELECT seq::text AS seq, hash FROM audit_record ORDER BY audit_record.seq DESC LIMIT 1`,
    );
    const records = chainEntries(prepared, last ? { seq: Number(last.seq), hash: last.hash } : { seq: 0, hash: GENESIS_HASH });
    const json = `[${records.map((record, i) => `${rows[i]},"seq":${record.seq},"prev_hash":"${record.prevHash}","hash":"${record.hash}"}`).join(",")}]`;
    await tx.query(`INSERT INTO audit_record SELECT * FROM json_populate_recordset(NULL::audit_record, $1::json)`, [json]);
    return records;
  });
}

/** Records in seq order after `afterSeq`, at most `limit`: verification walks the whole trail this way. */
export async function auditRecordsAfter(db: Db, afterSeq: number, limit: number): Promise<AuditRecord[]> {
  const rows = await db.query<AuditRow>(`SELECT ${COLUMNS} FROM audit_record WHERE seq > $1 ORDER BY audit_record.seq LIMIT $2`, [
    afterSeq,
    limit,
  ]);
  return rows.map(fromRow);
}

export interface AuditQuery {
  /** Records that disclosed this person. */
  person?: string;
  /** Records that disclosed this order. */
  order?: string;
  /** Records of this caller (`sub`). */
  sub?: string;
  /** Inclusive lower bound (ISO instant). */
  from?: string;
  /** Exclusive upper bound (ISO instant). */
  to?: string;
  /** Records whose document or variables hold one of these texts (a value's keyed hash under each key). */
  holding?: string[];
  /** Newest first: records with seq below this one (the previous page's last seq). */
  beforeSeq?: number;
  limit: number;
}

/** Who consulted a person or an order, what a caller consulted, in a period: newest first, a page at a time. */
export async function findAuditRecords(db: Db, query: AuditQuery): Promise<AuditRecord[]> {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  if (query.person !== undefined) add((p) => `persons @> ARRAY[${p}]::text[]`, query.person);
  if (query.order !== undefined) add((p) => `orders @> ARRAY[${p}]::text[]`, query.order);
  if (query.sub !== undefined) add((p) => `sub = ${p}`, query.sub);
  if (query.from !== undefined) add((p) => `recorded_at >= ${p}::timestamptz`, query.from);
  if (query.to !== undefined) add((p) => `recorded_at < ${p}::timestamptz`, query.to);
  if (query.holding !== undefined)
    add(
      (p) => `EXISTS (SELECT 1 FROM unnest(${p}::text[]) AS held WHERE strpos(variables, held) > 0 OR strpos(document, held) > 0)`,
      query.holding,
    );
  if (query.beforeSeq !== undefined) add((p) => `seq < ${p}`, query.beforeSeq);
  params.push(query.limit);
  const where = conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : "";
  const rows = await db.query<AuditRow>(
    `SELECT ${COLUMNS} FROM audit_record ${where} ORDER BY audit_record.seq DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map(fromRow);
}

/** What the rest of the trail says about a record: whether its response was withheld, whether an intent was completed. */
export interface AuditRecordStatus {
  /** The trail holds a withheld record of this request id: its response was not sent, so this record disclosed nothing. */
  responseWithheld: boolean;
  /**
   * For an intent (null otherwise): "completed" when the outcome of its request, or of a later retry (the same
   * caller, jurisdiction, idempotency keys, document and variables), is recorded; "not-sent" when its response was withheld
   * before the mutation was sent, or it was refused after its intent was recorded; "open" when neither: the mutation may or may not have changed data (its subgraph
   * knows, by idempotency key).
   */
  intentStatus: "completed" | "not-sent" | "open" | null;
}

/** The status of each record (by seq), from the other records of the same requests and their retries. */
export async function auditRecordStatuses(db: Db, records: readonly AuditRecord[]): Promise<Map<number, AuditRecordStatus>> {
  const statuses = new Map<number, AuditRecordStatus>();
  if (records.length === 0) return statuses;
  const related = await db.query<{ requestId: string; kind: AuditRecordKind }>(
    `SELECT DISTINCT request_id AS "requestId", kind FROM audit_record WHERE request_id = ANY($1::text[]) AND kind IN ('outcome', 'withheld', 'refused')`,
    [[...new Set(records.map((record) => record.requestId))]],
  );
  const has = (requestId: string, kind: AuditRecordKind) => related.some((row) => row.requestId === requestId && row.kind === kind);
  for (const record of records) {
    const responseWithheld = has(record.requestId, "withheld");
    let intentStatus: AuditRecordStatus["intentStatus"] = null;
    if (record.kind === "intent") {
      if (has(record.requestId, "outcome")) intentStatus = "completed";
      else if (responseWithheld || has(record.requestId, "refused")) intentStatus = "not-sent";
      else intentStatus = (await retriedToCompletion(db, record)) ? "completed" : "open";
    }
    statuses.set(record.seq, { responseWithheld, intentStatus });
  }
  return statuses;
}

/** Whether a later intent repeating this one (caller, jurisdiction, idempotency keys, document, variables) has its outcome recorded. */
async function retriedToCompletion(db: Db, intent: AuditRecord): Promise<boolean> {
  if (intent.retryKey === null) return false;
  const [found] = await db.query(
    `SELECT 1 FROM audit_record retry JOIN audit_record outcome ON outcome.request_id = retry.request_id AND outcome.kind = 'outcome'
     WHERE retry.kind = 'intent' AND retry.sub = $1 AND retry.jurisdiction = $2 AND retry.retry_key = $3 AND retry.seq > $4
       AND retry.document_hash = $5 AND retry.variables = $6
     LIMIT 1`,
    [intent.sub, intent.jurisdiction, intent.retryKey, intent.seq, intent.documentHash, intent.variables],
  );
  return found !== undefined;
}
