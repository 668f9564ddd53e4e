import { createLocalJWKSet, exportJWK, generateKeyPair } from "jose";
import { fixedClock } from "../platform/clock";
import { seedCasesChunk } from "../dev/dataset/seed-cases";
import { createLogger } from "../platform/log";
import { startTestStack, type TestStack } from "./support/stack";

/**
 * A subgraph restarted with another gateway public key refuses every call of
 * the gateway (HTTP 401). That is the gateway's configuration problem, not the
 * caller's: clients with valid tokens get SUBGRAPH_UNAVAILABLE naming the
 * subgraph, never UNAUTHENTICATED; the gateway says so in its log (once) and
 * in its health; the breaker counts it.
 */
describe("a subgraph that refuses the gateway's identity assertions", () => {
  let stack: TestStack;
  /** The gateway's log lines at error level, by message. */
  const logged: string[] = [];

  beforeAll(async () => {
    const { publicKey } = await generateKeyPair("ES256", { extractable: true });
    const foreign = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: "test-gateway", alg: "ES256" }] });
    const gatewayLog = createLogger({
      service: "gateway",
      settings: { level: "error", format: "json" },
      destination: { write: (line: string) => void logged.push((JSON.parse(line) as { msg: string }).msg) },
    });
    stack = await startTestStack({
      chunks: [seedCasesChunk()],
      clock: fixedClock("2026-11-22"),
      gatewayKeysOf: { breaches: foreign },
      gatewayLog,
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("answers callers SUBGRAPH_UNAVAILABLE with serviceName, logs a configuration error once, reports it in health", async () => {
    const before = { ...stack.subgraphBreakers().breaches.stats };
    const ask = () => stack.query(`{ forces { code } breachOffence(id: "any-breach") { id } }`);
    for (let i = 0; i < 3; i += 1) {
      const response = await ask();
      expect(response.status).toBe(200);
      expect(response.body.data?.forces).toHaveLength(45);
      expect(response.body.errors).toEqual([
        {
          message: "A service this request needs is unavailable",
          path: ["breachOffence"],
          extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: "breaches" },
        },
      ]);
    }
    // Counted by the breaker as failures (or, once open, rejected fast).
    const after = stack.subgraphBreakers().breaches.stats;
    expect(after.failures - before.failures + (after.rejects - before.rejects)).toBeGreaterThanOrEqual(3);
    const configurationErrors = logged.filter((line) => line.includes("CONFIGURATION ERROR") && line.includes("subgraph breaches"));
    expect(configurationErrors).toHaveLength(1);

    const readiness = await fetch(new URL("/health/ready", stack.gatewayUrl));
    expect(readiness.status).toBe(200);
    const body = (await readiness.json()) as { dependencies: Record<string, string> };
    expect(body.dependencies["subgraph breaches"]).toMatch(/refuses the gateway's identity assertions/);
    expect(body.dependencies["subgraph orders"]).toBe("ready");
  });
});
