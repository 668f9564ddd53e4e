import { randomUUID } from "node:crypto";
import { generateKeyPair, SignJWT } from "jose";
import { SEED_CASE_IDS } from "../dev/dataset/seed-cases";
import { fixedClock } from "../platform/clock";
import { createLogger } from "../platform/log";
import { principalFor, testKeys, TEST_AUDIENCE, TEST_ISSUER, tokenFor } from "./support/identity";
import { waitUntil } from "./support/events";
import { seedCasesWithStaffordshireReview } from "./support/seed-case-replay";
import { startTestStack, type TestStack } from "./support/stack";

/**
 * What the gateway says about the requests it serves (docs/operations.md,
 * "Logs" and "Metrics"): one JSON access line per request with its id, the
 * reason a token was refused (while the client gets the one UNAUTHENTICATED),
 * nothing any request carried about a person in any line; and Prometheus
 * counts that move with the requests made.
 */
const TODAY = "2026-11-23";
const STAFFS = SEED_CASE_IDS.staffordshire;
const HEARING = "observability-cannock";
const OFFICER = principalFor("force-officer", { kind: "forces", forces: ["21"] }, "officer-21");
const CANNOCK_LISTING = principalFor("court-listing", { kind: "courts", courts: ["B21DA"] }, "cannock-listing-svc");

/** Planted in what requests carry (variables, literals, a body too large): none may appear in any log line. */
const MARKERS = {
  description: `MARKER-DESCRIPTION-${randomUUID()}`,
  outcomeNote: `MARKER-OUTCOME-${randomUUID()}`,
  familyName: `Zqx${randomUUID().slice(0, 8)}`,
  givenName: `Vqw${randomUUID().slice(0, 8)}`,
  literal: `MARKER-LITERAL-${randomUUID()}`,
  oversized: `MARKER-OVERSIZED-${randomUUID()}`,
  dateOfBirth: "1911-03-17",
} as const;

interface LogLine {
  level: string;
  time: string;
  msg: string;
  requestId?: string;
  component?: string;
  [field: string]: unknown;
}

describe("logs and metrics of the gateway", () => {
  let stack: TestStack;
  const raw: string[] = [];
  const lines = () => raw.map((line) => JSON.parse(line) as LogLine);
  const accessLinesOf = (requestId: string) => lines().filter((line) => line.component === "access" && line.requestId === requestId);
  /** Every request id answered, with what the test expects of its access line. */
  const sent: { requestId: string; status: number; operationName: string | null; persona: string | null }[] = [];
  /** Tokens sent: never in a log line either. */
  const tokens: string[] = [];

  beforeAll(async () => {
    stack = await startTestStack({
      chunks: [seedCasesWithStaffordshireReview(HEARING)],
      clock: fixedClock(TODAY),
      gatewayLog: createLogger({
        service: "gateway",
        settings: { level: "debug", format: "json" },
        destination: { write: (line: string) => void raw.push(line) },
      }),
    });
  });
  afterAll(() => stack?.stop());

  async function send(body: string, token: string | undefined, expected: { operationName: string | null; persona: string | null }) {
    if (token) tokens.push(token);
    const response = await fetch(stack.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });
    const text = await response.text();
    const requestId = response.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    sent.push({ requestId: requestId!, status: response.status, ...expected });
    // The access line is written once the exchange has ended, which may be just after the client read it.
    await waitUntil(async () => accessLinesOf(requestId!).length > 0, `the access line of request ${requestId}`, 5_000);
    return { status: response.status, requestId: requestId!, text };
  }
  const gql = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });

  it("answers representative requests, refused ones included", async () => {
    const report = await send(
      gql(`mutation Report($input: ReportBreachInput!) { reportBreach(input: $input) { id } }`, {
        input: {
          orderId: STAFFS.interimOrder,
          offenceType: "BREACH_OF_ORDER",
          occurredOn: "2026-11-21",
          description: MARKERS.description,
          idempotencyKey: "observability-report-1",
        },
      }),
      await tokenFor(OFFICER),
      { operationName: "Report", persona: "force-officer" },
    );
    expect(report.status).toBe(200);
    expect(JSON.parse(report.text).errors).toBeUndefined();

    const outcome = await send(
      gql(`mutation Record($input: HearingOutcomeInput!) { recordHearingOutcome(input: $input) { status } }`, {
        input: { hearingId: HEARING, status: "ADJOURNED", outcomeNote: MARKERS.outcomeNote, idempotencyKey: "observability-outcome-1" },
      }),
      await tokenFor(CANNOCK_LISTING),
      { operationName: "Record", persona: "court-listing" },
    );
    expect(JSON.parse(outcome.text).errors).toBeUndefined();

    const search = await send(
      gql(`query Find($search: PersonSearch!) { searchPeople(search: $search) { id name { family } } }`, {
        search: { familyName: MARKERS.familyName, givenName: MARKERS.givenName, dateOfBirth: MARKERS.dateOfBirth },
      }),
      await tokenFor(OFFICER),
      { operationName: "Find", persona: "force-officer" },
    );
    expect(search.status).toBe(200);

    // 400: a document that does not validate, a marker in a literal.
    const invalid = await send(
      gql(`query Broken { searchPeople(search: { familyName: "${MARKERS.literal}" }) { noSuchField } }`),
      await tokenFor(OFFICER),
      { operationName: null, persona: "force-officer" },
    );
    expect(invalid.status).toBe(400);

    // 413: a body past the limit, the marker in its variables.
    const oversized = await send(
      gql(`query Find($search: PersonSearch!) { searchPeople(search: $search) { id } }`, {
        search: { familyName: `${MARKERS.oversized}${"x".repeat(1_100_000)}` },
      }),
      await tokenFor(OFFICER),
      { operationName: null, persona: null },
    );
    expect(oversized.status).toBe(413);

    // 401: an expired token and one signed with a key the identity provider never had.
    const now = Math.floor(Date.now() / 1000);
    const claims = { scope: OFFICER.scopes.join(" "), persona: OFFICER.persona, forces: ["21"], purpose: "automated test" };
    const expired = await new SignJWT(claims)
      .setProtectedHeader({ alg: "ES256", kid: "test-idp" })
      .setSubject(OFFICER.sub)
      .setIssuer(TEST_ISSUER)
      .setAudience(TEST_AUDIENCE)
      .setIssuedAt(now - 600)
      .setExpirationTime(now - 300)
      .sign((await testKeys()).idpPrivateKey);
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: "ES256", kid: "test-idp" })
      .setSubject(OFFICER.sub)
      .setIssuer(TEST_ISSUER)
      .setAudience(TEST_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign((await generateKeyPair("ES256")).privateKey);
    const search401 = gql(`query Find($search: PersonSearch!) { searchPeople(search: $search) { id } }`, {
      search: { familyName: MARKERS.familyName },
    });
    for (const token of [expired, forged, undefined]) {
      const refused = await send(search401, token, { operationName: null, persona: null });
      expect(refused.status).toBe(401);
      expect(JSON.parse(refused.text).errors.map((error: { extensions: { code: string } }) => error.extensions.code)).toEqual([
        "UNAUTHENTICATED",
      ]);
    }
  });

  it("writes every line as JSON with a level, an ISO timestamp and the service", () => {
    expect(raw.length).toBeGreaterThan(sent.length);
    for (const line of lines()) {
      expect(typeof line.level).toBe("string");
      expect(line.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(line.service).toBe("gateway");
    }
  });

  it("writes exactly one access line per request, with its id, method, status, operation, persona and duration", () => {
    expect(sent).toHaveLength(8);
    for (const request of sent) {
      const access = accessLinesOf(request.requestId);
      expect(access).toHaveLength(1);
      expect(access[0]).toMatchObject({
        msg: "request",
        method: "POST",
        status: request.status,
        operationName: request.operationName,
        persona: request.persona,
      });
      expect(typeof access[0].durationMs).toBe("number");
    }
    const [report, outcome, search] = sent.map((request) => accessLinesOf(request.requestId)[0]);
    expect(report.subgraphCalls).toEqual({ breaches: { calls: 1, failed: 0 } });
    expect(outcome.subgraphCalls).toEqual({ hearings: { calls: 1, failed: 0 } });
    expect(Object.keys(search.subgraphCalls as object)).toContain("people");
    expect(accessLinesOf(sent[3].requestId)[0].errorCodes).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(accessLinesOf(sent[5].requestId)[0].errorCodes).toEqual(["UNAUTHENTICATED"]);
  });

  it("logs why each token was refused, at its level, with the request id", () => {
    const refusals = sent.slice(5).map((request) => lines().filter((line) => line.requestId === request.requestId && line.refusal));
    expect(refusals.map((found) => found.map((line) => [line.level, line.refusal]))).toEqual([
      [["info", "expired"]],
      [["warn", "bad signature"]],
      [["info", "no token"]],
    ]);
  });

  it("never logs what a request carried: no marker, no token, in any line", () => {
    const text = raw.join("\n");
    for (const marker of [...Object.values(MARKERS), ...tokens]) expect(text).not.toContain(marker);
  });

  it("counts the requests it answered at /metrics: per operation and outcome, errors per code, subgraph calls", async () => {
    const metricsUrl = stack.gatewayUrl.replace(/\/graphql$/, "/metrics");
    const scrape = async () => {
      const response = await fetch(metricsUrl);
      expect(response.status).toBe(200);
      return response.text();
    };
    /** The value of the series `name` with exactly `labels` (service="gateway" besides), whatever order prom-client prints them in; 0 when absent. */
    const value = (text: string, name: string, labels: Record<string, string> = {}) => {
      const wanted = JSON.stringify(Object.entries({ ...labels, service: "gateway" }).sort());
      for (const line of text.split("\n")) {
        const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
        if (!match || match[1] !== name) continue;
        const found = [...(match[2] ?? "").matchAll(/([a-z_]+)="([^"]*)"/g)].map(([, key, label]) => [key, label]);
        if (JSON.stringify(found.sort()) === wanted) return Number(match[3]);
      }
      return 0;
    };
    const before = await scrape();
    // What the test sent so far: three answered (two mutations, a search), one 400, one 413, three 401.
    expect(value(before, "gateway_requests_total", { operation: "Report", outcome: "ok" })).toBe(1);
    expect(value(before, "gateway_requests_total", { operation: "Record", outcome: "ok" })).toBe(1);
    expect(value(before, "gateway_errors_total", { code: "UNAUTHENTICATED" })).toBe(3);
    expect(value(before, "gateway_errors_total", { code: "GRAPHQL_VALIDATION_FAILED" })).toBe(1);
    expect(value(before, "gateway_requests_total", { operation: "(anonymous)", outcome: "refused" })).toBe(5);
    expect(value(before, "gateway_subgraph_call_duration_seconds_count", { subgraph: "breaches", outcome: "ok" })).toBe(1);
    expect(value(before, "gateway_subgraph_breaker_state", { subgraph: "people" })).toBe(0);
    // Three records, at least one commit; every commit's size counted.
    const commits = value(before, "gateway_audit_commit_batch_size_count");
    expect(commits).toBeGreaterThanOrEqual(1);
    expect(value(before, "gateway_audit_commit_batch_size_sum")).toBeGreaterThanOrEqual(5);

    await send(
      gql(`query Find($search: PersonSearch!) { searchPeople(search: $search) { id } }`, {
        search: { familyName: MARKERS.familyName, givenName: MARKERS.givenName, dateOfBirth: MARKERS.dateOfBirth },
      }),
      await tokenFor(OFFICER),
      { operationName: "Find", persona: "force-officer" },
    );
    const after = await scrape();
    const find = ["gateway_requests_total", { operation: "Find", outcome: "ok" }] as const;
    expect(value(after, ...find)).toBe(value(before, ...find) + 1);
    const people = ["gateway_subgraph_call_duration_seconds_count", { subgraph: "people", outcome: "ok" }] as const;
    expect(value(after, ...people)).toBe(value(before, ...people) + 1);
    // The scrape itself is no GraphQL request: counted nowhere.
    expect(value(after, "gateway_errors_total", { code: "UNAUTHENTICATED" })).toBe(3);
  });

  it("never writes an operation name past a GraphQL name's bound whole, in the access line or a metric label", async () => {
    // A name is the client's choice: a long one would make a long line, a label, and could spell anything.
    const longName = `Long${MARKERS.familyName}${"N".repeat(100)}`;
    const metricsUrl = stack.gatewayUrl.replace(/\/graphql$/, "/metrics");
    const { status, requestId } = await send(
      gql(`query ${longName}($search: PersonSearch!) { searchPeople(search: $search) { id } }`, { search: { familyName: "Smith" } }),
      await tokenFor(OFFICER),
      { operationName: "(other)", persona: "force-officer" },
    );
    expect(status).toBe(200);
    expect(accessLinesOf(requestId)[0].operationName).toBe("(other)");
    const scraped = await (await fetch(metricsUrl)).text();
    expect(scraped).toContain('operation="(other)"');
    for (const text of [raw.join("\n"), scraped]) {
      for (const marker of [...Object.values(MARKERS), ...tokens]) expect(text).not.toContain(marker);
    }
  });
});
