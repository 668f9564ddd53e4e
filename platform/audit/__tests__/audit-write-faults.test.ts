import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { Client } from "pg";
import { openTestAuditDatabase, sampleAuditEntry, type TestAuditDatabase } from "../../../test/support/audit";
import { TEST_DATABASE_URL } from "../../../test/support/services";
import { GroupCommitWriter } from "../group-commit";
import type { AuditEntry, AuditRecord } from "../record";
import { appendAuditEntries, auditRecordsAfter, isEntrySpecificError } from "../store";
import { verifyAuditChain } from "../verify";

/**
 * The audit store's write path under hostile entries and faults: one entry
 * the database refuses fails alone, and a connection lost mid-transaction is
 * an error, not the end of the process. (Records of the trail's earlier
 * layouts: audit-migration.test.ts.)
 */
let counter = 0;
function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  counter += 1;
  return sampleAuditEntry(counter, { sub: "officer-a", disclosed: [{ type: "Person", id: `person-${counter}` }], ...overrides });
}

/** What the database refuses in one row, and so in the whole transaction holding it. */
const POISONS = {
  // Postgres text cannot hold U+0000 (SQLSTATE 22P05).
  nul: () => ({ document: 'query { person(id: "x") { id } } # \u0000' }),
  // A lone surrogate is no UTF-8.
  surrogate: () => ({ justification: "risk \udc00 assessment" }),
  // Too big for the btree index on (sub, recorded_at) (SQLSTATE 54000); random hex does not compress.
  oversized: () => ({ sub: randomBytes(10_000).toString("hex") }),
  // The same in the disclosures' index on (entity_type, entity_id, seq): refused in the same statement as its record.
  oversizedDisclosure: () => ({ disclosed: [{ type: "Person", id: randomBytes(10_000).toString("hex") }] }),
} satisfies Record<string, () => Partial<AuditEntry>>;
type Poison = keyof typeof POISONS;

describe("audit write path", () => {
  let audit: TestAuditDatabase;
  beforeAll(async () => {
    audit = await openTestAuditDatabase();
  });
  afterAll(() => audit.dispose());

  const byRequest = async () => new Map((await auditRecordsAfter(audit.db, 0, 1_000_000)).map((record) => [record.requestId, record]));

  it("random batches with poison entries: every good entry committed and answered, every poison one refused alone, the chain unbroken", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.option(fc.constantFrom<Poison>("nul", "surrogate", "oversized", "oversizedDisclosure"), { freq: 3 }), {
          minLength: 1,
          maxLength: 24,
        }),
        fc.integer({ min: 1, max: 8 }),
        async (plan, maxBatch) => {
          const writer = new GroupCommitWriter<AuditEntry>((entries) => appendAuditEntries(audit.db, entries), {
            maxBatch,
            timeoutMs: 60_000,
            isolates: isEntrySpecificError,
          });
          const entries = plan.map((poison) => ({ poison, entry: entry(poison === null ? {} : POISONS[poison]()) }));
          const outcomes = await Promise.allSettled(entries.map(({ entry }) => writer.append(entry)));
          const stored = await byRequest();
          entries.forEach(({ poison, entry }, i) => {
            if (poison === null) {
              expect(outcomes[i].status).toBe("fulfilled");
              expect(stored.get(entry.requestId)).toMatchObject({ document: entry.document, disclosed: entry.disclosed });
            } else {
              expect(outcomes[i]).toMatchObject({ status: "rejected", reason: { code: expect.stringMatching(/^(22|54)/) } });
              expect(stored.has(entry.requestId)).toBe(false);
            }
          });
          expect((await verifyAuditChain(audit.db)).problem).toBeNull();
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe("a connection lost during the audit transaction (Postgres)", () => {
  let audit: TestAuditDatabase;
  let locker: Client;
  beforeAll(async () => {
    audit = await openTestAuditDatabase();
    if (audit.schema === null) return;
    locker = new Client({ connectionString: TEST_DATABASE_URL });
    await locker.connect();
  });
  afterAll(async () => {
    await locker?.end();
    await audit.dispose();
  });

  it("fails that append, and the next one commits on a fresh connection", async () => {
    if (audit.schema === null) return; // PGlite has no connection to lose.
    await appendAuditEntries(audit.db, [entry()]);
    // Held inside the transaction (after the advisory lock) by a table lock, then its connection is ended.
    await locker.query("BEGIN");
    await locker.query(`LOCK TABLE ${audit.schema}.audit_record IN ACCESS EXCLUSIVE MODE`);
    const append = appendAuditEntries(audit.db, [entry()]);
    append.catch(() => undefined);
    let pid: number | undefined;
    for (let attempt = 0; attempt < 200 && pid === undefined; attempt += 1) {
      const [waiting] = (
        await locker.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`, [
          `spo-${audit.schema}`,
        ])
      ).rows;
      pid = waiting?.pid;
      if (pid === undefined) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(pid).toBeDefined();
    await locker.query(`SELECT pg_terminate_backend($1)`, [pid]);
    await expect(append).rejects.toThrow();
    await locker.query("ROLLBACK");

    const [record] = (await appendAuditEntries(audit.db, [entry()])) as AuditRecord[];
    expect(record.seq).toBe(2);
    expect(await verifyAuditChain(audit.db)).toMatchObject({ checked: 2, problem: null });
  });
});
