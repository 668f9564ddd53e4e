import { randomBytes } from "node:crypto";
import { openPostgres, type Db } from "../../db/db";
import { openTestAuditDatabase, sampleAuditEntry, type TestAuditDatabase } from "../../../test/support/audit";
import { isPostgresAvailable, TEST_DATABASE_URL } from "../../../test/support/services";
import { auditRecordHash, CURRENT_HASH_VERSION, GENESIS_HASH } from "../record";
import {
  appendAuditEntries,
  auditRecordStatuses,
  auditRecordsAfter,
  ensureAuditStoreMigrated,
  findAuditRecords,
  grantAuditAccess,
  migrateAuditStore,
} from "../store";
import { verifyAuditChain } from "../verify";

const entry = sampleAuditEntry;

/** Set by a test that breaks the chain on purpose, so the store's own verification at dispose expects it. */
let tampered = false;

/** Changes the trail the way a database administrator could: with the append-only triggers switched off. */
async function asAdministratorBypassingTriggers(db: Db, sql: string, params: unknown[] = []): Promise<void> {
  tampered = true;
  await db.transaction(async (tx) => {
    await tx.query(`SET LOCAL session_replication_role = replica`);
    await tx.query(sql, params);
  });
}

describe("audit store", () => {
  let audit: TestAuditDatabase;
  beforeEach(async () => {
    audit = await openTestAuditDatabase();
  });
  afterEach(async () => {
    await audit.dispose({ tampered });
    tampered = false;
  });

  it("chains records across batches, and verify walks the whole chain", async () => {
    await appendAuditEntries(audit.db, [entry(1), entry(2), entry(3)]);
    await appendAuditEntries(audit.db, [entry(4)]);
    const records = await auditRecordsAfter(audit.db, 0, 100);
    expect(records.map((record) => record.seq)).toEqual([1, 2, 3, 4]);
    expect(records[3].prevHash).toBe(records[2].hash);
    expect(records.map((record) => record.requestId)).toEqual(["request-1", "request-2", "request-3", "request-4"]);
    expect(await verifyAuditChain(audit.db, { pageSize: 2 })).toEqual({
      checked: 4,
      last: { seq: 4, hash: records[3].hash },
      problem: null,
      openIntents: [],
      openIntentCount: 0,
      withheldResponses: 0,
    });
  });

  it("works out every intent's status in a fixed number of queries, however many intents are open", async () => {
    const intent = (n: number, retryKey: string | null) =>
      entry(n, { kind: "intent", operationType: "mutation", sub: "officer-a", variables: `{"n":"${retryKey}"}`, retryKey });
    await appendAuditEntries(audit.db, [
      intent(1, "key-retried"),
      intent(2, "key-open"),
      intent(3, null),
      intent(4, "key-outcome"),
      entry(5, { kind: "outcome", requestId: "request-4" }),
      // The retry of intent 1, completed by its outcome.
      intent(6, "key-retried"),
      entry(7, { kind: "outcome", requestId: "request-6" }),
    ]);
    const records = await auditRecordsAfter(audit.db, 0, 100);
    let queries = 0;
    const counting: Db = { ...audit.db, query: (text, params) => ((queries += 1), audit.db.query(text, params)) };
    const statuses = await auditRecordStatuses(counting, records);
    expect([1, 2, 3, 4, 6].map((seq) => statuses.get(seq)?.intentStatus)).toEqual(["completed", "open", "open", "completed", "completed"]);
    expect(queries).toBeLessThanOrEqual(2);
  });

  it("stores a refusal's code in its hash", async () => {
    await appendAuditEntries(audit.db, [entry(1), entry(2, { refusal: "JUSTIFICATION_REQUIRED", disclosed: [] })]);
    const [plain, refused] = await auditRecordsAfter(audit.db, 0, 100);
    expect(plain.refusal).toBeNull();
    expect(refused).toMatchObject({ refusal: "JUSTIFICATION_REQUIRED", disclosed: [], hashVersion: CURRENT_HASH_VERSION });
    const { hash: refusedHash, ...unhashed } = refused;
    expect(auditRecordHash(unhashed, [])).toBe(refusedHash);
    expect(auditRecordHash({ ...unhashed, refusal: null }, [])).not.toBe(refusedHash);
    expect((await verifyAuditChain(audit.db)).problem).toBeNull();
    // Removing the code, with the triggers off, is found.
    await asAdministratorBypassingTriggers(audit.db, `UPDATE audit_record SET refusal = NULL WHERE seq = 2`);
    expect((await verifyAuditChain(audit.db)).problem).toMatchObject({ kind: "altered", seq: 2 });
  });

  it("keeps each record's disclosures as (type, id) pairs in their order, whatever the types", async () => {
    const disclosed = [
      { type: "Zeta", id: "z-1" },
      { type: "Alpha", id: "a-2" },
      { type: "Alpha", id: "a-1" },
      { type: "Zeta", id: "z-1" },
    ];
    await appendAuditEntries(audit.db, [entry(1, { disclosed }), entry(2, { disclosed: [] })]);
    const [first, second] = await auditRecordsAfter(audit.db, 0, 10);
    expect(first.disclosed).toEqual(disclosed);
    expect(second.disclosed).toEqual([]);
    const found = await findAuditRecords(audit.db, { disclosing: [{ type: "Alpha", id: "a-1" }], limit: 10 });
    expect(found.map((record) => record.seq)).toEqual([1]);
    // The type is part of what is looked for: the same id of another type is another entity.
    expect(await findAuditRecords(audit.db, { disclosing: [{ type: "Zeta", id: "a-1" }], limit: 10 })).toEqual([]);
  });

  it("finds the records holding any of a value's keyed hashes in their document or variables", async () => {
    await appendAuditEntries(audit.db, [
      entry(1, { variables: JSON.stringify({ name: "hmac-sha256:k1:aaaa" }) }),
      entry(2, { document: '{ searchPeople(search: { familyName: "hmac-sha256:k2:bbbb" }) { id } }' }),
      entry(3),
    ]);
    const found = await findAuditRecords(audit.db, { holding: ["hmac-sha256:k1:aaaa", "hmac-sha256:k2:bbbb"], limit: 10 });
    expect(found.map((record) => record.seq)).toEqual([2, 1]);
  });

  it("numbers records past 9 in numeric order, batch after batch", async () => {
    for (let n = 1; n <= 25; n += 5)
      await appendAuditEntries(
        audit.db,
        [n, n + 1, n + 2, n + 3, n + 4].map((i) => entry(i)),
      );
    expect((await auditRecordsAfter(audit.db, 0, 100)).map((record) => record.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect((await findAuditRecords(audit.db, { limit: 3 })).map((record) => record.seq)).toEqual([25, 24, 23]);
    expect(await verifyAuditChain(audit.db, { pageSize: 7 })).toMatchObject({ checked: 25, problem: null });
  });

  it("stores each month in its own partition, made on demand", async () => {
    await appendAuditEntries(audit.db, [
      entry(1, { recordedAt: "2026-11-30T23:59:59.999Z" }),
      entry(2, { recordedAt: "2026-12-01T00:00:00.000Z" }),
    ]);
    const partitions = await audit.db.query<{ name: string; count: string }>(
      `SELECT tableoid::regclass::text AS name, count(*)::text AS count FROM audit_record GROUP BY 1
       UNION ALL SELECT tableoid::regclass::text, count(*)::text FROM audit_disclosure GROUP BY 1 ORDER BY 1`,
    );
    // A month's disclosures beside its records, so retention removes the two together.
    expect(partitions.map((row) => [row.name.replace(/^.*\./, ""), row.count])).toEqual([
      ["audit_disclosure_2026_11", "1"],
      ["audit_disclosure_2026_12", "1"],
      ["audit_record_2026_11", "1"],
      ["audit_record_2026_12", "1"],
    ]);
    expect((await verifyAuditChain(audit.db)).problem).toBeNull();
  });

  it.each([
    ["UPDATE", `UPDATE audit_record SET justification = 'none'`],
    ["DELETE", `DELETE FROM audit_record`],
    ["TRUNCATE", `TRUNCATE audit_record`],
    ["TRUNCATE of a partition", `TRUNCATE audit_record_2026_11`],
    ["UPDATE of a disclosure", `UPDATE audit_disclosure SET entity_id = 'person-0'`],
    ["DELETE of a disclosure", `DELETE FROM audit_disclosure`],
    ["TRUNCATE of the disclosures", `TRUNCATE audit_disclosure`],
    ["TRUNCATE of a disclosures partition", `TRUNCATE audit_disclosure_2026_11`],
    ["a change to the first layout's columns", `UPDATE audit_legacy_disclosure_column SET entity_type = 'Other'`],
  ])("the database refuses %s, even to the table's owner", async (_name, sql) => {
    await appendAuditEntries(audit.db, [entry(1)]);
    await expect(audit.db.query(sql)).rejects.toThrow(/append-only/);
    const records = await auditRecordsAfter(audit.db, 0, 10);
    expect(records).toHaveLength(1);
    expect(records[0].disclosed).toEqual(entry(1).disclosed);
  });

  it("finds who consulted a person or an order, and what a caller consulted in a period, newest first, a page at a time", async () => {
    const person2 = { type: "Person", id: "person-2" };
    const order6 = { type: "StalkingProtectionOrder", id: "order-6" };
    await appendAuditEntries(audit.db, [
      entry(1),
      entry(2),
      entry(3, { disclosed: [person2] }),
      entry(4),
      entry(6, { disclosed: [person2, order6] }),
    ]);
    const byPerson = await findAuditRecords(audit.db, { disclosing: [person2], limit: 2 });
    expect(byPerson.map((record) => record.requestId)).toEqual(["request-6", "request-3"]);
    const nextPage = await findAuditRecords(audit.db, { disclosing: [person2], limit: 2, beforeSeq: byPerson[1].seq });
    expect(nextPage.map((record) => record.requestId)).toEqual(["request-2"]);
    expect((await findAuditRecords(audit.db, { disclosing: [order6], limit: 10 })).map((record) => record.requestId)).toEqual([
      "request-6",
    ]);
    // Every entity given must have been disclosed.
    expect((await findAuditRecords(audit.db, { disclosing: [person2, order6], limit: 10 })).map((record) => record.seq)).toEqual([5]);
    const activity = await findAuditRecords(audit.db, {
      sub: "officer-a",
      from: "2026-11-03T00:00:00Z",
      to: "2026-11-06T00:00:00Z",
      limit: 10,
    });
    expect(activity.map((record) => record.requestId)).toEqual(["request-4", "request-2"]);
  });

  describe("verify reports the first record changed directly in SQL", () => {
    beforeEach(async () => {
      await appendAuditEntries(
        audit.db,
        [1, 2, 3, 4, 5, 6].map((n) => entry(n)),
      );
      expect((await verifyAuditChain(audit.db)).problem).toBeNull();
    });

    it("an edited record", async () => {
      await asAdministratorBypassingTriggers(audit.db, `UPDATE audit_record SET justification = 'curiosity' WHERE seq = 4`);
      expect(await verifyAuditChain(audit.db)).toMatchObject({ checked: 3, problem: { kind: "altered", seq: 4 } });
    });

    it("an edited record whose hash was recomputed to match", async () => {
      const [record] = await auditRecordsAfter(audit.db, 2, 1);
      const forged = auditRecordHash({ ...record, disclosed: [] }, []);
      await asAdministratorBypassingTriggers(
        audit.db,
        `WITH removed AS (DELETE FROM audit_disclosure WHERE seq = 3) UPDATE audit_record SET hash = $1 WHERE seq = 3`,
        [forged],
      );
      expect(await verifyAuditChain(audit.db)).toMatchObject({ checked: 3, problem: { kind: "broken-link", seq: 4 } });
    });

    it.each([
      ["changed", `UPDATE audit_disclosure SET entity_id = 'person-99' WHERE seq = 4`],
      ["given another type", `UPDATE audit_disclosure SET entity_type = 'CourtHearing' WHERE seq = 4`],
      ["removed", `DELETE FROM audit_disclosure WHERE seq = 4`],
      ["added", `INSERT INTO audit_disclosure SELECT seq, recorded_at, 1, 'Person', 'person-99' FROM audit_record WHERE seq = 4`],
      ["moved to another month", `UPDATE audit_disclosure SET recorded_at = recorded_at + interval '1 day' WHERE seq = 4`],
    ])("a disclosure %s", async (_change, sql) => {
      await asAdministratorBypassingTriggers(audit.db, sql);
      expect(await verifyAuditChain(audit.db)).toMatchObject({ checked: 3, problem: { kind: "altered", seq: 4 } });
    });

    it("a deleted record", async () => {
      await asAdministratorBypassingTriggers(audit.db, `DELETE FROM audit_record WHERE seq = 2`);
      expect(await verifyAuditChain(audit.db)).toMatchObject({ checked: 1, problem: { kind: "missing", seq: 2 } });
    });

    it("records removed from the start, unless verification is anchored after them (retention)", async () => {
      const [second] = await auditRecordsAfter(audit.db, 1, 1);
      await asAdministratorBypassingTriggers(audit.db, `DELETE FROM audit_record WHERE seq <= 2`);
      expect(await verifyAuditChain(audit.db)).toMatchObject({ checked: 0, problem: { kind: "missing", seq: 1 } });
      expect(await verifyAuditChain(audit.db, { after: { seq: 2, hash: second.hash } })).toMatchObject({ checked: 4, problem: null });
      expect(await verifyAuditChain(audit.db, { after: { seq: 2, hash: GENESIS_HASH } })).toMatchObject({
        checked: 0,
        problem: { kind: "broken-link", seq: 3 },
      });
    });

    it("two records swapped", async () => {
      await asAdministratorBypassingTriggers(
        audit.db,
        `UPDATE audit_record SET seq = CASE seq WHEN 5 THEN 6 ELSE 5 END WHERE seq IN (5, 6)`,
      );
      expect(await verifyAuditChain(audit.db)).toMatchObject({ checked: 4, problem: { kind: "broken-link", seq: 5 } });
    });
  });
});

describe("audit store privileges (Postgres)", () => {
  let audit: TestAuditDatabase;
  let role: string;
  let asApplication: Db;

  beforeAll(async () => {
    if (!(await isPostgresAvailable())) return;
    audit = await openTestAuditDatabase();
    role = `test_audit_app_${randomBytes(4).toString("hex")}`;
    await audit.db.query(`CREATE ROLE ${role} LOGIN`);
    await grantAuditAccess(audit.db, audit.schema!, role);
    const url = new URL(TEST_DATABASE_URL);
    url.username = role;
    asApplication = openPostgres({ url: url.toString(), schema: audit.schema!, poolSize: 1 });
  });
  afterAll(async () => {
    if (!audit) return;
    await asApplication.close();
    await audit.db.query(`DROP OWNED BY ${role}`);
    await audit.db.query(`DROP ROLE ${role}`);
    await audit.dispose();
  });

  it("the application role can append (making a new month's partition) and read, but not update, delete or truncate", async () => {
    if (!audit) return expect(await isPostgresAvailable()).toBe(false);
    await appendAuditEntries(asApplication, [entry(1), entry(2, { recordedAt: "2027-01-05T09:00:00.000Z" })]);
    expect(await auditRecordsAfter(asApplication, 0, 10)).toHaveLength(2);
    for (const sql of [
      `UPDATE audit_record SET sub = 'x'`,
      `DELETE FROM audit_record`,
      `TRUNCATE audit_record`,
      `TRUNCATE audit_record_2027_01`,
      `UPDATE audit_disclosure SET entity_id = 'x'`,
      `DELETE FROM audit_disclosure`,
      `TRUNCATE audit_disclosure_2027_01`,
      `INSERT INTO audit_legacy_disclosure_column VALUES (5, 'x', 'X')`,
    ]) {
      await expect(asApplication.query(sql)).rejects.toThrow(/permission denied/);
    }
    await expect(asApplication.query(`DROP TABLE audit_record_2027_01`)).rejects.toThrow(/must be owner/);
    // It can start on a store its owner migrated, which it could not migrate itself.
    await expect(migrateAuditStore(asApplication)).rejects.toThrow(/permission denied/);
    await expect(ensureAuditStoreMigrated(asApplication)).resolves.toEqual([]);
    await audit.db.query(`DELETE FROM schema_migration`);
    await expect(ensureAuditStoreMigrated(asApplication)).rejects.toThrow(/run `npm run audit -- migrate` as the schema's owner/);
    expect((await verifyAuditChain(asApplication)).checked).toBe(2);
  });
});
