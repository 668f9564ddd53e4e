import { createHash } from "node:crypto";
import type { Db } from "../../db/db";
import { migrateAuditStoreUpTo, openTestAuditDatabase, sampleAuditEntry, type TestAuditDatabase } from "../../../test/support/audit";
import { CURRENT_HASH_VERSION, GENESIS_HASH, type AuditRecordKind } from "../record";
import { appendAuditEntries, auditRecordsAfter, findAuditRecords, migrateAuditStore } from "../store";
import { verifyAuditChain } from "../verify";

/**
 * A trail written by earlier versions of the gateway, migrated to one list of
 * disclosures per record: every record stays readable and the whole chain
 * verifies across the change, and what the move put in audit_disclosure is
 * covered by the records' old hashes.
 */

/** A record as the first layouts stored it: one array column per entity type. */
interface OldRecord {
  recordedAt: string;
  requestId: string;
  persons: string[];
  orders: string[];
  hearings: string[];
  breaches: string[];
  kind: AuditRecordKind | null;
  retryKey: string | null;
  refusal: string | null;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * The writer of the earlier versions, written out again here (its hash forms as they were), so that a
 * change to how those records verify is seen: without a kind, sha256 over the previous hash and the JSON
 * array of seq and columns; with one, sha256 over the previous hash, seq and the digest of the columns,
 * kind and retry key. The refusal was hashed only when set.
 */
async function writeAsEarlierVersions(db: Db, records: readonly OldRecord[]): Promise<void> {
  const [last] = await db.query<{ seq: string; hash: string }>(`SELECT seq::text AS seq, hash FROM audit_record ORDER BY seq DESC LIMIT 1`);
  let seq = Number(last?.seq ?? 0);
  let prevHash = last?.hash ?? GENESIS_HASH;
  for (const record of records) {
    seq += 1;
    const { persona, jurisdiction, recipient, justification, operationType, operationName, documentHash, document, variables, sub } =
      sampleAuditEntry(seq);
    const columns = [
      record.recordedAt,
      record.requestId,
      sub,
      persona,
      jurisdiction,
      recipient,
      justification,
      operationType,
      operationName,
      documentHash,
      document,
      variables,
      record.persons,
      record.orders,
      record.hearings,
      record.breaches,
      "[]",
      ...(record.refusal === null ? [] : [record.refusal]),
    ];
    const hash =
      record.kind === null
        ? sha256(`${prevHash}\n${JSON.stringify([String(seq), ...columns])}`)
        : sha256(`${prevHash}\n${seq}\n${sha256(JSON.stringify([...columns, record.kind, record.retryKey]))}`);
    await db.query(`SELECT audit_ensure_month($1::date)`, [`${record.recordedAt.slice(0, 7)}-01`]);
    // Only the columns the layout of its time had: kind and retry_key from audit_002, refusal from audit_003.
    const values: Record<string, unknown> = Object.fromEntries(
      [
        "recorded_at",
        "request_id",
        "sub",
        "persona",
        "jurisdiction",
        "recipient",
        "justification",
        "operation_type",
        "operation_name",
        "document_hash",
        "document",
        "variables",
        "persons",
        "orders",
        "hearings",
        "breaches",
        "changes",
      ].map((column, i) => [column, columns[i]]),
    );
    Object.assign(values, { seq, prev_hash: prevHash, hash });
    if (record.kind !== null) Object.assign(values, { kind: record.kind, retry_key: record.retryKey });
    if (record.refusal !== null) values.refusal = record.refusal;
    const names = Object.keys(values);
    await db.query(
      `INSERT INTO audit_record (${names.join(", ")}) VALUES (${names.map((_, i) => `$${i + 1}`).join(", ")})`,
      Object.values(values),
    );
    prevHash = hash;
  }
}

const old = (n: number, fields: Partial<OldRecord>): OldRecord => ({
  recordedAt: `2026-${n % 2 === 0 ? "09" : "10"}-${String(n + 1).padStart(2, "0")}T10:00:00.000Z`,
  requestId: `old-${n}`,
  persons: [],
  orders: [],
  hearings: [],
  breaches: [],
  kind: null,
  retryKey: null,
  refusal: null,
  ...fields,
});

/** Before kinds: one record per operation. Arrays in any order, with repeats, as a writer may have left them. */
const FIRST_LAYOUT = [
  old(1, { persons: ["person-2", "person-1"], orders: ["order-1"] }),
  old(2, {}),
  old(3, { hearings: ["hearing-1"], breaches: ["breach-1", "breach-1"], persons: ["person-1"] }),
];
/** With kinds (and then refusals): an intent and its outcome, a refusal, a consultation. */
const WITH_KINDS = [
  old(4, { kind: "intent", retryKey: JSON.stringify([["reportBreach", "k-1"]]) }),
  old(5, {
    requestId: "old-4",
    kind: "outcome",
    retryKey: JSON.stringify([["reportBreach", "k-1"]]),
    breaches: ["breach-2"],
    orders: ["order-1"],
  }),
];
const WITH_REFUSALS = [
  old(6, { kind: "refused", refusal: "JUSTIFICATION_REQUIRED" }),
  old(7, { kind: "consultation", persons: ["person-3"], orders: ["order-2", "order-1"] }),
];

/** The first layout's columns, as the migration names their entity types. */
const TYPE_OF = { persons: "Person", orders: "StalkingProtectionOrder", hearings: "CourtHearing", breaches: "BreachOffence" } as const;
const disclosedOf = (record: OldRecord) =>
  (Object.keys(TYPE_OF) as (keyof typeof TYPE_OF)[]).flatMap((column) => record[column].map((id) => ({ type: TYPE_OF[column], id })));

/** Changes the trail the way a database administrator could: with the append-only triggers switched off. */
async function bypassingTriggers(db: Db, statements: readonly string[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`SET LOCAL session_replication_role = replica`);
    for (const sql of statements) await tx.query(sql);
  });
}

const swapPositions = (seq: number, a: number, b: number) => [
  `UPDATE audit_disclosure SET position = 99 WHERE seq = ${seq} AND position = ${a}`,
  `UPDATE audit_disclosure SET position = ${a} WHERE seq = ${seq} AND position = ${b}`,
  `UPDATE audit_disclosure SET position = ${b} WHERE seq = ${seq} AND position = 99`,
];

describe("the move of disclosures to one list per record", () => {
  let audit: TestAuditDatabase;
  let tampered = false;
  const legacy = [...FIRST_LAYOUT, ...WITH_KINDS, ...WITH_REFUSALS];

  beforeEach(async () => {
    audit = await openTestAuditDatabase("default", { migrated: false });
    await migrateAuditStoreUpTo(audit.db, "audit_001_trail.sql");
    await writeAsEarlierVersions(audit.db, FIRST_LAYOUT);
    await migrateAuditStoreUpTo(audit.db, "audit_002_record_kinds.sql");
    await writeAsEarlierVersions(audit.db, WITH_KINDS);
    await migrateAuditStoreUpTo(audit.db, "audit_003_refusals.sql");
    await writeAsEarlierVersions(audit.db, WITH_REFUSALS);
    // The old hashes are what the earlier verifier found: this is a valid trail before the move.
    expect(await migrateAuditStore(audit.db)).toEqual(["audit_004_disclosed_entities.sql"]);
  });
  afterEach(async () => {
    await audit.dispose({ tampered });
    tampered = false;
  });

  it("keeps every record readable, with its disclosures in the order its arrays held them", async () => {
    const records = await auditRecordsAfter(audit.db, 0, 100);
    expect(
      records.map(({ requestId, kind, refusal, hashVersion, disclosed }) => ({ requestId, kind, refusal, hashVersion, disclosed })),
    ).toEqual(
      legacy.map((record) => ({
        requestId: record.requestId,
        kind: record.kind,
        refusal: record.refusal,
        hashVersion: null,
        disclosed: disclosedOf(record),
      })),
    );
    const consulted = await findAuditRecords(audit.db, { disclosing: [{ type: "StalkingProtectionOrder", id: "order-1" }], limit: 10 });
    expect(consulted.map((record) => record.seq)).toEqual([7, 5, 1]);
    // Each month of records has its partition of disclosures beside it, so retention removes the two together.
    const [partitions] = await audit.db.query<{ september: string | null; october: string | null }>(
      `SELECT to_regclass('audit_disclosure_2026_09')::text AS september, to_regclass('audit_disclosure_2026_10')::text AS october`,
    );
    expect(partitions).toEqual({
      september: expect.stringContaining("audit_disclosure_2026_09"),
      october: expect.stringContaining("audit_disclosure_2026_10"),
    });
  });

  it("verifies the whole chain across the change, before and after new records are appended", async () => {
    expect(await verifyAuditChain(audit.db)).toMatchObject({ checked: legacy.length, problem: null, openIntentCount: 0 });
    const appended = await appendAuditEntries(audit.db, [
      sampleAuditEntry(8, {
        disclosed: [
          { type: "Person", id: "person-1" },
          { type: "CourtHearing", id: "hearing-1" },
        ],
      }),
      sampleAuditEntry(9, { kind: "refused", refusal: "RESERVED_ALIAS", disclosed: [] }),
    ]);
    expect(appended.map((record) => record.hashVersion)).toEqual([CURRENT_HASH_VERSION, CURRENT_HASH_VERSION]);
    expect(await verifyAuditChain(audit.db, { pageSize: 3 })).toMatchObject({ checked: legacy.length + 2, problem: null });
    const [stored] = await auditRecordsAfter(audit.db, legacy.length, 1);
    expect(stored).toMatchObject({ seq: legacy.length + 1, hashVersion: CURRENT_HASH_VERSION, hash: appended[0].hash });
    const byPerson = await findAuditRecords(audit.db, { disclosing: [{ type: "Person", id: "person-1" }], limit: 10 });
    expect(byPerson.map((record) => record.seq)).toEqual([8, 3, 1]);
  });

  describe("finds a moved disclosure changed with the triggers off", () => {
    beforeEach(() => {
      tampered = true;
    });
    // A swap in three steps: the primary key and the unique columns are checked row by row.
    it.each<[string, string | string[], number]>([
      ["its id changed", `UPDATE audit_disclosure SET entity_id = 'person-9' WHERE seq = 3 AND entity_id = 'person-1'`, 3],
      ["its type changed", `UPDATE audit_disclosure SET entity_type = 'Person' WHERE seq = 5 AND entity_id = 'order-1'`, 5],
      ["removed", `DELETE FROM audit_disclosure WHERE seq = 7 AND entity_id = 'order-1'`, 7],
      ["one of a repeat removed", `DELETE FROM audit_disclosure WHERE seq = 3 AND entity_id = 'breach-1' AND position = 3`, 3],
      ["added to a record that had none", `INSERT INTO audit_disclosure VALUES (2, '2026-09-03T10:00:00Z', 0, 'Person', 'person-1')`, 2],
      ["of a type no column held", `INSERT INTO audit_disclosure VALUES (7, '2026-10-08T10:00:00Z', 3, 'Vehicle', 'v-1')`, 7],
      ["two of one record swapped within their array", swapPositions(1, 0, 1), 1],
      ["two of one record swapped across its arrays", swapPositions(1, 0, 2), 1],
      [
        "moved to another record",
        `UPDATE audit_disclosure SET seq = 7, recorded_at = '2026-10-08T10:00:00Z', position = 3 WHERE seq = 5 AND position = 0`,
        5,
      ],
      [
        "the first layout's columns swapped",
        [
          `UPDATE audit_legacy_disclosure_column SET entity_type = 'swapping' WHERE position = 1`,
          `UPDATE audit_legacy_disclosure_column SET entity_type = 'Person' WHERE position = 2`,
          `UPDATE audit_legacy_disclosure_column SET entity_type = 'StalkingProtectionOrder' WHERE position = 1`,
        ],
        1,
      ],
      ["a record of the first layout given a kind", `UPDATE audit_record SET kind = 'consultation' WHERE seq = 2`, 2],
      ["a record of the first layout given the current hash version", `UPDATE audit_record SET hash_version = 3 WHERE seq = 4`, 4],
    ])("%s", async (_change, sql, seq) => {
      await bypassingTriggers(audit.db, typeof sql === "string" ? [sql] : sql);
      expect((await verifyAuditChain(audit.db)).problem).toMatchObject({ kind: "altered", seq });
    });

    it("a new record stripped of its hash version", async () => {
      await appendAuditEntries(audit.db, [sampleAuditEntry(8)]);
      await bypassingTriggers(audit.db, [`UPDATE audit_record SET hash_version = NULL WHERE seq = 8`]);
      expect((await verifyAuditChain(audit.db)).problem).toMatchObject({ kind: "altered", seq: 8 });
    });
  });
});
