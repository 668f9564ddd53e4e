import { createHash, randomUUID } from "node:crypto";
import { isInputObjectType, isObjectType, parse, print } from "graphql";
import { SUBGRAPH_NAMES } from "../domain/topology";
import { SEED_CASE_IDS } from "../dev/dataset/seed-cases";
import { INPUT_PROTECTION } from "../domain/input-protection";
import { formatPncId } from "../domain/pnc";
import type { AuthorizationMode } from "../gateway/authz";
import { DEFAULT_AUDIT_CONTENT } from "../platform/audit/content-config";
import { findAuditRecords } from "../platform/audit/store";
import { verifyAuditChain } from "../platform/audit/verify";
import { fixedClock } from "../platform/clock";
import type { Principal } from "../platform/identity/principal";
import { withIdsByEntity, type RecordWithIdsByEntity } from "./support/audit";
import { principalFor, tokenFor } from "./support/identity";
import { composedApiSchema } from "./support/read-everything";
import { isPostgresAvailable } from "./support/services";
import { seedCasesWithStaffordshireReview } from "./support/seed-case-replay";
import { startTestStack, type TestStack } from "./support/stack";

/**
 * What the audit trail stores (docs/audit-trail.md), through the gateway, on
 * each audit store engine: a record can always be stored (text no database
 * takes is refused at the edge; undeclared variables are dropped; a text over
 * the bound is kept as its hash and length); case notes and identity reach
 * the trail only as keyed hashes, which an auditor can match by supplying the
 * value; refused attempts are records with their refusal code.
 */
const TODAY = "2026-11-23";
const STAFFS = SEED_CASE_IDS.staffordshire;
const OFFICER = principalFor("force-officer", { kind: "forces", forces: ["21"] }, "officer-21");
const ANALYST = principalFor("national-analyst", { kind: "national" }, "analyst-1");
const CANNOCK_LISTING = principalFor("court-listing", { kind: "courts", courts: ["B21DA"] }, "cannock-listing-svc");
const AUDITOR = principalFor("auditor", { kind: "national" }, "auditor-1");
const HEARING = "content-review-cannock";
const MAX_TEXT_BYTES = 4096;

/** Planted in every case-notes and identity input: none may appear anywhere in the trail. */
const MARKERS = {
  description: `MARKER-DESCRIPTION-${randomUUID()}`,
  descriptionLiteral: `MARKER-DESCRIPTION-LITERAL-${randomUUID()}`,
  outcomeNote: `MARKER-OUTCOME-${randomUUID()}`,
  outcomeNoteLiteral: `MARKER-OUTCOME-LITERAL-${randomUUID()}`,
  grounds: `MARKER-GROUNDS-${randomUUID()}`,
  groundsLiteral: `MARKER-GROUNDS-LITERAL-${randomUUID()}`,
  beliefReason: `MARKER-BELIEF-${randomUUID()}`,
  termDescription: `MARKER-TERM-${randomUUID()}`,
  termExclusionArea: `MARKER-AREA-${randomUUID()}`,
  decisionTermDescription: `MARKER-DECISION-TERM-${randomUUID()}`,
  decisionTermExclusionArea: `MARKER-DECISION-AREA-${randomUUID()}`,
  relistReason: `MARKER-RELIST-${randomUUID()}`,
  vacateReason: `MARKER-VACATE-${randomUUID()}`,
  correctedNote: `MARKER-CORRECTED-NOTE-${randomUUID()}`,
  correctionReason: `MARKER-CORRECTION-${randomUUID()}`,
  familyName: `Zqx${randomUUID().slice(0, 8)}`,
  familyNameLiteral: `Zqy${randomUUID().slice(0, 8)}`,
  givenName: `Vqw${randomUUID().slice(0, 8)}`,
  pncId: formatPncId(2011, 1_357_911),
  dateOfBirth: "1911-03-17",
} as const;

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const hashed = (value: string) => DEFAULT_AUDIT_CONTENT.hasher.hash(value);

type Setup = { engine: "default" | "pglite"; mode: AuthorizationMode };
const SETUPS: Setup[] = [
  { engine: "default", mode: "filter" },
  { engine: "pglite", mode: "reject" },
];

describe.each(SETUPS)("what the audit trail stores ($engine audit store, $mode authorization)", ({ engine, mode }) => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      chunks: [seedCasesWithStaffordshireReview(HEARING)],
      clock: fixedClock(TODAY),
      authorizationMode: mode,
      auditEngine: engine,
      auditContent: { ...DEFAULT_AUDIT_CONTENT, maxTextBytes: MAX_TEXT_BYTES },
    });
    if (engine === "default" && (await isPostgresAvailable())) expect(stack.audit.db.engine).toBe("postgres");
    if (engine === "pglite") expect(stack.audit.db.engine).toBe("pglite");
  });
  afterAll(() => stack?.stop());

  async function send(body: unknown, principal: Principal, headers: Record<string, string> = {}) {
    const response = await fetch(stack.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await tokenFor(principal)}`, ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    const requestId = response.headers.get("x-request-id");
    const json = (await response.json()) as { data?: Record<string, any> | null; errors?: { message: string; extensions?: any }[] };
    return { status: response.status, body: json, requestId: requestId!, record: await recordOf(requestId) };
  }

  const consult = (query: string, variables: Record<string, unknown> | undefined, principal: Principal, headers?: Record<string, string>) =>
    send({ query, variables }, principal, headers);

  async function allRecords(): Promise<RecordWithIdsByEntity[]> {
    return (await findAuditRecords(stack.audit.db, { limit: 100_000 })).map(withIdsByEntity);
  }

  /** The request's last record: its only one, or, for a mutation, what followed its intent (outcome or refusal). */
  async function recordOf(requestId: string | null): Promise<RecordWithIdsByEntity | null> {
    const found = (await allRecords()).filter((record) => record.requestId === requestId).sort((a, b) => a.seq - b.seq);
    expect(found.length).toBeLessThanOrEqual(2);
    if (found.length === 2) expect(found[0].kind).toBe("intent");
    return found.at(-1) ?? null;
  }

  function expectNoSubgraphCalled() {
    for (const name of SUBGRAPH_NAMES) expect(stack.subgraphRequests[name]).toEqual([]);
  }

  describe("a record can always be stored", () => {
    const SEARCH = `query Find($search: PersonSearch!) { searchPeople(search: $search) { id } }`;
    const REPORT = `mutation Report($input: ReportBreachInput!) { reportBreach(input: $input) { id } }`;

    it("a NUL in a comment is BAD_USER_INPUT before anything runs: no subgraph asked, nothing recorded", async () => {
      stack.resetStatementCounts();
      const before = (await allRecords()).length;
      const query = `# note \u0000 here\nmutation { reportBreach(input: { orderId: "${STAFFS.interimOrder}", offenceType: BREACH_OF_ORDER,
        occurredOn: "2026-11-21", description: "Seen near her house", idempotencyKey: "nul-comment-1" }) { id } }`;
      const { status, body, record } = await consult(query, undefined, OFFICER);
      expect(status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors).toEqual([
        {
          message: "Invalid document: the document contains a NUL character (U+0000)",
          extensions: { code: "BAD_USER_INPUT", argument: "document" },
        },
      ]);
      expect(record).toBeNull();
      expectNoSubgraphCalled();
      expect((await allRecords()).length).toBe(before);
    });

    it('"\\u0000" in a string literal is refused the same way', async () => {
      stack.resetStatementCounts();
      const { status, body } = await consult(
        `{ searchPeople(search: { familyName: "Ab\\u0000c", dateOfBirth: "1980-01-01" }) { id } }`,
        undefined,
        OFFICER,
      );
      expect(status).toBe(400);
      expect(body.errors![0].extensions).toEqual({ code: "BAD_USER_INPUT", argument: "document" });
      expectNoSubgraphCalled();
    });

    it("a NUL in a search variable is BAD_USER_INPUT naming it, not an internal error", async () => {
      stack.resetStatementCounts();
      const { status, body, record } = await consult(SEARCH, { search: { familyName: "Ab\u0000c", dateOfBirth: "1980-01-01" } }, OFFICER);
      expect(status).toBe(400);
      expect(body.errors).toEqual([
        {
          message: "Invalid $search.familyName: contains a NUL character (U+0000), which cannot be stored",
          extensions: { code: "BAD_USER_INPUT", argument: "$search.familyName" },
        },
      ]);
      expect(record).toBeNull();
      expectNoSubgraphCalled();
    });

    it("a NUL or a lone surrogate in a mutation's variable changes nothing", async () => {
      stack.resetStatementCounts();
      for (const description of ["Seen\u0000", "Seen \ud800 there"]) {
        const input = {
          orderId: STAFFS.interimOrder,
          offenceType: "BREACH_OF_ORDER",
          occurredOn: "2026-11-21",
          description,
          idempotencyKey: `bad-${description.length}`,
        };
        const { status, body, record } = await consult(REPORT, { input }, OFFICER);
        expect(status).toBe(400);
        expect(body.errors![0].extensions).toEqual({ code: "BAD_USER_INPUT", argument: "$input.description" });
        expect(record).toBeNull();
      }
      expectNoSubgraphCalled();
    });

    it("an undeclared variable nested 5,000 levels deep is not stored; the record is", async () => {
      // Built as text, as an attacker would send it.
      const body = `{"query":${JSON.stringify(`query($id: ID!) { person(id: $id) { id } }`)},"variables":{"id":"${STAFFS.respondent}","extra":${'{"deeper":'.repeat(5000)}"bottom"${"}".repeat(5000)}}}`;
      const { status, record } = await send(body, ANALYST);
      expect(status).toBe(200);
      expect(record).not.toBeNull();
      expect(record!.variables).toBe(JSON.stringify({ id: STAFFS.respondent }));
      expect(record!.persons).toEqual([STAFFS.respondent]);
    });

    it("a document or variables text over the bound is stored as its sha256 and length", async () => {
      const forces = Array.from({ length: 1000 }, () => "21");
      const query = `query Orders($forces: [ID!]) { orders(filter: { forces: $forces }, first: 1) { nodes { id } } }`;
      const { status, record } = await consult(query, { forces }, ANALYST);
      expect(status).toBe(200);
      const variables = JSON.stringify({ forces });
      expect(Buffer.byteLength(variables)).toBeGreaterThan(MAX_TEXT_BYTES);
      expect(JSON.parse(record!.variables)).toEqual({ $omitted: { bytes: Buffer.byteLength(variables), sha256: sha256(variables) } });
      expect(record!.document).toBe(print(parse(query)));

      // A long cursor (open: kept raw) makes the document itself too long.
      const longQuery = `{ orders(first: 1, after: "${"c".repeat(MAX_TEXT_BYTES)}") { nodes { id } } }`;
      const long = await consult(longQuery, undefined, ANALYST);
      const printed = print(parse(longQuery));
      expect(long.record!.document).toBe(`# omitted: ${Buffer.byteLength(printed)} bytes, sha256 ${sha256(printed)}`);
      expect(long.record!.documentHash).toBe(hashed(longQuery));
    });
  });

  describe("case detail and identity reach the trail only as keyed hashes", () => {
    /** Each request that carried a marker, by marker. */
    const carriedBy = new Map<string, string[]>();
    const carried = (marker: string, requestId: string) => carriedBy.set(marker, [...(carriedBy.get(marker) ?? []), requestId]);
    /** The case-notes and identity inputs the requests below fill: every one the classification lists. */
    const filled = new Set<string>();

    it("every mutation and search, with markers in every free-text and identity input, as variables and as literals", async () => {
      const report = await consult(
        `mutation Report($input: ReportBreachInput!) { reportBreach(input: $input) { id } }`,
        {
          input: {
            orderId: STAFFS.interimOrder,
            offenceType: "BREACH_OF_ORDER",
            occurredOn: "2026-11-21",
            description: MARKERS.description,
            idempotencyKey: "marker-report-1",
          },
        },
        OFFICER,
      );
      expect(report.body.errors).toBeUndefined();
      carried(MARKERS.description, report.requestId);
      const reportLiteral = await consult(
        `mutation { reportBreach(input: { orderId: "${STAFFS.interimOrder}", offenceType: BREACH_OF_ORDER, occurredOn: "2026-11-22",
          description: "${MARKERS.descriptionLiteral}", idempotencyKey: "marker-report-2" }) { id } }`,
        undefined,
        OFFICER,
      );
      expect(reportLiteral.body.errors).toBeUndefined();
      carried(MARKERS.descriptionLiteral, reportLiteral.requestId);
      filled.add("ReportBreachInput.description");

      const outcome = await consult(
        `mutation Record($input: HearingOutcomeInput!) { recordHearingOutcome(input: $input) { status } }`,
        { input: { hearingId: HEARING, status: "ADJOURNED", outcomeNote: MARKERS.outcomeNote, idempotencyKey: "marker-outcome-1" } },
        CANNOCK_LISTING,
      );
      expect(outcome.body.errors).toBeUndefined();
      carried(MARKERS.outcomeNote, outcome.requestId);
      const outcomeLiteral = await consult(
        `mutation { recordHearingOutcome(input: { hearingId: "${HEARING}", status: ADJOURNED, outcomeNote: """${MARKERS.outcomeNoteLiteral}""",
          idempotencyKey: "marker-outcome-2" }) { status } }`,
        undefined,
        CANNOCK_LISTING,
      );
      expect(outcomeLiteral.body.errors).toBeUndefined();
      carried(MARKERS.outcomeNoteLiteral, outcomeLiteral.requestId);
      filled.add("HearingOutcomeInput.outcomeNote");

      // A decision's terms; then the hearing moved and taken out of the list, each with the court's reason. The
      // trail keeps what was asked whether or not the court's rules accept it (these two refuse an adjourned hearing).
      const decided = await consult(
        `mutation Decide($input: HearingOutcomeInput!) { recordHearingOutcome(input: $input) { status } }`,
        {
          input: {
            hearingId: HEARING,
            status: "HEARD",
            decision: "INTERIM_ORDER_EXTENDED",
            expiresOn: "2027-02-20",
            terms: [
              {
                action: "MAKE",
                type: "PROHIBITION",
                category: "LOCATION",
                description: MARKERS.decisionTermDescription,
                exclusionArea: MARKERS.decisionTermExclusionArea,
              },
            ],
            idempotencyKey: "marker-terms-1",
          },
        },
        CANNOCK_LISTING,
      );
      expect(decided.status).toBe(200);
      for (const marker of [MARKERS.decisionTermDescription, MARKERS.decisionTermExclusionArea]) carried(marker, decided.requestId);
      filled.add("TermChangeInput.description");
      filled.add("TermChangeInput.exclusionArea");
      for (const [mutation, type, reason] of [
        ["relistHearing", "RelistHearingInput", MARKERS.relistReason],
        ["vacateHearing", "VacateHearingInput", MARKERS.vacateReason],
      ] as const) {
        const listing = await consult(
          `mutation Move($input: ${type}!) { ${mutation}(input: $input) { id } }`,
          { input: { hearingId: HEARING, reason, idempotencyKey: `marker-${mutation}` } },
          CANNOCK_LISTING,
        );
        expect(listing.status).toBe(200);
        carried(reason, listing.requestId);
        filled.add(`${type}.reason`);
      }
      const corrected = await consult(
        `mutation Correct($input: AmendHearingOutcomeInput!) { amendHearingOutcome(input: $input) { status } }`,
        {
          input: {
            hearingId: HEARING,
            status: "ADJOURNED",
            outcomeNote: MARKERS.correctedNote,
            reason: MARKERS.correctionReason,
            idempotencyKey: "marker-correction-1",
          },
        },
        CANNOCK_LISTING,
      );
      expect(corrected.status).toBe(200);
      for (const marker of [MARKERS.correctedNote, MARKERS.correctionReason]) carried(marker, corrected.requestId);
      filled.add("AmendHearingOutcomeInput.outcomeNote");
      filled.add("AmendHearingOutcomeInput.reason");

      const application = await consult(
        `mutation Apply($input: ApplyForOrderInput!) { applyForOrder(input: $input) { id } }`,
        {
          input: {
            applicantForce: "21",
            respondentId: STAFFS.respondent,
            protectedPersonIds: [STAFFS.protectedPerson],
            courtCode: "B21DA",
            appliedOn: TODAY,
            areaGround: "BELIEVED_IN_AREA",
            beliefReason: MARKERS.beliefReason,
            grounds: MARKERS.grounds,
            prohibitions: [{ description: MARKERS.termDescription, exclusionArea: MARKERS.termExclusionArea }],
            idempotencyKey: "marker-apply-1",
          },
        },
        OFFICER,
      );
      expect(application.body.errors).toBeUndefined();
      for (const marker of [MARKERS.grounds, MARKERS.beliefReason, MARKERS.termDescription, MARKERS.termExclusionArea])
        carried(marker, application.requestId);
      const applicationLiteral = await consult(
        `mutation { applyForOrder(input: { applicantForce: "21", respondentId: "${STAFFS.respondent}",
          protectedPersonIds: ["${STAFFS.protectedPerson}"], courtCode: "B21DA", appliedOn: "${TODAY}", areaGround: RESIDES_IN_AREA,
          grounds: "${MARKERS.groundsLiteral}", prohibitions: [{ description: "Not to contact her" }],
          idempotencyKey: "marker-apply-2" }) { id } }`,
        undefined,
        OFFICER,
      );
      expect(applicationLiteral.body.errors).toBeUndefined();
      carried(MARKERS.groundsLiteral, applicationLiteral.requestId);
      for (const field of [
        "ApplyForOrderInput.grounds",
        "ApplyForOrderInput.beliefReason",
        "ProposedTermInput.description",
        "ProposedTermInput.exclusionArea",
      ])
        filled.add(field);

      const SEARCH = `query Find($search: PersonSearch!) { searchPeople(search: $search) { id } }`;
      for (const search of [
        { pncId: MARKERS.pncId },
        { familyName: MARKERS.familyName, givenName: MARKERS.givenName, dateOfBirth: MARKERS.dateOfBirth },
      ]) {
        const found = await consult(SEARCH, { search }, OFFICER);
        expect(found.status).toBe(200);
        for (const [field, value] of Object.entries(search)) {
          carried(value, found.requestId);
          filled.add(`PersonSearch.${field}`);
        }
      }
      // As literals, and as a scalar variable used inside an input object literal.
      const literal = await consult(
        `query($dob: Date!) { searchPeople(search: { familyName: "${MARKERS.familyNameLiteral}", dateOfBirth: $dob }) { id } }`,
        { dob: MARKERS.dateOfBirth },
        OFFICER,
      );
      expect(literal.status).toBe(200);
      carried(MARKERS.familyNameLiteral, literal.requestId);
      carried(MARKERS.dateOfBirth, literal.requestId);

      // The auditor's value filter is itself identity: looking a value up keeps it out of the trail too.
      filled.add("AuditRecordFilter.value");
      const protectedInputs = Object.entries(INPUT_PROTECTION)
        .filter(([, rule]) => rule.protection !== "open")
        .map(([position]) => position);
      expect([...filled].sort()).toEqual(protectedInputs.sort());
    });

    it("an auditor confirms each value by supplying it: its keyed hash finds exactly the requests that carried it", async () => {
      const MATCH = `query Match($value: String!) { auditRecords(filter: { value: $value }, first: 200) { nodes { requestId refusal } } }`;
      for (const [marker, requestIds] of carriedBy) {
        const { status, body } = await consult(MATCH, { value: marker }, AUDITOR);
        expect(status).toBe(200);
        // A mutation's intent and outcome both carry its values: one request, two records.
        const found = new Set((body.data!.auditRecords.nodes as { requestId: string }[]).map((node) => node.requestId));
        expect([...found].sort()).toEqual([...requestIds].sort());
      }
      const { body } = await consult(MATCH, { value: `never-${randomUUID()}` }, AUDITOR);
      expect(body.data!.auditRecords.nodes).toEqual([]);
    });

    it("reading every field of every record through the graph finds no marker anywhere", async () => {
      const schema = await composedApiSchema();
      const recordType = schema.getType("AuditRecord");
      if (!isObjectType(recordType)) throw new Error("no AuditRecord type");
      const fields = Object.keys(recordType.getFields()).join(" ");
      const READ = `query All($after: String) { auditRecords(filter: { from: "2000-01-01T00:00:00Z" }, first: 200, after: $after) {
        nodes { ${fields} } hasNextPage endCursor } }`;
      const pages: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 50; page += 1) {
        const { status, body } = await consult(READ, { after }, AUDITOR);
        expect(status).toBe(200);
        pages.push(JSON.stringify(body.data));
        if (!body.data!.auditRecords.hasNextPage) break;
        after = body.data!.auditRecords.endCursor;
      }
      const text = pages.join("\n");
      const read = pages.map((page) => JSON.parse(page).auditRecords.nodes.length).reduce((a, b) => a + b, 0);
      expect(read).toBe((await allRecords()).length - 1); // all but the last page's own record, written after it was read
      for (const marker of Object.values(MARKERS)) expect(text).not.toContain(marker);
      // The store holds nothing else: the same scan over every column as stored.
      const stored = JSON.stringify(await allRecords());
      for (const marker of Object.values(MARKERS)) expect(stored).not.toContain(marker);
      // Each was kept as its hash.
      for (const marker of carriedBy.keys()) expect(stored).toContain(hashed(marker));
    });

    it("every input the classification lists is a real input of the API", async () => {
      const schema = await composedApiSchema();
      const positions = new Set<string>();
      for (const type of Object.values(schema.getTypeMap())) {
        if (isInputObjectType(type)) for (const field of Object.keys(type.getFields())) positions.add(`${type.name}.${field}`);
        if (isObjectType(type))
          for (const field of Object.values(type.getFields()))
            for (const arg of field.args) positions.add(`${type.name}.${field.name}(${arg.name})`);
      }
      expect(Object.keys(INPUT_PROTECTION).filter((position) => !positions.has(position))).toEqual([]);
    });
  });

  describe("refused attempts are records too", () => {
    const PERSON = `query Person($id: ID!) { person(id: $id) { name { family } } }`;

    it.each([
      [".", "one character"],
      ["!!!! ???? ....", "only punctuation"],
      ["checking", "nine characters or fewer"],
    ])("a justification of %j (%s) is JUSTIFICATION_REQUIRED, saying why, and on record", async (justification) => {
      stack.resetStatementCounts();
      const { status, body, record } = await consult(PERSON, { id: STAFFS.respondent }, OFFICER, { "x-justification": justification });
      expect(status).toBe(403);
      expect(body.errors).toEqual([
        {
          message:
            "The justification is too short: say why you consult this data in at least 10 characters, with words (not only punctuation)",
          extensions: { code: "JUSTIFICATION_REQUIRED" },
        },
      ]);
      expectNoSubgraphCalled();
      expect(record).toMatchObject({ refusal: "JUSTIFICATION_REQUIRED", justification, persons: [], orders: [], changes: "[]" });
    });

    it("ten characters that say something are enough", async () => {
      const { status, record } = await consult(PERSON, { id: STAFFS.respondent }, OFFICER, { "x-justification": "risk check" });
      expect(status).toBe(200);
      expect(record).toMatchObject({ refusal: null, justification: "risk check", persons: [STAFFS.respondent] });
    });

    it("a missing justification: the refusal, what was asked, nothing disclosed", async () => {
      const { status, record } = await consult(PERSON, { id: STAFFS.respondent }, { ...OFFICER, purpose: null });
      expect(status).toBe(403);
      expect(record).toMatchObject({
        refusal: "JUSTIFICATION_REQUIRED",
        justification: null,
        operationName: "Person",
        document: print(parse(PERSON)),
        variables: JSON.stringify({ id: STAFFS.respondent }),
        persons: [],
      });
    });

    it("a reserved alias", async () => {
      const { status, record } = await consult(`{ person(id: "${STAFFS.respondent}") { __audit_id: pncId } }`, undefined, ANALYST);
      expect(status).toBe(400);
      expect(record).toMatchObject({ refusal: "RESERVED_ALIAS", persons: [] });
    });

    it("an operation over a limit (validation), with its literals hashed as in any record", async () => {
      stack.resetStatementCounts();
      // Respondent <-> orders, 12 levels: over the depth limit of 10.
      const nested = "stalkingProtectionOrders { respondent { ".repeat(6) + "id" + " } }".repeat(6);
      const deep = `{ searchPeople(search: { familyName: "${MARKERS.familyName}", dateOfBirth: "1980-01-01" }) { ${nested} } }`;
      const { status, body, record } = await consult(deep, undefined, ANALYST);
      expect(status).toBe(400);
      expect(body.errors![0].extensions).toEqual({ code: "GRAPHQL_VALIDATION_FAILED", reason: "OPERATION_LIMIT_EXCEEDED" });
      expectNoSubgraphCalled();
      expect(record).toMatchObject({ refusal: "OPERATION_LIMIT_EXCEEDED", operationType: "query", persons: [], variables: "{}" });
      expect(record!.document).not.toContain(MARKERS.familyName);
      expect(record!.document).toContain(hashed(MARKERS.familyName));
    });

    it("a document over the token limit (parse): kept by its size and keyed hash only", async () => {
      const query = `{ ${Array.from({ length: 2100 }, (_, index) => `f${index}: forces { code }`).join(" ")} }`;
      const { status, body, record } = await consult(query, { secretish: "x" }, ANALYST);
      expect(status).toBe(400);
      expect(body.errors![0].extensions).toEqual({ code: "GRAPHQL_PARSE_FAILED", reason: "OPERATION_LIMIT_EXCEEDED" });
      expect(record).toMatchObject({
        refusal: "OPERATION_LIMIT_EXCEEDED",
        operationType: "unknown",
        document: `# not parsed: ${Buffer.byteLength(query)} bytes`,
        documentHash: hashed(query),
      });
      expect(record!.variables).not.toContain("secretish");
    });

    it("authorization with nothing left to run (and, in reject mode, any unauthorized field)", async () => {
      const officer = await consult(`{ auditRecords(filter: { sub: "officer-21" }) { nodes { seq } } }`, undefined, OFFICER);
      expect(officer.body.data).toBeNull();
      expect(officer.record).toMatchObject({ refusal: "UNAUTHORIZED_FIELD_OR_TYPE", persons: [] });

      // A court listing system may not read addresses: reject mode refuses the whole operation.
      const mixed = await consult(
        `{ person(id: "${STAFFS.respondent}") { id notifiedAddresses { address } } }`,
        undefined,
        CANNOCK_LISTING,
      );
      if (mode === "reject") {
        expect(mixed.body.data).toBeNull();
        expect(mixed.record).toMatchObject({ refusal: "UNAUTHORIZED_FIELD_OR_TYPE", persons: [] });
      } else {
        expect(mixed.record).toMatchObject({ refusal: null });
      }
    });

    it("the trail with all of the above verifies", async () => {
      const report = await verifyAuditChain(stack.audit.db);
      expect(report.problem).toBeNull();
      expect(report.checked).toBe((await allRecords()).length);
    });
  });
});
