import { openTestAuditDatabase, type TestAuditDatabase } from "../../test/support/audit";
import type { AuditEntry } from "../../platform/audit/record";
import { appendAuditEntries, auditRecordsAfter } from "../../platform/audit/store";
import { AuditValueHasher } from "../../platform/audit/value-hash";
import { AuditCliUsageError, runAuditCli } from "../audit.cli";

function consultation(n: number, sub: string, person: string, recordedAt: string): AuditEntry {
  return {
    kind: "consultation",
    recordedAt,
    requestId: `request-${n}`,
    sub,
    persona: "force-officer",
    jurisdiction: "forces:07",
    recipient: null,
    justification: "risk assessment",
    operationType: "query",
    operationName: "Person",
    documentHash: "b".repeat(64),
    document: "query Person($id: ID!) { person(id: $id) { name { family } } }",
    variables: JSON.stringify({ id: person }),
    disclosed: [{ type: "Person", id: person }],
    changes: "[]",
    retryKey: null,
  };
}

describe("npm run audit", () => {
  let audit: TestAuditDatabase;
  let lines: string[];
  const run = (...argv: string[]) =>
    runAuditCli(argv, { db: audit.db, schema: audit.schema, out: (line) => lines.push(line), operator: "auditor-jo" });

  beforeEach(async () => {
    audit = await openTestAuditDatabase();
    lines = [];
    await appendAuditEntries(audit.db, [
      consultation(1, "officer-a", "person-1", "2026-10-31T23:00:00.000Z"),
      consultation(2, "officer-b", "person-1", "2026-11-01T09:00:00.000Z"),
      consultation(3, "officer-a", "person-2", "2026-11-02T09:00:00.000Z"),
      consultation(4, "officer-a", "person-1", "2026-11-02T23:59:59.999Z"),
    ]);
  });
  /** Set by a test that breaks the chain on purpose, so the store's own verification at dispose expects it. */
  let tampered = false;
  afterEach(async () => {
    await audit.dispose({ tampered });
    tampered = false;
  });

  it("who-consulted lists who consulted a person in a period, newest first, and records that it was asked", async () => {
    expect(
      await run("who-consulted", "--person", "person-1", "--from", "2026-11-01", "--to", "2026-11-02", "--justification", "complaint 17"),
    ).toBe(0);
    expect(lines).toEqual([
      expect.stringMatching(
        /^#4 2026-11-02T23:59:59\.999Z \[consultation\] officer-a \(force-officer, forces:07\) query Person request=request-4 justification="risk assessment" persons=person-1$/,
      ),
      expect.stringMatching(/^#2 2026-11-01T09:00:00\.000Z \[consultation\] officer-b /),
      "2 record(s)",
    ]);
    const [own] = await auditRecordsAfter(audit.db, 4, 10);
    expect(own).toMatchObject({
      seq: 5,
      sub: "cli:auditor-jo",
      persona: "auditor",
      justification: "complaint 17",
      operationName: "cli who-consulted",
      disclosed: [{ type: "Person", id: "person-1" }],
    });
  });

  it("activity lists what a caller consulted, a page at a time", async () => {
    expect(await run("activity", "--sub", "officer-a", "--limit", "2", "--justification", "quarterly audit")).toBe(0);
    expect(lines.map((line) => (line.startsWith("#") ? line.split(" ")[0] : line))).toEqual([
      "#4",
      "#3",
      "2 record(s); next page: --before 3",
    ]);
    lines = [];
    expect(
      await run("activity", "--sub", "officer-a", "--limit", "2", "--before", "3", "--justification", "quarterly audit", "--json"),
    ).toBe(0);
    expect(lines.map((line) => JSON.parse(line).requestId)).toEqual(["request-1"]);
  });

  it("who-consulted finds any audited entity by its option, and --json lists the disclosures both as pairs and by entity", async () => {
    await appendAuditEntries(audit.db, [
      {
        ...consultation(5, "clerk-c", "person-2", "2026-11-03T09:00:00.000Z"),
        disclosed: [
          { type: "Person", id: "person-2" },
          { type: "CourtHearing", id: "hearing-7" },
        ],
      },
    ]);
    expect(await run("who-consulted", "--hearing", "hearing-7", "--justification", "complaint 18", "--json")).toBe(0);
    // Its own record first: asking about the hearing is a consultation of it.
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        seq: 6,
        sub: "cli:auditor-jo",
        disclosed: [{ type: "CourtHearing", id: "hearing-7" }],
        hearings: ["hearing-7"],
      }),
      expect.objectContaining({
        seq: 5,
        disclosed: [
          { type: "Person", id: "person-2" },
          { type: "CourtHearing", id: "hearing-7" },
        ],
        persons: ["person-2"],
        orders: [],
        hearings: ["hearing-7"],
        breaches: [],
      }),
    ]);
    await expect(run("activity", "--sub", "clerk-c", "--breach", "b-1", "--justification", "complaint 18")).rejects.toThrow(
      /--breach belong to who-consulted/,
    );
  });

  it("refuses to read without a justification, and records nothing", async () => {
    await expect(run("who-consulted", "--person", "person-1")).rejects.toThrow(AuditCliUsageError);
    await expect(run("who-consulted", "--person", "person-1", "--order", "o", "--justification", "x")).rejects.toThrow(
      /exactly one of --person, --order, --hearing or --breach/,
    );
    await expect(run("activity", "--sub", "a", "--from", "yesterday", "--justification", "x")).rejects.toThrow(/--from/);
    expect(await auditRecordsAfter(audit.db, 0, 10)).toHaveLength(4);
  });

  it("--value finds the records holding a value's keyed hash, under any configured key, and records only the hash", async () => {
    const old = { id: "2025", secret: Buffer.alloc(32, 1) };
    const current = { id: "2026", secret: Buffer.alloc(32, 2) };
    const hasher = new AuditValueHasher(current, [old]);
    const holding = (n: number, recordedAt: string, hash: string): AuditEntry => ({
      ...consultation(n, "officer-c", "person-9", recordedAt),
      variables: JSON.stringify({ search: { familyName: hash } }),
    });
    await appendAuditEntries(audit.db, [
      holding(5, "2026-11-03T09:00:00.000Z", new AuditValueHasher(old).hash("Exampleton")),
      holding(6, "2026-11-04T09:00:00.000Z", hasher.hash("Exampleton")),
      holding(7, "2026-11-05T09:00:00.000Z", hasher.hash("Otherton")),
    ]);
    const runWith = (...argv: string[]) =>
      runAuditCli(argv, { db: audit.db, schema: audit.schema, out: (line) => lines.push(line), operator: "auditor-jo", hasher });
    expect(await runWith("activity", "--sub", "officer-c", "--value", "Exampleton", "--justification", "complaint 2026/118")).toBe(0);
    expect(lines).toEqual([expect.stringMatching(/^#6 /), expect.stringMatching(/^#5 /), "2 record(s)"]);
    const [own] = await auditRecordsAfter(audit.db, 7, 10);
    expect(JSON.stringify(own)).not.toContain("Exampleton");
    expect(own.document).toBe(`audit activity --sub officer-c --value ${hasher.hash("Exampleton")} --justification complaint 2026/118`);
  });

  it("refuses a justification that says nothing", async () => {
    await expect(run("activity", "--sub", "officer-a", "--justification", "...")).rejects.toThrow(/too short/);
    expect(await auditRecordsAfter(audit.db, 0, 10)).toHaveLength(4);
  });

  it("verify reports an unbroken chain with its last hash, and the first broken record once one is deleted", async () => {
    expect(await run("verify")).toBe(0);
    expect(lines).toEqual([
      expect.stringMatching(/^audit trail verified: 4 records, unbroken; the last is #4, hash [0-9a-f]{64}$/),
      "no mutation intent is without its outcome",
    ]);
    await audit.db.transaction(async (tx) => {
      tampered = true;
      await tx.query(`SET LOCAL session_replication_role = replica`);
      await tx.query(`DELETE FROM audit_record WHERE seq = 3`);
    });
    lines = [];
    expect(await run("verify")).toBe(1);
    expect(lines[0]).toBe("audit trail BROKEN at record 3 (missing): record 3 is missing (the next record present is 4)");
  });

  it("verify lists a mutation's intent left without its outcome until a retry with the same idempotency key completes it", async () => {
    const mutation = (n: number, kind: AuditEntry["kind"], retryKey: string | null): AuditEntry => ({
      ...consultation(n, "officer-a", "person-1", "2026-11-03T09:00:00.000Z"),
      kind,
      operationType: "mutation",
      operationName: "Report",
      disclosed: [],
      retryKey,
    });
    const key = JSON.stringify([["reportBreach", "k-1"]]);
    await appendAuditEntries(audit.db, [mutation(5, "intent", key)]);
    expect(await run("verify")).toBe(0);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^1 mutation intent\(s\) without an outcome/),
      "  open intent #5 2026-11-03T09:00:00.000Z officer-a Report request=request-5",
    ]);
    lines = [];
    expect(await run("activity", "--sub", "officer-a", "--limit", "1", "--justification", "quarterly check")).toBe(0);
    expect(lines[0]).toMatch(/^#5 \S+ \[intent intent OPEN\] /);
    // The same key with another meaning (its subgraph refuses it) completes nothing.
    const other = (kind: AuditEntry["kind"]) => ({ ...mutation(7, kind, key), variables: JSON.stringify({ id: "person-2" }) });
    await appendAuditEntries(audit.db, [other("intent"), other("outcome")]);
    lines = [];
    expect(await run("verify")).toBe(0);
    expect(lines[1]).toMatch(/^1 mutation intent\(s\) without an outcome/);
    // The retry: its own intent and outcome, with the same keys.
    await appendAuditEntries(audit.db, [mutation(6, "intent", key), mutation(6, "outcome", key)]);
    lines = [];
    expect(await run("verify")).toBe(0);
    expect(lines.slice(1)).toEqual(["no mutation intent is without its outcome"]);
  });

  it("shows a record whose response was withheld after it committed as withheld, not as a disclosure", async () => {
    await appendAuditEntries(audit.db, [
      { ...consultation(1, "officer-a", "", "2026-11-03T09:00:00.000Z"), kind: "withheld", disclosed: [] },
    ]);
    expect(await run("who-consulted", "--person", "person-1", "--justification", "quarterly check")).toBe(0);
    expect(lines.find((line) => line.startsWith("#1 "))).toMatch(
      /response WITHHELD, nothing disclosed \(would have been persons=person-1\)$/,
    );
    expect(lines.find((line) => line.startsWith("#2 "))).toMatch(/ persons=person-1$/);
    lines = [];
    expect(await run("verify")).toBe(0);
    expect(lines[1]).toBe("1 response(s) withheld after their record committed (recorded as withheld)");
  });

  it("verify --after starts after the months retention removed, from the last removed record's seq and hash", async () => {
    const [second] = await auditRecordsAfter(audit.db, 1, 1);
    await audit.db.transaction(async (tx) => {
      tampered = true;
      await tx.query(`SET LOCAL session_replication_role = replica`);
      await tx.query(`DELETE FROM audit_record WHERE seq <= 2`);
    });
    expect(await run("verify", "--after", `2:${second.hash}`)).toBe(0);
    expect(lines[0]).toMatch(/^audit trail verified: 2 records, unbroken; the last is #4/);
    await expect(run("verify", "--after", "2")).rejects.toThrow(AuditCliUsageError);
  });

  it("migrate says the store is up to date when it is", async () => {
    expect(await run("migrate")).toBe(0);
    expect(lines).toEqual(["the audit store is up to date"]);
  });

  it("grant lets a database role insert and read the trail but never update, delete or truncate it (Postgres)", async () => {
    if (audit.schema === null) {
      await expect(run("grant", "--role", "someone")).rejects.toThrow(/Postgres/);
      return;
    }
    const role = `test_audit_cli_${Math.random().toString(16).slice(2, 10)}`;
    await audit.db.query(`CREATE ROLE ${role}`);
    try {
      expect(await run("grant", "--role", role)).toBe(0);
      const [privileges] = await audit.db.query<Record<string, boolean>>(
        `SELECT ${["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE"].map((p) => `has_table_privilege($1, $2, '${p}') AS "${p}"`).join(", ")}`,
        [role, `${audit.schema}.audit_record`],
      );
      expect(privileges).toEqual({ SELECT: true, INSERT: true, UPDATE: false, DELETE: false, TRUNCATE: false });
    } finally {
      await audit.db.query(`DROP OWNED BY ${role}`);
      await audit.db.query(`DROP ROLE ${role}`);
    }
  });
});
