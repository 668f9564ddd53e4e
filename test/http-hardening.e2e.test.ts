import { fixedClock } from "../platform/clock";
import { SECURITY_HEADERS } from "../platform/http";
import { seedCasesChunk } from "../dev/dataset/seed-cases";
import { EVERY_SCOPE_NATIONAL, tokenFor } from "./support/identity";
import { startTestStack, type TestStack } from "./support/stack";

/** The gateway's HTTP front against hostile requests: size, batching, CSRF, headers. */
describe("gateway HTTP hardening", () => {
  let stack: TestStack;
  let authorization: string;

  beforeAll(async () => {
    stack = await startTestStack({ chunks: [seedCasesChunk()], clock: fixedClock("2026-11-22") });
    authorization = `Bearer ${await tokenFor(EVERY_SCOPE_NATIONAL)}`;
  });
  afterAll(() => stack?.stop());

  it("answers a body over 1 MB with 413 and a JSON error, not a reset connection", async () => {
    const query = `{ forces { code } }${" ".repeat(1_100_000)}`;
    const response = await fetch(stack.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization },
      body: JSON.stringify({ query }),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ errors: [{ message: "Request body too large: at most 1000000 bytes" }] });
  });

  it("refuses batched requests (an array of operations) with 400", async () => {
    const { status, body } = await stack.post([{ query: "{ forces { code } }" }, { query: "{ courts { code } }" }], { authorization });
    expect(status).toBe(400);
    expect(body).not.toHaveProperty("data");
  });

  it("refuses a GET that could be a cross-site request (no preflight-forcing header) with 400", async () => {
    const url = `${stack.gatewayUrl}?query=${encodeURIComponent("{ forces { code } }")}`;
    const simple = await fetch(url, { headers: { authorization } });
    expect(simple.status).toBe(400);
    expect(await simple.text()).toMatch(/CSRF/);
    const preflighted = await fetch(url, { headers: { authorization, "apollo-require-preflight": "true" } });
    expect(preflighted.status).toBe(200);
  });

  it("refuses a POST a browser form could send (text/plain) with 400", async () => {
    const response = await fetch(stack.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "text/plain", authorization },
      body: JSON.stringify({ query: "{ forces { code } }" }),
    });
    expect(response.status).toBe(400);
  });

  it("answers an automatic persisted query it has not seen with PERSISTED_QUERY_NOT_FOUND (docs/errors.md)", async () => {
    const persistedQuery = { version: 1, sha256Hash: "0".repeat(64) };
    const { status, body } = await stack.post({ extensions: { persistedQuery } }, { authorization });
    expect(status).toBe(200);
    expect(body).toEqual({ errors: [{ message: "PersistedQueryNotFound", extensions: { code: "PERSISTED_QUERY_NOT_FOUND" } }] });
  });

  it.each(["/graphql", "/health/live", "/health/ready", "/nowhere"])("sets the security headers on %s", async (route) => {
    const response = await fetch(new URL(route, stack.gatewayUrl), {
      method: route === "/graphql" ? "POST" : "GET",
      headers: { "content-type": "application/json", authorization },
      body: route === "/graphql" ? JSON.stringify({ query: "{ forces { code } }" }) : undefined,
    });
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name)).toBe(value);
  });

  it("does not tell the client what runs it", async () => {
    const raw = await fetch(stack.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization },
      body: JSON.stringify({ query: "{ forces { code } }" }),
    });
    expect(raw.status).toBe(200);
    expect(raw.headers.get("x-powered-by")).toBeNull();
    expect(raw.headers.get("server")).toBeNull();
  });
});
