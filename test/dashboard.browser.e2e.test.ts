import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { fixedClock } from "../platform/clock";
import { generateDataset } from "../dev/dataset/generate";
import { dashboardSignInFor, DASHBOARD_PURPOSE } from "../dev/dashboard-sign-in";
import { DASHBOARD_CSP, dashboardCsp } from "../gateway/dashboard";
import { SHIPPED_TRUSTED_DOCUMENTS_FILE } from "../gateway/trusted-documents";
import { repoPath } from "../platform/repo-root";
import { describeWithChromium, launchChromium } from "./support/browser";
import { principalFor, TEST_AUDIENCE, TEST_ISSUER, testKeys, tokenFor } from "./support/identity";
import { startProxyProcess, type ProxyProcess } from "./support/proxy-process";
import { startTestStack, type TestStack } from "./support/stack";

/**
 * The reporting dashboard in Chromium (docs/dashboard.md), against the
 * embedded stack with the shipped trusted-documents manifest enforced, as in
 * production: what each chart draws is what the API answers, the CSV is the
 * table, a caller without stats:read is refused, an expired sign-in signs
 * out, a subgraph gone mid-session is "partial" and never zero, and axe finds
 * nothing serious. Screenshots of each view go to reports/dashboard/ (git-ignored).
 */
// Plain JavaScript (it runs before tsc): required, with the one function used here typed.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildDashboard } = require("../scripts/dashboard.js") as { buildDashboard(options: { outDir: string }): Promise<string> };
const SCREENSHOTS = repoPath("reports", "dashboard");
const operation = (name: string) => readFileSync(repoPath("dashboard", "operations", `${name}.graphql`), "utf8").trimEnd();
const ORDER_FIGURES = operation("DashboardOrderFigures");
const BREACH_FIGURES = operation("DashboardBreachFigures");
const MONTHS_2025 = Array.from({ length: 12 }, (_, index) => `2025-${String(index + 1).padStart(2, "0")}`);
const lastDayOf = (month: string) => {
  const [year, m] = month.split("-").map(Number);
  return `${month}-${String(new Date(Date.UTC(year, m, 0)).getUTCDate()).padStart(2, "0")}`;
};

interface Points {
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
}

/**
 * An OpenID provider for the authorization code flow with PKCE, as small as
 * the page needs: discovery, an authorization endpoint that signs the user
 * in at once, a token endpoint that checks the verifier against the challenge.
 */
async function startFakeOpenIdProvider(firstToken: string) {
  let accessToken = firstToken;
  const pending = new Map<string, { challenge: string; method: string | null; clientId: string; redirectUri: string }>();
  const exchanges: { clientId: string; redirectUri: string; challengeMethod: string | null; verifierMatches: boolean }[] = [];
  const cors = { "access-control-allow-origin": "*", "access-control-allow-headers": "*", "access-control-allow-methods": "GET, POST" };
  let issuer = "";
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", issuer);
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { ...cors, "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (request.method === "OPTIONS") {
      response.writeHead(204, cors);
      return response.end();
    }
    if (url.pathname === "/.well-known/openid-configuration") {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}authorize`,
        token_endpoint: `${issuer}token`,
        response_types_supported: ["code"],
        code_challenge_methods_supported: ["S256"],
      });
    }
    if (url.pathname === "/authorize") {
      const code = randomUUID();
      const redirectUri = url.searchParams.get("redirect_uri")!;
      pending.set(code, {
        challenge: url.searchParams.get("code_challenge")!,
        method: url.searchParams.get("code_challenge_method"),
        clientId: url.searchParams.get("client_id")!,
        redirectUri,
      });
      const back = new URL(redirectUri);
      back.searchParams.set("code", code);
      back.searchParams.set("state", url.searchParams.get("state")!);
      response.writeHead(302, { location: back.href });
      return response.end();
    }
    if (url.pathname === "/token" && request.method === "POST") {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      request.on("end", () => {
        const form = new URLSearchParams(body);
        const grant = pending.get(form.get("code") ?? "");
        pending.delete(form.get("code") ?? "");
        if (!grant) return json(400, { error: "invalid_grant" });
        const verifierMatches =
          createHash("sha256")
            .update(form.get("code_verifier") ?? "")
            .digest("base64url") === grant.challenge;
        exchanges.push({
          clientId: form.get("client_id")!,
          redirectUri: form.get("redirect_uri")!,
          challengeMethod: grant.method,
          verifierMatches,
        });
        if (!verifierMatches || form.get("redirect_uri") !== grant.redirectUri) return json(400, { error: "invalid_grant" });
        json(200, { access_token: accessToken, token_type: "Bearer", expires_in: 300 });
      });
      return;
    }
    response.writeHead(404, cors);
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    issuer,
    exchanges,
    /** The access token the next exchange gives. */
    issue: (token: string) => (accessToken = token),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describeWithChromium("reporting dashboard in the browser", () => {
  let stack: TestStack;
  let browser: Browser;
  let dir: string;
  let breachesProxy: ProxyProcess;
  let breachesPort: number;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "spo-dashboard-"));
    mkdirSync(SCREENSHOTS, { recursive: true });
    const keys = await testKeys();
    await buildDashboard({ outDir: dir });
    stack = await startTestStack({
      chunks: [...generateDataset({ orders: 300, seed: 5 })],
      clock: fixedClock("2026-11-22"),
      trustedDocumentsFile: SHIPPED_TRUSTED_DOCUMENTS_FILE,
      dashboard: {
        dir,
        devSignIn: dashboardSignInFor(false, { key: keys.idpPrivateKey, kid: "test-idp", issuer: TEST_ISSUER, audience: TEST_AUDIENCE }),
      },
      routeSubgraphs: async (urls) => {
        breachesPort = Number(new URL(urls.breaches).port);
        breachesProxy = await startProxyProcess(breachesPort);
        return { breaches: `http://127.0.0.1:${breachesProxy.port}/graphql` };
      },
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await breachesProxy?.kill();
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const dashboardUrl = () => new URL("/dashboard", stack.gatewayUrl).href;

  async function openPage(options: { clock?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error" && /Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    if (options.clock) await page.clock.install();
    await page.goto(dashboardUrl());
    return page;
  }

  async function signInAs(page: Page, persona: string): Promise<void> {
    await page.locator(`#persona-${persona}`).check();
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("#session").waitFor({ state: "visible" });
  }

  async function showRegions2025(page: Page): Promise<void> {
    await page.selectOption("#preset", "calendar-year");
    await page.selectOption("#year", "2025");
    await page.selectOption("#grouping", "REGION");
    await page.getByRole("button", { name: "Show figures" }).click();
    await page.locator("#status", { hasText: "Showing Jan 2025 to Dec 2025, grouped by region" }).waitFor();
  }

  async function pointsOf(page: Page, figure: string): Promise<Points> {
    return JSON.parse((await page.locator(`#${figure} .chart`).getAttribute("data-points"))!) as Points;
  }

  /** The API's figures for the same request, asked directly (as the service itself, by text). */
  async function apiMonths(persona: "reporting-dashboard" | "national-analyst") {
    const principal = { ...principalFor(persona, { kind: "national" }, `api-${persona}`), purpose: DASHBOARD_PURPOSE };
    const answers = [];
    for (const month of MONTHS_2025) {
      const variables = { from: `${month}-01`, to: lastDayOf(month), groupBy: "REGION" };
      const orders = await stack.query(ORDER_FIGURES, variables, principal);
      const breaches = await stack.query(BREACH_FIGURES, variables, principal);
      expect([orders.body.errors, breaches.body.errors]).toEqual([undefined, undefined]);
      const breachRows = breaches.body.data!.spoStatistics as Record<string, any>[];
      answers.push(
        (orders.body.data!.spoStatistics as Record<string, any>[]).map((row) => ({
          ...row,
          ...breachRows.find((breach) => breach.scope === row.scope),
        })),
      );
    }
    return answers;
  }

  it("serves the page with a strict content security policy, and its operations only by trusted id", async () => {
    const page = await fetch(dashboardUrl());
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toBe(DASHBOARD_CSP);
    expect(DASHBOARD_CSP).toContain("script-src 'self'");
    expect(DASHBOARD_CSP).not.toContain("unsafe-inline");
    const html = await page.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    const bundle = readFileSync(path.join(dir, "app.js"), "utf8");
    expect(bundle).not.toContain("spoStatistics(");
    expect(bundle).not.toMatch(/query\s+Dashboard/);
    const manifest = JSON.parse(readFileSync(SHIPPED_TRUSTED_DOCUMENTS_FILE, "utf8")) as { operations: { id: string; name: string }[] };
    const pageOperations = readdirSync(repoPath("dashboard", "operations")).map((file) => file.replace(/\.graphql$/, ""));
    const ids = manifest.operations.filter((operation) => pageOperations.includes(operation.name)).map((operation) => operation.id);
    expect(ids).toHaveLength(pageOperations.length);
    for (const id of ids) expect(bundle).toContain(id);
  });

  for (const persona of ["reporting-dashboard", "national-analyst"] as const) {
    it(`signs in as ${persona}, shows 2025 by region: every chart's points are the API's figures and each CSV is its table`, async () => {
      const page = await openPage();
      await signInAs(page, persona);
      await showRegions2025(page);
      const api = await apiMonths(persona);
      const regions = api[0].map((row) => row.label as string);
      expect(regions.length).toBeGreaterThan(1);
      const expectSeries = async (figure: string, measures: [string, string][]) => {
        const points = await pointsOf(page, figure);
        expect(points.categories).toEqual(MONTHS_2025);
        const expected = measures.flatMap(([field, label]) =>
          regions.map((region) => ({
            name: `${label}, ${region}`,
            values: api.map((rows) => rows.find((row) => row.label === region)![field] as number),
          })),
        );
        expect(points.series).toEqual(expected);
      };
      await expectSeries("orders-made", [
        ["interimOrdersMade", "Interim orders made"],
        ["fullOrdersMade", "Full orders made"],
      ]);
      await expectSeries("orders-in-force", [["activeOrders", "Orders in force at the end"]]);
      await expectSeries("breaches", [
        ["breachesReported", "Breaches reported"],
        ["breachConvictions", "Breach convictions"],
      ]);
      const national = { ...principalFor(persona, { kind: "national" }, `api-${persona}`), purpose: DASHBOARD_PURPOSE };
      const forces = await stack.query(ORDER_FIGURES, { from: "2025-01-01", to: "2025-12-31", groupBy: "FORCE" }, national);
      const ranked = await pointsOf(page, "ranked-forces");
      const expectedRanking = [...(forces.body.data!.spoStatistics as Record<string, any>[])].sort(
        (a, b) => b.interimOrdersMade - a.interimOrdersMade || a.label.localeCompare(b.label),
      );
      expect(ranked.categories).toEqual(expectedRanking.map((row) => row.label));
      expect(ranked.series[0].values).toEqual(expectedRanking.map((row) => row.interimOrdersMade));

      for (const figure of ["orders-made", "orders-in-force", "breaches", "ranked-forces"]) {
        const table = await page
          .locator(`#${figure} table`)
          .evaluate((node: any) => [...node.rows].map((row: any) => [...row.cells].map((cell: any) => cell.textContent ?? "")));
        const download = page.waitForEvent("download");
        await page.locator(`#${figure} button[data-csv]`).click();
        const csv = readFileSync(await (await download).path(), "utf8");
        expect(
          csv
            .trimEnd()
            .split("\r\n")
            .map((line) => line.split(",")),
        ).toEqual(table);
      }
      await page.screenshot({ path: path.join(SCREENSHOTS, `regions-2025-${persona}.png`), fullPage: true });
      await page.context().close();
    });
  }

  it("tells a persona without stats:read that it is refused, and shows no figures", async () => {
    const page = await openPage();
    await signInAs(page, "regional-officer");
    const alert = page.locator("#alert");
    await alert.waitFor({ state: "visible" });
    await expect(alert.textContent()).resolves.toMatch(
      /^Refused: Regional officer \(North West\) may not read the statistics \(they need the stats:read scope\)/,
    );
    await expect(page.locator("#charts section").count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, "refused-regional-officer.png"), fullPage: true });
    await page.context().close();
  });

  it("signs out when the token expires", async () => {
    const page = await openPage({ clock: true });
    await signInAs(page, "reporting-dashboard");
    await page.clock.fastForward("01:00:01");
    await page.locator("#sign-in").waitFor({ state: "visible" });
    await expect(page.locator("#alert").textContent()).resolves.toMatch(/Your sign-in expired at .*: you have been signed out/);
    await expect(page.locator("#session").isHidden()).resolves.toBe(true);
    await expect(page.locator("#report").isHidden()).resolves.toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, "signed-out-expired.png"), fullPage: true });
    await page.context().close();
  });

  it("has no serious or critical accessibility violation (axe-core), signed in and showing figures", async () => {
    const page = await openPage();
    const axe = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
    const scan = async () => {
      await page.evaluate(axe);
      return page.evaluate(async () => {
        const result = await (globalThis as any).axe.run((globalThis as any).document, {
          runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
        });
        return result.violations
          .filter((violation: any) => violation.impact === "serious" || violation.impact === "critical")
          .map((violation: any) => `${violation.id}: ${violation.nodes.map((node: any) => node.target.join(" ")).join(", ")}`);
      });
    };
    await expect(scan()).resolves.toEqual([]);
    await signInAs(page, "national-analyst");
    await showRegions2025(page);
    await expect(scan()).resolves.toEqual([]);
    await page.context().close();
  });

  it("is operable by keyboard alone: signs in, shows figures, and reaches every control, table and download by Tab", async () => {
    const page = await openPage();
    await page.locator("#persona-reporting-dashboard").focus();
    await page.keyboard.press("ArrowDown"); // the national analyst
    await page.keyboard.press("Enter"); // implicit submission
    await page.locator("#session").waitFor({ state: "visible" });
    await expect(page.locator("#session-persona").textContent()).resolves.toBe("National analyst");
    await page.locator("#status", { hasText: "Showing" }).waitFor();
    const reached = new Set<string>();
    for (let press = 0; press < 40; press += 1) {
      await page.keyboard.press("Tab");
      reached.add(
        await page.evaluate(() => {
          const active = (globalThis as any).document.activeElement;
          return active.id || active.getAttribute("data-csv") || active.closest("section")?.id || active.tagName;
        }),
      );
    }
    // Each figure's table region and CSV button count for its section. The filter is disabled while grouping by
    // nation (nothing to filter), and the year is hidden for the last 12 months.
    for (const id of ["sign-out", "preset", "grouping", "measure", "show", "orders-made", "orders-in-force", "breaches", "ranked-forces"]) {
      expect([id, reached.has(id)]).toEqual([id, true]);
    }
    await page.context().close();
  });

  it("says the API is unavailable when it does not answer, and shows no figures", async () => {
    const page = await openPage();
    await signInAs(page, "reporting-dashboard");
    await page.locator("#status", { hasText: "Showing" }).waitFor();
    // The gateway gone: every request to it fails at the network.
    await page.route("**/graphql", (route) => route.abort("connectionrefused"));
    await page.getByRole("button", { name: "Show figures" }).click();
    const alert = page.locator("#alert");
    await alert.waitFor({ state: "visible" });
    await expect(alert.textContent()).resolves.toBe(
      "The API is unavailable: the API did not answer (network error). No figures are shown; try again shortly.",
    );
    await expect(page.locator("#charts section").count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, "api-unavailable.png"), fullPage: true });
    await page.context().close();
  });

  it("marks the figures partial, never zero, when the breaches subgraph stops mid-session", async () => {
    const page = await openPage();
    await signInAs(page, "reporting-dashboard");
    await showRegions2025(page);
    await expect(page.locator("#partial").isHidden()).resolves.toBe(true);
    await breachesProxy.kill();
    try {
      await page.getByRole("button", { name: "Show figures" }).click();
      const banner = page.locator("#partial");
      await banner.waitFor({ state: "visible" });
      await expect(banner.textContent()).resolves.toMatch(/^Partial data: .*never shown as zero/);
      await expect(page.locator("#breaches h3").textContent()).resolves.toBe("Breaches reported and convictions per month (partial)");
      // The order figures come from the orders subgraph, still up: shown in full.
      await expect(page.locator("#orders-made h3").textContent()).resolves.toBe("Interim and full orders made per month");
      const points = await pointsOf(page, "breaches");
      expect(points.series.length).toBeGreaterThan(0);
      for (const series of points.series) expect(series.values.every((value) => value === null)).toBe(true);
      const cells = await page.locator("#breaches tbody td.missing").count();
      const rows = await page.locator("#breaches tbody tr").count();
      expect(rows).toBeGreaterThan(0);
      expect(cells).toBe(rows * 2);
      await page.screenshot({ path: path.join(SCREENSHOTS, "partial-breaches-stopped.png"), fullPage: true });
    } finally {
      breachesProxy = await startProxyProcess(breachesPort, Number(breachesProxy.port));
      await page.context().close();
    }
  });

  it("in production: no development sign-in or picker; sign-in through the OpenID provider (code + PKCE) instead", async () => {
    const accessToken = await tokenFor(principalFor("reporting-dashboard", { kind: "national" }, "oidc-dashboard-svc"));
    const idp = await startFakeOpenIdProvider(accessToken);
    const production = await startTestStack({
      chunks: [...generateDataset({ orders: 30, seed: 5 })],
      clock: fixedClock("2026-11-22"),
      dashboard: {
        dir,
        devSignIn: dashboardSignInFor(true, { key: (await testKeys()).idpPrivateKey }),
        oidc: { issuer: idp.issuer, clientId: "spo-dashboard", scope: "openid" },
      },
    });
    try {
      const dashboard = new URL("/dashboard", production.gatewayUrl).href;
      expect((await fetch(new URL("/dashboard/dev-sign-in", production.gatewayUrl))).status).toBe(404);
      expect((await fetch(dashboard)).headers.get("content-security-policy")).toBe(dashboardCsp([new URL(idp.issuer).origin]));
      const context = await browser.newContext();
      const page = await context.newPage();
      page.on("console", (message) => {
        if (message.type() === "error" && /Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
      });
      await page.goto(dashboard);
      await page.locator("#oidc").waitFor({ state: "visible" });
      await expect(page.locator("#dev-sign-in").isHidden()).resolves.toBe(true);
      await expect(page.locator("input[name=persona]").count()).resolves.toBe(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, "production-sign-in.png"), fullPage: true });
      await page.getByRole("button", { name: "Sign in with your organisation's account" }).click();
      await page.locator("#session").waitFor({ state: "visible" });
      await expect(page.locator("#session-persona").textContent()).resolves.toBe("reporting-dashboard");
      await page.locator("#status", { hasText: "Showing" }).waitFor();
      // The code was exchanged with the verifier of its challenge, for this client and redirect; nothing is left behind.
      expect(idp.exchanges).toEqual([
        { clientId: "spo-dashboard", redirectUri: `${dashboard}/`, challengeMethod: "S256", verifierMatches: true },
      ]);
      await expect(page.evaluate(() => (globalThis as any).location.search)).resolves.toBe("");
      await expect(page.evaluate(() => (globalThis as any).sessionStorage.length)).resolves.toBe(0);

      // A token the API does not accept (revoked, or not for it): the first answer, 401, signs the page out.
      await page.getByRole("button", { name: "Sign out" }).click();
      idp.issue("not-a-token-the-gateway-accepts");
      await page.getByRole("button", { name: "Sign in with your organisation's account" }).click();
      await page.locator("#alert", { hasText: "The API no longer accepts your sign-in" }).waitFor();
      await expect(page.locator("#session").isHidden()).resolves.toBe(true);
      await context.close();
    } finally {
      await production.stop();
      await idp.close();
    }
  });

  it("loaded without a single content security policy violation", () => {
    expect(cspViolations).toEqual([]);
  });
});
