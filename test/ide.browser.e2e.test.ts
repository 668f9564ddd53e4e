import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { buildGateway } from "../gateway/build";
import { IDE_CSP, IDE_PATH } from "../gateway/ide";
import { fixedClock } from "../platform/clock";
import { describeWithChromium, launchChromium } from "./support/browser";
import { principalFor, tokenFor } from "./support/identity";
import { seedCasesWithStaffordshireReview } from "./support/seed-case-replay";
import { startTestStack, type TestStack } from "./support/stack";

// Plain JavaScript (it runs before tsc): required, with the one function used here typed.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildIde } = require("../scripts/ide.js") as { buildIde(options: { outDir: string }): Promise<string> };

/**
 * The development IDE in Chromium: GraphiQL from the project's own bundle at
 * /graphiql, every request it makes to this origin (it works without
 * internet), the token field's value sent as the bearer token, and nothing it
 * was shown or given kept in the browser's storage; production has none.
 */
describeWithChromium("the development IDE (GraphiQL at /graphiql)", () => {
  let stack: TestStack;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "spo-ide-"));
    await buildIde({ outDir: dir });
    stack = await startTestStack({
      chunks: [seedCasesWithStaffordshireReview("ide-hearing")],
      clock: fixedClock("2026-11-23"),
      ide: { dir },
    });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const origin = () => new URL(stack.gatewayUrl).origin;

  /** The IDE open, with every URL the page asked for. */
  async function openIde(): Promise<{ page: Page; requested: string[] }> {
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on("request", (request) => requested.push(request.url()));
    const response = await page.goto(`${origin()}${IDE_PATH}`);
    expect(response?.headers()["content-security-policy"]).toBe(IDE_CSP);
    await page.waitForSelector(".graphiql-query-editor .CodeMirror");
    return { page, requested };
  }

  /** Types `query` into the editor, runs it, and reads the answer GraphiQL shows. */
  async function run(
    page: Page,
    query: string,
  ): Promise<{ data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] }> {
    await page.evaluate((text) => {
      const page = globalThis as unknown as {
        document: { querySelector(selector: string): { CodeMirror: { setValue(value: string): void } } };
      };
      const editor = page.document.querySelector(".graphiql-query-editor .CodeMirror");
      editor.CodeMirror.setValue(text);
    }, query);
    const answered = page.waitForResponse((response) => response.url().endsWith("/graphql") && response.request().method() === "POST");
    await page.click(".graphiql-execute-button");
    await answered;
    const text = await page.waitForFunction(() => {
      const page = globalThis as unknown as { document: { querySelector(selector: string): { CodeMirror: { getValue(): string } } } };
      const shown = page.document.querySelector(".graphiql-response .CodeMirror").CodeMirror.getValue();
      return shown.trim().startsWith("{") ? shown : null;
    });
    return JSON.parse((await text.jsonValue()) as string);
  }

  it("answers with the token of its field, asks nothing of another origin, and leaves nothing in the browser's storage", async () => {
    const { page, requested } = await openIde();
    await page.fill("#ide-token", await tokenFor(principalFor("national-analyst", { kind: "national" }, "ide-analyst")));
    const answer = await run(page, "{ forces { code name } }");
    expect(answer.errors).toBeUndefined();
    expect((answer.data?.forces as unknown[]).length).toBeGreaterThan(40);
    expect(requested.filter((url) => new URL(url).origin !== origin())).toEqual([]);
    expect(requested).toEqual(expect.arrayContaining([`${origin()}${IDE_PATH}/app.js`, `${origin()}/graphql`]));
    const stored = await page.evaluate(() => {
      const browserStorage = globalThis as unknown as { localStorage: { length: number }; sessionStorage: { length: number } };
      return { local: browserStorage.localStorage.length, session: browserStorage.sessionStorage.length };
    });
    expect(stored).toEqual({ local: 0, session: 0 });
    await page.close();
  });

  it("without a token, shows the API's refusal", async () => {
    const { page } = await openIde();
    const answer = await run(page, "{ forces { code } }");
    expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
    await page.close();
  });

  it("is never served in production: the gateway refuses to be built with it", async () => {
    await expect(
      buildGateway(
        { supergraphSdl: "", subgraphUrls: {} as never, production: true, authorizationMode: "filter", subgraphFetch: {} as never },
        { ide: { dir } },
      ),
    ).rejects.toThrow("The development IDE cannot be served in production");
  });
});
