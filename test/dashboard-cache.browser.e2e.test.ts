import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { dashboardSignInFor } from "../dev/dashboard-sign-in";
import { generateDataset } from "../dev/dataset/generate";
import { SHIPPED_TRUSTED_DOCUMENTS_FILE } from "../gateway/trusted-documents";
import { fixedClock } from "../platform/clock";
import { repoPath } from "../platform/repo-root";
import { describeWithChromium, launchChromium } from "./support/browser";
import { TEST_AUDIENCE, TEST_ISSUER, testKeys } from "./support/identity";
import { startTestStack, type TestStack } from "./support/stack";

// Plain JavaScript (it runs before tsc): required, with the one function used here typed.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildDashboard } = require("../scripts/dashboard.js") as { buildDashboard(options: { outDir: string }): Promise<string> };
const TIMINGS = repoPath("reports", "dashboard", "timings.md");

/**
 * The reporting dashboard's heaviest view, a whole year by force (25 requests), on a stack with the
 * response cache on as in production: the second view of it is answered from the cache, not the
 * subgraphs (counted: no SQL statement). How long each took, and the page's first paint, are
 * written to reports/dashboard/timings.md for people to read; they are not asserted.
 */
describeWithChromium("the dashboard's year by force, seen twice", () => {
  let stack: TestStack;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "spo-dashboard-cache-"));
    const keys = await testKeys();
    await buildDashboard({ outDir: dir });
    stack = await startTestStack({
      chunks: [...generateDataset({ orders: 300, seed: 5 })],
      clock: fixedClock("2026-11-22"),
      trustedDocumentsFile: SHIPPED_TRUSTED_DOCUMENTS_FILE,
      responseCache: { store: { kind: "memory", maxBytes: 16 * 1024 * 1024 }, ttlSeconds: 300, persistedQueryTtlSeconds: 300 },
      dashboard: {
        dir,
        devSignIn: dashboardSignInFor(false, { key: keys.idpPrivateKey, kid: "test-idp", issuer: TEST_ISSUER, audience: TEST_AUDIENCE }),
      },
    });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh page signed in as the national analyst; its first contentful paint (ms from navigation). */
  async function signedInPage(): Promise<{ page: Page; firstPaintMs: number }> {
    const page = await (await browser.newContext()).newPage();
    await page.goto(new URL("/dashboard", stack.gatewayUrl).href);
    await page.locator("#persona-national-analyst").check();
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("#session").waitFor({ state: "visible" });
    const firstPaintMs = await page.evaluate(
      () =>
        (
          globalThis as unknown as { performance: { getEntriesByName(name: string): { startTime: number }[] } }
        ).performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? -1,
    );
    return { page, firstPaintMs };
  }

  /** Chooses 2025 by force and waits for the figures; how long from the click (ms). */
  async function showForces2025(page: Page): Promise<number> {
    await page.selectOption("#preset", "calendar-year");
    await page.selectOption("#year", "2025");
    await page.selectOption("#grouping", "FORCE");
    const started = Date.now();
    await page.getByRole("button", { name: "Show figures" }).click();
    await page.locator("#status", { hasText: "Showing Jan 2025 to Dec 2025, grouped by force" }).waitFor();
    return Date.now() - started;
  }

  it("answers the second view from the response cache: the subgraphs run no SQL for it", async () => {
    const first = await signedInPage();
    const firstViewMs = await showForces2025(first.page);
    await first.page.context().close();

    stack.resetStatementCounts();
    const hitsBefore = stack.responseCache.metrics().hits;
    const second = await signedInPage();
    const secondViewMs = await showForces2025(second.page);
    const ranked = await second.page.locator("#ranked-forces .chart").getAttribute("data-points");
    await second.page.context().close();

    expect(JSON.parse(ranked!).categories.length).toBeGreaterThan(40);
    expect(stack.statements).toMatchObject({ orders: 0, breaches: 0 });
    expect(stack.responseCache.metrics().hits - hitsBefore).toBeGreaterThanOrEqual(25);

    mkdirSync(path.dirname(TIMINGS), { recursive: true });
    writeFileSync(
      TIMINGS,
      [
        `# Dashboard timings, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
        "",
        "Embedded test stack, 300 generated orders, headless Chromium on this machine; measured, not asserted.",
        "",
        "| what | ms |",
        "| --- | --- |",
        `| first contentful paint of the page | ${first.firstPaintMs.toFixed(0)} |`,
        `| 2025 by force, first view (25 requests to the subgraphs) | ${firstViewMs} |`,
        `| 2025 by force, second view (answered from the response cache) | ${secondViewMs} |`,
        "",
      ].join("\n"),
    );
  });
});
