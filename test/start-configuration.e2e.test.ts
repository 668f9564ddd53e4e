import { BUILD_AND_START_MS, runBuilt } from "./support/built-process";

/**
 * A service started with bad settings, as an operator starts it: compiled, in
 * its own process. It must stop with one message naming every setting at
 * fault and exit 1, without a stack trace (which says nothing to an operator
 * and buries the message).
 */
describe("a service that cannot start for its configuration", () => {
  it(
    "a production subgraph with a bad port and no Redis or gateway keys exits 1 naming all three, without a stack trace",
    async () => {
      const run = await runBuilt(
        "dist/subgraphs/orders/main.js",
        [],
        { NODE_ENV: "production", ORDERS_PORT: "99999", DATABASE_URL: "postgres://spo:hunter2@127.0.0.1:1/spo" },
        BUILD_AND_START_MS,
      );
      const output = run.stdout + run.stderr;
      expect(run.code).toBe(1);
      expect(output).toContain("The orders subgraph configuration has 3 problems");
      expect(output).toContain('ORDERS_PORT=\\"99999\\": expected a whole number from 0 to 65535');
      expect(output).toContain("REDIS_URL is not set: required with NODE_ENV=production");
      expect(output).toContain("none of GATEWAY_JWKS_URL, GATEWAY_JWKS_FILE is set: required with NODE_ENV=production");
      expect(output).not.toMatch(/^\s+at /m);
      expect(output).not.toContain("hunter2");
    },
    BUILD_AND_START_MS,
  );

  it(
    "the gateway with a URL that is not one names the variable",
    async () => {
      const run = await runBuilt("dist/gateway/main.js", [], { JWKS_URL: "not-a-url" }, BUILD_AND_START_MS);
      expect(run.code).toBe(1);
      expect(run.stdout + run.stderr).toContain('JWKS_URL=\\"not-a-url\\": expected a http:// or https:// URL');
      expect(run.stdout + run.stderr).not.toMatch(/^\s+at /m);
    },
    BUILD_AND_START_MS,
  );
});
