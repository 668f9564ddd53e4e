import { readdirSync } from "node:fs";
import type { Db } from "../db/db";
import { migrate } from "../db/migrate";
import { repoPath } from "../repo-root";
import {
  chainEntries,
  GENESIS_HASH,
  prepareAuditEntry,
  type AuditEntry,
  type AuditRecord,
  type AuditRecordKind,
  type DisclosedEntity,
} from "./record";

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
    GRANT SELECT, INSERT ON ${schema}.audit_disclosure TO ${role};
    GRANT SELECT ON ${schema}.audit_legacy_disclosure_column TO ${role};
    GRANT SELECT ON ${schema}.schema_migration TO ${role};
    GRANT EXECUTE ON FUNCTION ${schema}.audit_ensure_month(date) TO ${role};
  `);
}

/** Each field of a record stored in audit_record and its column: the one place the two namings meet. */
const COLUMN_OF: Record<Exclude<keyof AuditRecord, "disclosed">, string> = {
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
  changes: "changes",
  kind: "kind",
  retryKey: "retry_key",
  refusal: "refusal",
  hashVersion: "hash_version",
  prevHash: "prev_hash",
  hash: "hash",
};
type RecordField = keyof typeof COLUMN_OF;
const FIELDS = Object.keys(COLUMN_OF) as RecordField[];

// Read under the field names, with the record's disclosures in their order (audit_disclosure, same seq and
// month). seq as text (a bigint need not fit a JS number) and ORDER BY names audit_record.seq explicitly,
// because a bare "seq" would sort by that text alias ("10" before "9").
const COLUMNS = [
  ...FIELDS.map((field) => `${field === "seq" ? "audit_record.seq::text" : `audit_record.${COLUMN_OF[field]}`} AS "${field}"`),
  `(SELECT coalesce(json_agg(json_build_object('type', d.entity_type, 'id', d.entity_id) ORDER BY d.position), '[]'::json)
      FROM audit_disclosure d WHERE d.seq = audit_record.seq AND d.recorded_at = audit_record.recorded_at) AS "disclosed"`,
].join(", ");

type AuditRow = Omit<AuditRecord, "seq" | "recordedAt" | "disclosed"> & {
  seq: string;
  recordedAt: Date | string;
  disclosed: DisclosedEntity[] | string;
};

function fromRow(row: AuditRow): AuditRecord {
  // json arrives parsed from node-postgres, and may arrive as text elsewhere.
  const disclosed = typeof row.disclosed === "string" ? (JSON.parse(row.disclosed) as DisclosedEntity[]) : row.disclosed;
  return { ...row, seq: Number(row.seq), recordedAt: new Date(row.recordedAt).toISOString(), disclosed };
}

const CHAIN_FIELDS = new Set<RecordField>(["seq", "prevHash", "hash", "hashVersion"]);

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

/** The entry's audit_disclosure rows as JSON objects, without their seq (known only under the lock). */
function disclosureRowsJson(entry: AuditEntry): string[] {
  return entry.disclosed.map(
    ({ type, id }, position) =>
      `"recorded_at":${JSON.stringify(entry.recordedAt)},"position":${position},"entity_type":${JSON.stringify(type)},"entity_id":${JSON.stringify(id)}`,
  );
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
  const disclosures = entries.map(disclosureRowsJson);
  const months = [...new Set(entries.map((entry) => `${entry.recordedAt.slice(0, 7)}-01`))];
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('spo-audit-trail:' || current_schema()))`);
    for (const month of months) await tx.query(`SELECT audit_ensure_month($1::date)`, [month]);
    const [last] = await tx.query<{ seq: string; hash: string }>(
      `SELECT seq::text AS seq, hash FROM audit_record ORDER BY audit_record.seq DESC LIMIT 1`,
    );
    const records = chainEntries(prepared, last ? { seq: Number(last.seq), hash: last.hash } : { seq: 0, hash: GENESIS_HASH });
    const json = `[${records
      .map(
        (record, i) =>
          `${rows[i]},"seq":${record.seq},"hash_version":${record.hashVersion},"prev_hash":"${record.prevHash}","hash":"${record.hash}"}`,
      )
      .join(",")}]`;
    const disclosed = `[${records.flatMap((record, i) => disclosures[i].map((row) => `{"seq":${record.seq},${row}}`)).join(",")}]`;
    // One statement for both tables: one round trip under the lock.
    await tx.query(
      `WITH stored AS (INSERT INTO audit_record SELECT * FROM json_populate_recordset(NULL::audit_record, $1::json))
       INSERT INTO audit_disclosure SELECT * FROM json_populate_recordset(NULL::audit_disclosure, $2::json)`,
      [json, disclosed],
    );
    return records;
  });
}

/** Records in seq order after `afterSeq`, at most `limit`: verification walks the whole trail this way. */
export async function auditRecordsAfter(db: Db, afterSeq: number, limit: number): Promise<AuditRecord[]> {
  const rows = await db.query<AuditRow>(
    `SELECT ${COLUMNS} FROM audit_record WHERE audit_record.seq > $1 ORDER BY audit_record.seq LIMIT $2`,
    [afterSeq, limit],
  );
  return rows.map(fromRow);
}

/**
 * The entity type each disclosure column of the trail's first layout held, in column order: what records
 * hashed before disclosures were one list are verified with (record.ts auditRecordHash). Kept in the store
 * by the migration that moved those columns, so no code needs to know them.
 */
export async function legacyDisclosureColumns(db: Db): Promise<string[]> {
  const rows = await db.query<{ entityType: string }>(
    `SELECT entity_type AS "entityType" FROM audit_legacy_disclosure_column ORDER BY position`,
  );
  return rows.map((row) => row.entityType);
}

export interface AuditQuery {
  /** Records that disclosed every one of these entities. */
  disclosing?: DisclosedEntity[];
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

/** Who consulted an entity, what a caller consulted, in a period: newest first, a page at a time. */
export async function findAuditRecords(db: Db, query: AuditQuery): Promise<AuditRecord[]> {
  const { text, params } = auditQuerySql(query);
  return (await db.query<AuditRow>(text, params)).map(fromRow);
}

/** The statement findAuditRecords runs: apart, so its plan can be examined (EXPLAIN) at a realistic size. */
export function auditQuerySql(query: AuditQuery): { text: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  for (const { type, id } of query.disclosing ?? []) {
    // Found through audit_disclosure_entity (entity_type, entity_id, seq): docs/performance.md.
    params.push(type, id);
    conditions.push(
      `EXISTS (SELECT 1 FROM audit_disclosure d WHERE d.entity_type = $${params.length - 1} AND d.entity_id = $${params.length}
         AND d.seq = audit_record.seq AND d.recorded_at = audit_record.recorded_at)`,
    );
  }
  if (query.sub !== undefined) add((p) => `sub = ${p}`, query.sub);
  if (query.from !== undefined) add((p) => `recorded_at >= ${p}::timestamptz`, query.from);
  if (query.to !== undefined) add((p) => `recorded_at < ${p}::timestamptz`, query.to);
  if (query.holding !== undefined)
    add(
      (p) => `EXISTS (SELECT 1 FROM unnest(${p}::text[]) AS held WHERE strpos(variables, held) > 0 OR strpos(document, held) > 0)`,
      query.holding,
    );
  if (query.beforeSeq !== undefined) add((p) => `audit_record.seq < ${p}`, query.beforeSeq);
  params.push(query.limit);
  const where = conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : "";
  return { text: `SELECT ${COLUMNS} FROM audit_record ${where} ORDER BY audit_record.seq DESC LIMIT $${params.length}`, params };
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
  const found = new Set(related.map((row) => `${row.kind} ${row.requestId}`));
  const has = (requestId: string, kind: AuditRecordKind) => found.has(`${kind} ${requestId}`);
  const open = records.filter(
    (record) =>
      record.kind === "intent" &&
      !has(record.requestId, "outcome") &&
      !has(record.requestId, "withheld") &&
      !has(record.requestId, "refused"),
  );
  const retried = await retriedToCompletion(db, open);
  for (const record of records) {
    const responseWithheld = has(record.requestId, "withheld");
    let intentStatus: AuditRecordStatus["intentStatus"] = null;
    if (record.kind === "intent") {
      if (has(record.requestId, "outcome")) intentStatus = "completed";
      else if (responseWithheld || has(record.requestId, "refused")) intentStatus = "not-sent";
      else intentStatus = retried.has(record.seq) ? "completed" : "open";
    }
    statuses.set(record.seq, { responseWithheld, intentStatus });
  }
  return statuses;
}

// The intents given as rows (one array parameter per column), each kept when a later intent repeats it
// (caller, jurisdiction, idempotency keys, document, variables) and has its outcome recorded.
const RETRIED_TO_COMPLETION_SQL = `
  SELECT intent.seq::text AS seq
  FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
    AS intent(seq, sub, jurisdiction, retry_key, document_hash, variables)
  WHERE EXISTS (
    SELECT 1 FROM audit_record retry JOIN audit_record outcome ON outcome.request_id = retry.request_id AND outcome.kind = 'outcome'
    WHERE retry.kind = 'intent' AND retry.sub = intent.sub AND retry.jurisdiction = intent.jurisdiction
      AND retry.retry_key = intent.retry_key AND retry.seq > intent.seq
      AND retry.document_hash = intent.document_hash AND retry.variables = intent.variables)`;

/** The seqs of the intents a later retry completed, in one query whatever their number. */
async function retriedToCompletion(db: Db, intents: readonly AuditRecord[]): Promise<Set<number>> {
  const retryable = intents.filter((intent) => intent.retryKey !== null);
  if (retryable.length === 0) return new Set();
  const rows = await db.query<{ seq: string }>(RETRIED_TO_COMPLETION_SQL, [
    retryable.map((intent) => intent.seq),
    retryable.map((intent) => intent.sub),
    retryable.map((intent) => intent.jurisdiction),
    retryable.map((intent) => intent.retryKey),
    retryable.map((intent) => intent.documentHash),
    retryable.map((intent) => intent.variables),
  ]);
  return new Set(rows.map((row) => Number(row.seq)));
}
