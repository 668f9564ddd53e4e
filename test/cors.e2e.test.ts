import { seedCasesChunk } from "../dev/dataset/seed-cases";
import { fixedClock } from "../platform/clock";
import { principalFor, tokenFor } from "./support/identity";
import { startTestStack, type TestStack } from "./support/stack";

/**
 * Browsers (docs/operations.md, "Browsers: CORS, no landing page"): a listed
 * origin's page may call the API and read its answer, any other origin is
 * refused, preflight included; GET /graphql answers no HTML page.
 */
const LISTED = "https://dashboard.spo.example";
const OTHER = "https://elsewhere.example";
const FORCES = JSON.stringify({ query: "query Forces { forces { code } }" });

describe("browsers: CORS and no landing page", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ chunks: [seedCasesChunk()], clock: fixedClock("2026-11-23"), corsOrigins: [LISTED] });
  });
  afterAll(() => stack?.stop());

  const preflight = (origin: string) =>
    fetch(stack.gatewayUrl, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" },
    });
  const post = async (origin: string) =>
    fetch(stack.gatewayUrl, {
      method: "POST",
      headers: {
        origin,
        "content-type": "application/json",
        authorization: `Bearer ${await tokenFor(principalFor("reporting-dashboard", { kind: "national" }, "dashboard-svc"))}`,
      },
      body: FORCES,
    });

  it("answers a listed origin's preflight with what it may send", async () => {
    const response = await preflight(LISTED);
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(LISTED);
    expect(response.headers.get("access-control-allow-methods")).toBe("GET, POST");
    // What the API needs of a page: its token, a JSON body, a justification for what it reads.
    expect(response.headers.get("access-control-allow-headers")?.split(", ")).toEqual(
      expect.arrayContaining(["authorization", "content-type", "x-justification"]),
    );
  });

  it("serves a listed origin's request and lets it read the request id", async () => {
    const response = await post(LISTED);
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(LISTED);
    expect(response.headers.get("access-control-expose-headers")?.split(", ")).toEqual(
      expect.arrayContaining(["x-request-id", "retry-after"]),
    );
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
  });

  it("refuses another origin, its preflight and its request, without CORS headers", async () => {
    for (const response of [await preflight(OTHER), await post(OTHER)]) {
      expect(response.status).toBe(403);
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
    }
  });

  it("serves a page of the gateway's own origin (the dashboard at /dashboard) without CORS headers", async () => {
    const response = await post(new URL(stack.gatewayUrl).origin);
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
  });

  it("answers GET /graphql from a browser with no HTML (no landing page, nothing from a CDN)", async () => {
    const response = await fetch(stack.gatewayUrl, { headers: { accept: "text/html" } });
    expect(response.headers.get("content-type")).not.toContain("text/html");
    const text = await response.text();
    expect(text).not.toMatch(/<html|<script|cdn\.|apollographql\.com/i);
  });
});
