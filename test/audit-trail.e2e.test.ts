import { parse, print } from "graphql";
import { SUBGRAPH_NAMES } from "../domain/topology";
import { DEFAULT_AUDIT_CONTENT } from "../platform/audit/content-config";
import { fixedClock } from "../platform/clock";
import { SEED_CASE_IDS } from "../dev/dataset/seed-cases";
import { findAuditRecords } from "../platform/audit/store";
import type { AuditRecord } from "../platform/audit/record";
import { verifyAuditChain } from "../platform/audit/verify";
import type { Principal } from "../platform/identity/principal";
import { withIdsByEntity, type RecordWithIdsByEntity } from "./support/audit";
import { principalFor, tokenFor } from "./support/identity";
import { seedCasesWithStaffordshireReview } from "./support/seed-case-replay";
import { startTestStack, type TestStack } from "./support/stack";

/**
 * The audit trail (Data Protection Act 2018 s.62) through the gateway: what each persona's typical
 * operation records, what is not recorded, justification, and the record
 * being there before the response.
 */
const TODAY = "2026-11-23";
const STAFFS = SEED_CASE_IDS.staffordshire;
const CHESHIRE = SEED_CASE_IDS.cheshire;
const STAFFS_OFFICER = principalFor("force-officer", { kind: "forces", forces: ["21"] }, "officer-21");
const ANALYST = principalFor("national-analyst", { kind: "national" }, "analyst-1");
const CANNOCK_LISTING = principalFor("court-listing", { kind: "courts", courts: ["B21DA"] }, "cannock-listing-svc");
const DASHBOARD = principalFor("reporting-dashboard", { kind: "national" }, "dashboard-svc");
const AUDITOR = principalFor("auditor", { kind: "national" }, "auditor-1");
const REVIEW = "review-cannock-2026";
/** A value as the trail keeps case notes and identity (the stack hashes with the development key). */
const hashed = (value: string) => DEFAULT_AUDIT_CONTENT.hasher.hash(value);

describe("audit trail", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ chunks: [seedCasesWithStaffordshireReview(REVIEW)], clock: fixedClock(TODAY) });
  });
  afterAll(() => stack?.stop());

  /** Sends an operation as `principal` and returns the response with the audit record of its request id (or null). */
  async function consult(
    query: string,
    variables: Record<string, unknown> | undefined,
    principal: Principal,
    headers: Record<string, string> = {},
  ) {
    const response = await fetch(stack.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await tokenFor(principal)}`, ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as {
      data?: Record<string, any> | null;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    };
    const requestId = response.headers.get("x-request-id");
    const records = await recordsWhere((record) => record.requestId === requestId);
    // A query: its consultation. A mutation: its intent (written before it was sent), then its outcome.
    const intents = records.filter((record) => record.kind === "intent");
    const others = records.filter((record) => record.kind !== "intent");
    expect(others.length).toBeLessThanOrEqual(1);
    expect(intents.length).toBeLessThanOrEqual(1);
    if (intents.length > 0) expect(intents[0].seq).toBeLessThan(others[0]?.seq ?? Infinity);
    return { status: response.status, body, requestId, record: others[0] ?? null, intent: intents[0] ?? null };
  }

  async function recordsWhere(predicate: (record: AuditRecord) => boolean): Promise<RecordWithIdsByEntity[]> {
    return (await findAuditRecords(stack.audit.db, { limit: 100_000 })).filter(predicate).map(withIdsByEntity);
  }

  describe("what each persona's typical operation records", () => {
    it("an officer's respondent search: who, why, the document and variables (the name and date of birth as keyed hashes), and every person and order disclosed", async () => {
      const query = `query Find($family: String!, $dob: Date!) { searchPeople(search: { familyName: $family, dateOfBirth: $dob }) {
        name { family } stalkingProtectionOrders { reference protectedPersons { id } } } }`;
      const variables = { family: "Exampleton", dob: "1983-07-14" };
      const { status, body, record, requestId, intent } = await consult(query, variables, STAFFS_OFFICER);
      expect(status).toBe(200);
      expect(body.data!.searchPeople).toHaveLength(1);
      expect(intent).toBeNull();
      expect(record).toMatchObject({
        kind: "consultation",
        requestId,
        sub: "officer-21",
        persona: "force-officer",
        jurisdiction: "forces:21",
        recipient: null,
        justification: "automated test",
        operationType: "query",
        operationName: "Find",
        document: print(parse(query)),
        variables: JSON.stringify({ family: hashed(variables.family), dob: hashed(variables.dob) }),
        persons: [STAFFS.protectedPerson, STAFFS.respondent].sort(),
        orders: [STAFFS.interimOrder],
        hearings: [],
        breaches: [],
        changes: "[]",
      });
      // The stored text is not the text as sent (formatting), so the sent text's hash is keyed.
      expect(record!.documentHash).toBe(hashed(query));
      // The audit keys the gateway adds never reach the caller.
      expect(JSON.stringify(body)).not.toContain("__audit");
    });

    it("an analyst's order with its terms and respondent, asked without ids", async () => {
      const { status, record } = await consult(
        `{ order(id: "${CHESHIRE.fullOrder}") { reference prohibitions { description } respondent { name { family } } } }`,
        undefined,
        ANALYST,
      );
      expect(status).toBe(200);
      expect(record).toMatchObject({
        sub: "analyst-1",
        jurisdiction: "national",
        orders: [CHESHIRE.fullOrder],
        persons: [CHESHIRE.respondent],
      });
    });

    it("a court listing system's list: the system is recorded as the recipient", async () => {
      const { body, record } = await consult(
        `{ courtList(courtCode: "B21DA", date: "2026-11-20") { id type order { reference } respondent { name { family } } } }`,
        undefined,
        CANNOCK_LISTING,
      );
      expect(body.data!.courtList).toHaveLength(1);
      expect(record).toMatchObject({
        sub: "cannock-listing-svc",
        persona: "court-listing",
        jurisdiction: "courts:B21DA",
        recipient: "cannock-listing-svc",
        hearings: [REVIEW],
        orders: [STAFFS.interimOrder],
        persons: [STAFFS.respondent],
      });
    });

    it("recording an outcome: the mutation, its input and the hearing it changed", async () => {
      const input = { hearingId: REVIEW, status: "ADJOURNED", outcomeNote: "Adjourned for reports", idempotencyKey: "cannock-review-1" };
      const { body, record, intent } = await consult(
        `mutation Record($input: HearingOutcomeInput!) { recordHearingOutcome(input: $input) { status } }`,
        { input },
        CANNOCK_LISTING,
      );
      expect(body.data!.recordHearingOutcome).toEqual({ status: "ADJOURNED" });
      // Before it was sent: who, why, the operation and its variables, nothing disclosed or changed yet.
      expect(intent).toMatchObject({
        kind: "intent",
        sub: "cannock-listing-svc",
        justification: "automated test",
        operationType: "mutation",
        operationName: "Record",
        variables: JSON.stringify({ input: { ...input, outcomeNote: hashed(input.outcomeNote) } }),
        persons: [],
        hearings: [],
        changes: "[]",
        retryKey: JSON.stringify([["recordHearingOutcome", "cannock-review-1"]]),
      });
      expect(record).toMatchObject({
        kind: "outcome",
        operationType: "mutation",
        operationName: "Record",
        variables: JSON.stringify({ input: { ...input, outcomeNote: hashed(input.outcomeNote) } }),
        hearings: [REVIEW],
        changes: JSON.stringify([{ field: "recordHearingOutcome", type: "CourtHearing", id: REVIEW }]),
      });
    });

    it("reporting a breach: the breach offence created and the offender disclosed", async () => {
      const { body, record } = await consult(
        `mutation { reportBreach(input: { orderId: "${STAFFS.interimOrder}", offenceType: BREACH_OF_ORDER, occurredOn: "2026-11-21",
            description: "Waited outside her work", idempotencyKey: "staffs-26-1" }) { id offender { name { family } } } }`,
        undefined,
        STAFFS_OFFICER,
      );
      const breachId = body.data!.reportBreach.id as string;
      expect(record).toMatchObject({
        operationType: "mutation",
        breaches: [breachId],
        persons: [STAFFS.respondent],
        changes: JSON.stringify([{ field: "reportBreach", type: "BreachOffence", id: breachId }]),
      });
    });
  });

  describe("operations written with fragments and aliases", () => {
    it("finds what named and inline fragments disclosed, under aliases", async () => {
      const { body, record } = await consult(
        `query { first: order(id: "${CHESHIRE.fullOrder}") { ...Terms } second: order(id: "${STAFFS.interimOrder}") { ... on StalkingProtectionOrder { reference } } }
         fragment Terms on StalkingProtectionOrder { prohibitions { description } respondent { ...Name } }
         fragment Name on Person { name { family } }`,
        undefined,
        ANALYST,
      );
      expect(Object.keys(body.data!)).toEqual(["first", "second"]);
      expect(body.data!.first.respondent).toEqual({ name: { family: "Fictionby" } });
      expect(record).toMatchObject({ orders: [STAFFS.interimOrder, CHESHIRE.fullOrder].sort(), persons: [CHESHIRE.respondent] });
    });

    it("looks through fragments on the root type to decide whether an operation consults personal data", async () => {
      const reference = await consult(`query { ...Root } fragment Root on Query { forces { code } }`, undefined, {
        ...STAFFS_OFFICER,
        purpose: null,
      });
      expect([reference.status, reference.record]).toEqual([200, null]);
      const personal = await consult(`query { ...Root } fragment Root on Query { person(id: "${STAFFS.respondent}") { id } }`, undefined, {
        ...STAFFS_OFFICER,
        purpose: null,
      });
      expect(personal.status).toBe(403);
    });
  });

  describe("what is not recorded", () => {
    it("statistics and estate data are no consultation: no record", async () => {
      const before = (await recordsWhere(() => true)).length;
      const statistics = await consult(
        `{ spoStatistics(from: "2026-01-01", to: "2026-12-31", groupBy: NATIONAL) { activeOrders } }`,
        undefined,
        DASHBOARD,
      );
      const reference = await consult(`{ forces { code name } courts(force: "21") { code name } }`, undefined, STAFFS_OFFICER);
      expect([statistics.status, reference.status]).toEqual([200, 200]);
      expect(reference.body.data!.forces.length).toBeGreaterThan(40);
      expect([statistics.record, reference.record]).toEqual([null, null]);
      expect(await recordsWhere(() => true)).toHaveLength(before);
    });

    it("persons withheld for jurisdiction (FORBIDDEN) are not recorded as disclosed; the order summary that was shown is", async () => {
      const { body, record } = await consult(
        `{ order(id: "${CHESHIRE.fullOrder}") { reference protectedPersons { id name { family } } } }`,
        undefined,
        STAFFS_OFFICER,
      );
      expect(body.data!.order).toEqual({ reference: expect.any(String), protectedPersons: null });
      expect(body.errors![0].extensions).toEqual({ code: "FORBIDDEN", reason: "OUT_OF_JURISDICTION" });
      expect(record).toMatchObject({ orders: [CHESHIRE.fullOrder], persons: [] });
    });

    it("persons withheld for scope (UNAUTHORIZED_FIELD_OR_TYPE) are not recorded as disclosed", async () => {
      const { body, record } = await consult(
        `{ order(id: "${CHESHIRE.fullOrder}") { protectedPersons { id } respondent { pncId } } }`,
        undefined,
        ANALYST,
      );
      expect(body.data!.order.protectedPersons).toBeNull();
      expect(body.errors!.map((error) => error.extensions!.code)).toEqual(["UNAUTHORIZED_FIELD_OR_TYPE"]);
      expect(record).toMatchObject({ orders: [CHESHIRE.fullOrder], persons: [CHESHIRE.respondent] });
    });

    it("an object all of whose asked-for fields were withheld still confirmed that it exists: recorded under its id", async () => {
      const { body, record } = await consult(
        `{ order(id: "${CHESHIRE.fullOrder}") { protectedPersons { id } } }`,
        undefined,
        STAFFS_OFFICER,
      );
      expect(body.data!.order).toEqual({ protectedPersons: null });
      expect(record).toMatchObject({ orders: [CHESHIRE.fullOrder], persons: [] });
    });

    it("a lookup whose every asked-for field is null confirms the victim is on record: recorded under the victim's id", async () => {
      const { body, record } = await consult(
        `{ person(id: "${STAFFS.protectedPerson}") { pncId dateOfBirth } }`,
        undefined,
        STAFFS_OFFICER,
      );
      expect(body.data!.person).toEqual({ pncId: null, dateOfBirth: null });
      expect(record).toMatchObject({ persons: [STAFFS.protectedPerson] });
      // A person withheld whole (outside the caller's jurisdiction) is not in the response, and not recorded.
      const outside = await consult(`{ person(id: "${CHESHIRE.protectedPerson}") { pncId } }`, undefined, STAFFS_OFFICER);
      expect(outside.body.data?.person ?? null).toBeNull();
      expect(outside.record).toMatchObject({ persons: [] });
    });
  });

  describe("justification", () => {
    const UNJUSTIFIED_OFFICER: Principal = { ...STAFFS_OFFICER, purpose: null };
    const PERSON = `query($id: ID!) { person(id: $id) { name { family } } }`;

    it("an officer without one is refused with 403 before any subgraph is called, and the refusal is recorded", async () => {
      stack.resetStatementCounts();
      const { status, body, record } = await consult(PERSON, { id: STAFFS.respondent }, UNJUSTIFIED_OFFICER);
      expect(status).toBe(403);
      expect(body.data).toBeUndefined();
      expect(body.errors).toEqual([{ message: expect.stringMatching(/x-justification/), extensions: { code: "JUSTIFICATION_REQUIRED" } }]);
      expect(record).toMatchObject({ refusal: "JUSTIFICATION_REQUIRED", justification: null, persons: [], orders: [], changes: "[]" });
      for (const name of SUBGRAPH_NAMES) expect(stack.subgraphRequests[name]).toEqual([]);
    });

    it("a blank one counts as none; one over 500 characters is refused", async () => {
      const { status } = await consult(PERSON, { id: STAFFS.respondent }, { ...STAFFS_OFFICER, purpose: "  " }, { "x-justification": " " });
      expect(status).toBe(403);
      const long = await consult(PERSON, { id: STAFFS.respondent }, STAFFS_OFFICER, { "x-justification": "x".repeat(501) });
      expect(long.status).toBe(403);
      expect(long.body.errors![0]).toEqual({
        message: "The justification is longer than 500 characters",
        extensions: { code: "JUSTIFICATION_REQUIRED" },
      });
      // On record as refused; the text itself, over the bound, is not kept.
      expect(long.record).toMatchObject({ refusal: "JUSTIFICATION_REQUIRED", justification: null, persons: [] });
    });

    it("the x-justification header gives it per request, and wins over the token's purpose", async () => {
      const header = { "x-justification": "Risk assessment, incident 21/4471/26" };
      const withHeader = await consult(PERSON, { id: STAFFS.respondent }, UNJUSTIFIED_OFFICER, header);
      expect(withHeader.status).toBe(200);
      expect(withHeader.record!.justification).toBe("Risk assessment, incident 21/4471/26");
      const overClaim = await consult(PERSON, { id: STAFFS.respondent }, STAFFS_OFFICER, header);
      expect(overClaim.record!.justification).toBe("Risk assessment, incident 21/4471/26");
    });

    it("estate data and statistics need none; a persona schema/personas.json exempts needs none", async () => {
      expect((await consult(`{ forces { code } }`, undefined, UNJUSTIFIED_OFFICER)).status).toBe(200);
      const dashboard = await consult(
        `{ spoStatistics(from: "2026-01-01", to: "2026-12-31", groupBy: NATIONAL) { activeOrders } }`,
        undefined,
        { ...DASHBOARD, purpose: null },
      );
      expect(dashboard.status).toBe(200);
    });

    it("a caller of no known persona must always give one", async () => {
      const { status } = await consult(PERSON, { id: STAFFS.respondent }, { ...ANALYST, persona: null, purpose: null });
      expect(status).toBe(403);
    });
  });

  describe("reading the trail through the graph (auditor, audit:read)", () => {
    const READ = `query Read($filter: AuditRecordFilter!, $first: Int, $after: String) {
      auditRecords(filter: $filter, first: $first, after: $after) {
        nodes { seq recordedAt sub persona justification operationName requestId personIds orderIds }
        hasNextPage endCursor } }`;

    it("who consulted a person: newest first, a page at a time", async () => {
      const expected = (
        await findAuditRecords(stack.audit.db, { disclosing: [{ type: "Person", id: STAFFS.respondent }], limit: 1000 })
      ).map((record) => record.requestId);
      expect(expected.length).toBeGreaterThanOrEqual(3);
      const first = await consult(READ, { filter: { personId: STAFFS.respondent }, first: 2 }, AUDITOR);
      expect(first.status).toBe(200);
      const page1 = first.body.data!.auditRecords;
      expect(page1.hasNextPage).toBe(true);
      expect(page1.nodes.map((node: { requestId: string }) => node.requestId)).toEqual(expected.slice(0, 2));
      expect(page1.nodes[0]).toMatchObject({
        personIds: expect.arrayContaining([STAFFS.respondent]),
        recordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*[+-]\d{2}:\d{2}$/),
      });
      const second = await consult(READ, { filter: { personId: STAFFS.respondent }, first: 100, after: page1.endCursor }, AUDITOR);
      expect(second.body.data!.auditRecords.nodes.map((node: { requestId: string }) => node.requestId)).toEqual(expected.slice(2));
      expect(second.body.data!.auditRecords.hasNextPage).toBe(false);
    });

    it("what a caller consulted in a period, and who consulted an order", async () => {
      const officer = await consult(
        READ,
        { filter: { sub: "officer-21", from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z" }, first: 100 },
        AUDITOR,
      );
      const nodes = officer.body.data!.auditRecords.nodes as { sub: string; operationName: string | null }[];
      expect(nodes.length).toBeGreaterThanOrEqual(2);
      expect(new Set(nodes.map((node) => node.sub))).toEqual(new Set(["officer-21"]));
      expect(nodes.map((node) => node.operationName)).toContain("Find");
      const none = await consult(READ, { filter: { sub: "officer-21", to: "2000-01-01T00:00:00Z" } }, AUDITOR);
      expect(none.body.data!.auditRecords).toEqual({ nodes: [], hasNextPage: false, endCursor: null });
      const order = await consult(READ, { filter: { orderId: CHESHIRE.fullOrder } }, AUDITOR);
      expect(order.body.data!.auditRecords.nodes.map((node: { sub: string }) => node.sub)).toEqual(
        expect.arrayContaining(["analyst-1", "officer-21"]),
      );
    });

    it("reading the trail is itself recorded", async () => {
      const { record, body } = await consult(READ, { filter: { personId: CHESHIRE.respondent } }, AUDITOR, {
        "x-justification": "Complaint 2026/118",
      });
      expect(body.errors).toBeUndefined();
      expect(record).toMatchObject({
        sub: "auditor-1",
        persona: "auditor",
        justification: "Complaint 2026/118",
        operationName: "Read",
        variables: JSON.stringify({ filter: { personId: CHESHIRE.respondent } }),
      });
    });

    it("is for auditors only, and needs a filter", async () => {
      const officer = await consult(READ, { filter: { personId: STAFFS.respondent } }, STAFFS_OFFICER);
      expect(officer.body).toEqual({
        data: null,
        errors: [expect.objectContaining({ extensions: { code: "UNAUTHORIZED_FIELD_OR_TYPE" } })],
      });
      const unfiltered = await consult(READ, { filter: {} }, AUDITOR);
      expect(unfiltered.body.errors![0].extensions).toEqual({ code: "BAD_USER_INPUT", argument: "filter" });
      const unjustified = await consult(READ, { filter: { sub: "officer-21" } }, { ...AUDITOR, purpose: null });
      expect(unjustified.status).toBe(403);
    });
  });

  it("refuses an alias in the prefix the gateway reserves for its audit keys", async () => {
    const { status, body } = await consult(`{ person(id: "${STAFFS.respondent}") { __audit_id: pncId } }`, undefined, ANALYST);
    expect(status).toBe(400);
    expect(body.errors![0].extensions).toEqual({ code: "BAD_USER_INPUT", reason: "RESERVED_ALIAS" });
  });

  it("the trail written by all of the above verifies", async () => {
    const report = await verifyAuditChain(stack.audit.db);
    expect(report.problem).toBeNull();
    expect(report.checked).toBe((await recordsWhere(() => true)).length);
  });
});
