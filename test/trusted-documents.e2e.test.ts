import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SHIPPED_TRUSTED_DOCUMENTS_FILE } from "../gateway/trusted-documents";
import { findAuditRecords } from "../platform/audit/store";
import { fixedClock } from "../platform/clock";
import type { Principal } from "../platform/identity/principal";
import { principalFor, tokenFor } from "./support/identity";
import { seedCasesWithStaffordshireReview } from "./support/seed-case-replay";
import { startTestStack, type TestStack } from "./support/stack";

/**
 * Trusted documents (docs/operations.md, "Trusted documents"): a service
 * caller (court listing system, dashboard) is answered for the operations of
 * the manifest and refused, on record, for any other; a person's tool is not
 * held to it.
 */
const LISTED = `query Forces { forces { code } }`;
const UNLISTED = `query ForceNames { forces { name } }`;
const HEARING = "trusted-documents-cannock";
const RECORD_OUTCOME = `mutation Record($input: HearingOutcomeInput!) { recordHearingOutcome(input: $input) { status } }`;
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

describe("trusted documents", () => {
  let stack: TestStack;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "spo-trusted-"));
    const file = path.join(dir, "manifest.json");
    writeFileSync(
      file,
      JSON.stringify({
        format: "apollo-persisted-query-manifest",
        version: 1,
        operations: [{ id: sha256(LISTED), name: "Forces", type: "query", body: LISTED }],
      }),
    );
    stack = await startTestStack({
      chunks: [seedCasesWithStaffordshireReview(HEARING)],
      clock: fixedClock("2026-11-23"),
      trustedDocumentsFile: file,
    });
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function send(query: string, principal: Principal, variables?: Record<string, unknown>) {
    const response = await fetch(stack.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await tokenFor(principal)}` },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: response.status,
      requestId: response.headers.get("x-request-id")!,
      body: (await response.json()) as { data?: unknown; errors?: { extensions: { code: string } }[] },
    };
  }

  it("answers a service caller's listed document", async () => {
    const dashboard = principalFor("reporting-dashboard", { kind: "national" }, `dashboard-${randomUUID()}`);
    const answered = await send(LISTED, dashboard);
    expect(answered.status).toBe(200);
    expect(answered.body.errors).toBeUndefined();
    expect((answered.body.data as { forces: unknown[] }).forces.length).toBeGreaterThan(0);
  });

  it("refuses a service caller's unlisted document with PERSISTED_QUERY_NOT_IN_LIST and records the refusal", async () => {
    const sub = `crewe-listing-${randomUUID()}`;
    const listing = principalFor("court-listing", { kind: "courts", courts: ["B07ED"] }, sub);
    const refused = await send(UNLISTED, listing);
    expect(refused.status).toBe(403);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors?.map((error) => error.extensions.code)).toEqual(["PERSISTED_QUERY_NOT_IN_LIST"]);
    const records = await findAuditRecords(stack.audit.db, { sub, limit: 10 });
    expect(records.map((record) => [record.requestId, record.kind, record.refusal, record.operationName])).toEqual([
      [refused.requestId, "refused", "PERSISTED_QUERY_NOT_IN_LIST", "ForceNames"],
    ]);
  });

  it("refuses a service caller's unlisted mutation before it runs: the refusal is its only record", async () => {
    const sub = `cannock-listing-${randomUUID()}`;
    const listing = principalFor("court-listing", { kind: "courts", courts: ["B21DA"] }, sub);
    const input = { hearingId: HEARING, status: "ADJOURNED", idempotencyKey: `trusted-${randomUUID()}` };
    const refused = await send(RECORD_OUTCOME, listing, { input });
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.map((error) => error.extensions.code)).toEqual(["PERSISTED_QUERY_NOT_IN_LIST"]);
    // Every change has its record: a mutation that ran would have one of its own beside the refusal.
    const records = await findAuditRecords(stack.audit.db, { sub, limit: 10 });
    expect(records.map((record) => [record.kind, record.refusal, record.operationName])).toEqual([
      ["refused", "PERSISTED_QUERY_NOT_IN_LIST", "Record"],
    ]);
  });

  it("does not hold a person's tool to the manifest", async () => {
    const officer = principalFor("force-officer", { kind: "forces", forces: ["21"] }, "officer-21");
    const answered = await send(UNLISTED, officer);
    expect(answered.status).toBe(200);
    expect(answered.body.errors).toBeUndefined();
  });
});

describe("the shipped manifest: the court listing integration's documented operations", () => {
  let stack: TestStack;
  const manifest = JSON.parse(readFileSync(SHIPPED_TRUSTED_DOCUMENTS_FILE, "utf8")) as {
    operations: { id: string; name: string; body: string }[];
  };
  const operation = (name: string) => manifest.operations.find((candidate) => candidate.name === name)!;
  const HEARING_ID = "trusted-documents-shipped-cannock";

  beforeAll(async () => {
    stack = await startTestStack({
      chunks: [seedCasesWithStaffordshireReview(HEARING_ID)],
      clock: fixedClock("2026-11-23"),
      trustedDocumentsFile: SHIPPED_TRUSTED_DOCUMENTS_FILE,
    });
  });
  afterAll(() => stack?.stop());

  async function post(principal: Principal, body: Record<string, unknown>) {
    const response = await fetch(stack.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await tokenFor(principal)}` },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as { data?: Record<string, unknown>; errors?: { extensions: { code: string } }[] },
    };
  }
  const cannockListing = () => principalFor("court-listing", { kind: "courts", courts: ["B21DA"] }, `cannock-listing-${randomUUID()}`);

  it("lists the day's hearings at the caller's court with the manifest's CourtListing, sent as text", async () => {
    const listed = await post(cannockListing(), {
      query: operation("CourtListing").body,
      variables: { courtCode: "B21DA", date: "2026-11-20" },
    });
    expect(listed.status).toBe(200);
    expect(listed.body.errors).toBeUndefined();
    expect((listed.body.data?.courtList as { id: string }[]).map((hearing) => hearing.id)).toContain(HEARING_ID);
  });

  it("records an outcome with the manifest's RecordHearingOutcome, sent by its id alone", async () => {
    const recorded = await post(cannockListing(), {
      operationName: "RecordHearingOutcome",
      variables: { input: { hearingId: HEARING_ID, status: "ADJOURNED", idempotencyKey: `shipped-${randomUUID()}` } },
      extensions: { persistedQuery: { version: 1, sha256Hash: operation("RecordHearingOutcome").id } },
    });
    expect(recorded.status).toBe(200);
    expect(recorded.body.errors).toBeUndefined();
    expect(recorded.body.data?.recordHearingOutcome).toMatchObject({ id: HEARING_ID, status: "ADJOURNED" });
  });

  it("still refuses the same question asked in words of the caller's own", async () => {
    const refused = await post(cannockListing(), { query: `{ courtList(courtCode: "B21DA", date: "2026-11-20") { id } }` });
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.map((error) => error.extensions.code)).toEqual(["PERSISTED_QUERY_NOT_IN_LIST"]);
  });
});
