import { serverAudits } from "graphql-http";
import { fixedClock } from "../platform/clock";
import { seedCasesChunk } from "../dev/dataset/seed-cases";
import { EVERY_SCOPE_NATIONAL, tokenFor } from "./support/identity";
import { startTestStack, type TestStack } from "./support/stack";

describe("GraphQL over HTTP (graphql-http's server audits)", () => {
  let stack: TestStack;
  let results: { id: string; name: string; status: string; reason?: string }[];

  beforeAll(async () => {
    stack = await startTestStack({ chunks: [seedCasesChunk()], clock: fixedClock("2026-11-22") });
    const authorization = `Bearer ${await tokenFor(EVERY_SCOPE_NATIONAL)}`;
    const audits = serverAudits({
      url: stack.gatewayUrl,
      fetchFn: (input: Parameters<typeof fetch>[0], init?: RequestInit) =>
        fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), authorization } }),
    });
    results = [];
    for (const audit of audits) {
      const result = await audit.fn();
      results.push({ id: audit.id, name: audit.name, status: result.status, ...(result.status === "ok" ? {} : { reason: result.reason }) });
    }
  });
  afterAll(() => stack?.stop());

  it("passes every MUST", () => {
    expect(results.filter((result) => result.name.startsWith("MUST") && result.status !== "ok")).toEqual([]);
  });

  it("departs from the SHOULDs and MAYs only where docs/hostile-conditions.md says why", () => {
    // 400 (not 200) for a document that does not parse or validate, or variables that do not coerce,
    // even to clients accepting only application/json: the caller's mistake is an HTTP error here.
    // GET without a preflight-forcing header is refused by CSRF prevention, so the GET MAYs fail.
    const departures = {
      "572B": "SHOULD use 200 status code on document parsing failure when accepting application/json",
      FDE2: "SHOULD use 200 status code on document validation failure when accepting application/json",
      "7B9B": "SHOULD use a status code of 200 on variable coercion failure when accepting application/json",
      "5A70": "MAY accept application/x-www-form-urlencoded formatted GET requests",
      D6D5: "MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/graphql-response+json",
      "6A70": "MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/json",
    };
    const notMet = Object.fromEntries(results.filter((result) => result.status !== "ok").map((result) => [result.id, result.name]));
    expect(notMet).toEqual(departures);
  });
});
