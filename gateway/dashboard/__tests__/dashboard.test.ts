import http from "node:http";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { createDashboard, DASHBOARD_CSP, type DevSignIn } from "..";
import { isSameOrigin } from "../../cors";

/** The dashboard concern's routes over a real HTTP server (what platform/http.ts does with them: exact paths). */
async function serve(routes: NonNullable<ReturnType<typeof createDashboard>["routes"]>) {
  const server = http.createServer((request, response) => {
    const route = routes[new URL(request.url ?? "/", "http://x").pathname];
    if (!route) {
      response.writeHead(404);
      response.end();
      return;
    }
    void route(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const minted: string[] = [];
const devSignIn: DevSignIn = {
  personas: [{ persona: "reporting-dashboard", label: "Reporting dashboard" }],
  async mint(persona) {
    minted.push(persona);
    return { token: `token-for-${persona}`, expiresAt: "2026-12-04T20:00:00.000Z" };
  },
};

describe("the dashboard concern", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "spo-dashboard-unit-"));
    writeFileSync(path.join(dir, "index.html"), "<!doctype html><title>t</title>");
    writeFileSync(path.join(dir, "app.js"), "export {};");
    writeFileSync(path.join(dir, "secret.json"), "{}");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("serves the built files at /dashboard with the strict policy, and nothing else of the folder", async () => {
    const server = await serve(createDashboard({ dir }).routes!);
    try {
      for (const at of ["/dashboard", "/dashboard/", "/dashboard/index.html"]) {
        const response = await fetch(server.base + at);
        expect([at, response.status, response.headers.get("content-type")]).toEqual([at, 200, "text/html; charset=utf-8"]);
        expect(response.headers.get("content-security-policy")).toBe(DASHBOARD_CSP);
      }
      expect((await fetch(`${server.base}/dashboard/app.js`)).headers.get("content-type")).toBe("text/javascript; charset=utf-8");
      expect((await fetch(`${server.base}/dashboard/secret.json`)).status).toBe(404);
      expect((await fetch(`${server.base}/dashboard/../package.json`)).status).toBe(404);
      expect((await fetch(`${server.base}/dashboard`, { method: "POST" })).status).toBe(405);
    } finally {
      await server.close();
    }
  });

  it("has no sign-in endpoint unless given one (production never is: buildGateway refuses it)", async () => {
    const server = await serve(createDashboard({ dir }).routes!);
    try {
      expect((await fetch(`${server.base}/dashboard/dev-sign-in`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it("says the page is not built when it is not", async () => {
    const server = await serve(createDashboard({ dir: path.join(dir, "missing") }).routes!);
    try {
      const response = await fetch(`${server.base}/dashboard`);
      expect(response.status).toBe(503);
      await expect(response.text()).resolves.toContain("npm run build");
    } finally {
      await server.close();
    }
  });

  it("mints a development token for an offered persona only, by JSON from this origin only", async () => {
    const server = await serve(createDashboard({ dir, devSignIn }).routes!);
    const post = (body: string, headers: Record<string, string> = { "content-type": "application/json" }) =>
      fetch(`${server.base}/dashboard/dev-sign-in`, { method: "POST", headers, body });
    try {
      await expect((await fetch(`${server.base}/dashboard/dev-sign-in`)).json()).resolves.toEqual({ personas: devSignIn.personas });
      const ok = await post(JSON.stringify({ persona: "reporting-dashboard" }));
      await expect(ok.json()).resolves.toEqual({ token: "token-for-reporting-dashboard", expiresAt: "2026-12-04T20:00:00.000Z" });
      expect((await post(JSON.stringify({ persona: "auditor" }))).status).toBe(400);
      expect((await post("persona=reporting-dashboard", { "content-type": "application/x-www-form-urlencoded" })).status).toBe(415);
      const otherOrigin = await post(JSON.stringify({ persona: "reporting-dashboard" }), {
        "content-type": "application/json",
        origin: "https://elsewhere.example",
      });
      expect(otherOrigin.status).toBe(403);
      // A page that rebound its own name to this machine: its Origin is its Host, so only the name is foreign.
      const rebound = await new Promise<number>((resolve, reject) => {
        const request = http.request(`${server.base}/dashboard/dev-sign-in`, {
          method: "POST",
          headers: { host: "evil.example:4000", origin: "http://evil.example:4000", "content-type": "application/json" },
        });
        request.on("response", (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.on("error", reject);
        request.end(JSON.stringify({ persona: "reporting-dashboard" }));
      });
      expect(rebound).toBe(403);
      expect(minted).toEqual(["reporting-dashboard"]);
    } finally {
      await server.close();
    }
  });

  it("tells a page of the gateway's own origin from any other by host", () => {
    const request = (host: string) => ({ headers: { host } }) as http.IncomingMessage;
    expect(isSameOrigin("http://127.0.0.1:4000", request("127.0.0.1:4000"))).toBe(true);
    expect(isSameOrigin("https://spo.example", request("spo.example"))).toBe(true);
    expect(isSameOrigin("http://127.0.0.1:4001", request("127.0.0.1:4000"))).toBe(false);
    expect(isSameOrigin("null", request("127.0.0.1:4000"))).toBe(false);
  });
});
