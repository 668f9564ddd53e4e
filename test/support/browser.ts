import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** The Debian package's Chromium (.ci/run installs it when missing). */
export const CHROMIUM = "/usr/bin/chromium";

/**
 * `describe` when Chromium is installed; otherwise `describe.skip`, said
 * loudly, and a failure under REQUIRE_SERVICES=1 (CI installs it).
 */
export function describeWithChromium(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) return describe(name, body);
  if (process.env.REQUIRE_SERVICES === "1") {
    return describe(name, () => it(`needs ${CHROMIUM} (apt-get install -y chromium)`, () => expect(existsSync(CHROMIUM)).toBe(true)));
  }
  process.stderr.write(`\n*** ${CHROMIUM} not found: browser tests "${name}" skipped (apt-get install -y chromium) ***\n\n`);
  describe.skip(name, body);
}

/** One headless Chromium, quiet (no first-run, background networking, updates or sync): one per test file. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
