import { Client } from "pg";
import { fixedClock } from "../platform/clock";
import { seedCasesChunk, SEED_CASE_IDS } from "../dev/dataset/seed-cases";
import { runAuditCli } from "../gateway/audit.cli";
import type { AuditRecord } from "../platform/audit/record";
import { auditRecordStatuses, auditRecordsAfter } from "../platform/audit/store";
import { verifyAuditChain } from "../platform/audit/verify";
import type { Db } from "../platform/db/db";
import { waitUntil } from "./support/events";
import { withIdsByEntity } from "./support/audit";
import { principalFor } from "./support/identity";
import { TEST_DATABASE_URL } from "./support/services";
import { startTestStack, type GraphQLHttpResponse, type TestStack } from "./support/stack";

/**
 * The audit trail's write path through the gateway, against cheap attacks and
 * faults: a mutation is on record before any subgraph hears of it, one caller's
 * unstorable record withholds no one else's answer, a crash between a change
 * and its outcome record is seen by verify and completed by a retry, and a
 * response withheld for a late commit is never recorded as a disclosure.
 */
const STAFFS = SEED_CASE_IDS.staffordshire;
const OFFICER = principalFor("force-officer", { kind: "forces", forces: ["21"] }, "write-path-officer");
const PERSON = `query Person($id: ID!) { person(id: $id) { name { family } } }`;
const REPORT = `mutation Report($input: ReportBreachInput!) { reportBreach(input: $input) { id offender { name { family } } } }`;
const reportInput = (idempotencyKey: string) => ({
  orderId: STAFFS.interimOrder,
  offenceType: "BREACH_OF_ORDER",
  occurredOn: "2026-11-21",
  description: "Waited outside her work",
  idempotencyKey,
});
const AUDITOR = principalFor("auditor", { kind: "national" }, "write-path-auditor");
const READ_TRAIL = `query Trail($filter: AuditRecordFilter!) {
  auditRecords(filter: $filter, first: 200) { nodes { seq requestId kind responseWithheld intentStatus personIds } } }`;
const UNAVAILABLE = {
  errors: [{ message: expect.stringMatching(/audit trail is unavailable/), extensions: { code: "AUDIT_UNAVAILABLE" } }],
};

async function recordsOf(db: Db, requestId: string | undefined): Promise<AuditRecord[]> {
  return (await auditRecordsAfter(db, 0, 1_000_000)).filter((record) => record.requestId === requestId);
}

/** Makes the store refuse records of one kind (as a full disk or a dropped connection would, for that write only). */
async function refuseRecords(db: Db, kind: string): Promise<void> {
  await db.execScript(`
    CREATE FUNCTION test_refuse_record() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.kind = '${kind}' THEN RAISE EXCEPTION 'refused for the test' USING ERRCODE = 'disk_full'; END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER test_refuse_record BEFORE INSERT ON audit_record FOR EACH ROW EXECUTE FUNCTION test_refuse_record();
  `);
}

async function acceptRecords(db: Db): Promise<void> {
  await db.execScript(`DROP TRIGGER test_refuse_record ON audit_record; DROP FUNCTION test_refuse_record();`);
}

// Every rule holds on both stores the trail can live in: Postgres (production) and embedded PGlite.
const AUDIT_ENGINES = ["default", "pglite"] as const;

describe.each(AUDIT_ENGINES)("audit write path (%s audit store)", (auditEngine) => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ chunks: [seedCasesChunk()], clock: fixedClock("2026-11-23"), auditEngine });
  });
  afterAll(() => stack?.stop());

  const breaches = async () =>
    (await stack.databases.breaches.db.query<{ id: string }>(`SELECT id FROM breach_offence ORDER BY id`)).map((row) => row.id);
  const report = (key: string, document = REPORT) => stack.query(document, { input: reportInput(key) }, OFFICER);

  describe("write-ahead: a mutation whose intent cannot be committed changes nothing", () => {
    it("text no store can keep (a NUL in a comment of the document): refused at the edge, nothing sent to any subgraph", async () => {
      const before = await breaches();
      stack.resetStatementCounts();
      const response = await report("nul-comment-1", `${REPORT} # \u0000`);
      // Refused before the trail or any subgraph sees it; the store would refuse the record (22P05) if it got there.
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(stack.subgraphRequests.breaches).toEqual([]);
      expect(await breaches()).toEqual(before);
      expect(await recordsOf(stack.audit.db, response.requestId)).toEqual([]);
    });

    it("a store that refuses the intent: 503, nothing sent, nothing changed", async () => {
      const before = await breaches();
      await refuseRecords(stack.audit.db, "intent");
      try {
        stack.resetStatementCounts();
        const response = await report("store-refuses-1");
        expect(response.status).toBe(503);
        expect(response.body).toEqual(UNAVAILABLE);
        expect(stack.subgraphRequests.breaches).toEqual([]);
        expect(await recordsOf(stack.audit.db, response.requestId)).toEqual([]);
      } finally {
        await acceptRecords(stack.audit.db);
      }
      expect(await breaches()).toEqual(before);
    });
  });

  it("one caller sending unstorable records withholds no one else's answer", async () => {
    const innocents = Array.from({ length: 30 }, (_, n) => principalFor("national-analyst", { kind: "national" }, `innocent-${n}`));
    const attacks = Array.from({ length: 10 }, () => stack.query(`${PERSON} # \u0000`, { id: STAFFS.respondent }, OFFICER));
    const answers = innocents.map((innocent) => stack.query(PERSON, { id: STAFFS.respondent }, innocent));
    const [attacked, answered] = await Promise.all([Promise.all(attacks), Promise.all(answers)]);
    expect(attacked.map((response) => response.status)).toEqual(attacked.map(() => 400));
    expect(answered.map((response) => response.status)).toEqual(answered.map(() => 200));
    for (const response of answered) {
      expect(response.body.data!.person).toEqual({ name: { family: "Exampleton" } });
      expect(await recordsOf(stack.audit.db, response.requestId)).toEqual([expect.objectContaining({ kind: "consultation" })]);
    }
    expect((await verifyAuditChain(stack.audit.db)).problem).toBeNull();
  });

  it("the outcome record failing after the subgraph committed leaves an intent verify reports; a retry with the same key completes it", async () => {
    const key = "outcome-lost-1";
    await refuseRecords(stack.audit.db, "outcome");
    let first: GraphQLHttpResponse;
    try {
      first = await report(key);
    } finally {
      await acceptRecords(stack.audit.db);
    }
    // The change was made (its subgraph committed it), its response withheld, its intent on record without an outcome.
    expect(first.status).toBe(503);
    const [intent, ...none] = await recordsOf(stack.audit.db, first.requestId);
    expect(intent).toMatchObject({ kind: "intent", operationName: "Report", retryKey: JSON.stringify([["reportBreach", key]]) });
    expect(none).toEqual([]);
    const [claimed] = await stack.databases.breaches.db.query<{ result_id: string }>(
      `SELECT result_id FROM idempotent_request WHERE idempotency_key = $1`,
      [key],
    );
    expect(await breaches()).toContain(claimed.result_id);

    const open = await verifyAuditChain(stack.audit.db);
    expect(open.problem).toBeNull();
    expect(open.openIntents).toEqual([expect.objectContaining({ seq: intent.seq, requestId: first.requestId, sub: OFFICER.sub })]);
    const lines: string[] = [];
    expect(await runAuditCli(["verify"], { db: stack.audit.db, out: (line) => lines.push(line), operator: "test" })).toBe(0);
    expect(lines).toContain(`  open intent #${intent.seq} ${intent.recordedAt} ${OFFICER.sub} Report request=${first.requestId}`);
    expect((await auditRecordStatuses(stack.audit.db, [intent])).get(intent.seq)).toEqual({
      responseWithheld: false,
      intentStatus: "open",
    });

    // The retry: the same result, and its own intent and outcome, which complete the first intent.
    const retry = await report(key);
    expect(retry.status).toBe(200);
    expect(retry.body.data!.reportBreach.id).toBe(claimed.result_id);
    expect((await recordsOf(stack.audit.db, retry.requestId)).map((record) => record.kind)).toEqual(["intent", "outcome"]);
    const completed = await verifyAuditChain(stack.audit.db);
    expect(completed).toMatchObject({ problem: null, openIntents: [], openIntentCount: 0 });
    expect((await auditRecordStatuses(stack.audit.db, [intent])).get(intent.seq)).toEqual({
      responseWithheld: false,
      intentStatus: "completed",
    });
  });
});

describe.each(AUDIT_ENGINES)("a response withheld because its record committed too late (%s audit store)", (auditEngine) => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ chunks: [seedCasesChunk()], clock: fixedClock("2026-11-23"), auditWriteTimeoutMs: 3000, auditEngine });
  });
  afterAll(() => stack?.stop());

  /** Holds an exclusive lock on the trail (from another connection on Postgres; PGlite's one connection otherwise) while `during` runs. */
  async function withTrailLocked(during: () => Promise<void>): Promise<void> {
    if (stack.audit.schema === null) {
      await stack.audit.db.transaction(async (tx) => {
        await tx.query(`LOCK TABLE audit_record IN ACCESS EXCLUSIVE MODE`);
        await during();
      });
      return;
    }
    const locker = new Client({ connectionString: TEST_DATABASE_URL });
    await locker.connect();
    try {
      await locker.query("BEGIN");
      await locker.query(`LOCK TABLE ${stack.audit.schema}.audit_record IN ACCESS EXCLUSIVE MODE`);
      await during();
      await locker.query("COMMIT");
    } finally {
      await locker.end();
    }
  }

  it("is recorded as withheld, or not at all: never as a disclosure", async () => {
    const withheld: GraphQLHttpResponse[] = [];
    await withTrailLocked(async () => {
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, n) =>
          stack.query(PERSON, { id: STAFFS.respondent }, principalFor("national-analyst", { kind: "national" }, `late-${n}`)),
        ),
      );
      withheld.push(...responses);
    });
    expect(withheld.map((response) => response.status)).toEqual(withheld.map(() => 503));
    for (const response of withheld) expect(response.body).toEqual(UNAVAILABLE);

    // Once the lock is gone, the commit that was running completes; a request answered after that is recorded after
    // every withheld record that commit called for (they were queued first).
    const probe = await stack.query(PERSON, { id: STAFFS.respondent }, OFFICER);
    expect(probe.status).toBe(200);

    const records = (await auditRecordsAfter(stack.audit.db, 0, 1_000_000)).map(withIdsByEntity);
    let late = 0;
    for (const response of withheld) {
      const mine = records.filter((record) => record.requestId === response.requestId);
      if (mine.length === 0) continue; // Still queued at its deadline: cancelled, never written.
      late += 1;
      // Its consultation committed after the response had been withheld; the withheld record follows it and says so.
      expect(mine.map((record) => record.kind)).toEqual(["consultation", "withheld"]);
      expect(mine[1]).toMatchObject({ persons: [], orders: [], document: "" });
      const statuses = await auditRecordStatuses(stack.audit.db, mine);
      expect(statuses.get(mine[0].seq)).toEqual({ responseWithheld: true, intentStatus: null });
      // The auditors' view says so next to the persons the record lists.
      const trail = await stack.query(READ_TRAIL, { filter: { sub: mine[0].sub } }, AUDITOR);
      expect(trail.body.data!.auditRecords.nodes).toContainEqual(
        expect.objectContaining({ seq: String(mine[0].seq), kind: "consultation", responseWithheld: true, personIds: [STAFFS.respondent] }),
      );
    }
    // The first record's commit was running when the lock was taken: at least that one committed late.
    expect(late).toBeGreaterThanOrEqual(1);
    const report = await verifyAuditChain(stack.audit.db);
    expect(report).toMatchObject({ problem: null, withheldResponses: late });
    await waitUntil(
      async () => stack.auditLog.some((line) => line.includes("committed after its response was withheld")),
      "the late commit logged",
    );
  });
});
