import path from "node:path";
import { readGatewayConfig } from "../config";

/** Runs `read` with the given environment variables set, restoring them after. */
function withEnv<T>(variables: Record<string, string>, read: () => T): T {
  const saved = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  Object.assign(process.env, variables);
  try {
    return read();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

describe("gateway configuration of subgraph calls and tokens", () => {
  it("defaults to a 3 s timeout, 2 s idle keep-alive, 2 s breaker reset and a day's token age", () => {
    // Empty counts as unset, so the defaults show whatever the environment running the tests holds.
    const unset = [
      "SUBGRAPH_TIMEOUT_MS",
      "SUBGRAPH_KEEP_ALIVE_MS",
      "SUBGRAPH_BREAKER_RESET_MS",
      "JWT_MAX_TOKEN_AGE_SECONDS",
      "PEOPLE_TIMEOUT_MS",
      "ORDERS_TIMEOUT_MS",
      "HEARINGS_TIMEOUT_MS",
      "BREACHES_TIMEOUT_MS",
    ];
    const config = withEnv(Object.fromEntries(unset.map((name) => [name, ""])), readGatewayConfig);
    expect(config.subgraphFetch).toEqual({ timeoutMs: 3_000, timeoutMsBySubgraph: {}, keepAliveMs: 2_000, breakerResetMs: 2_000 });
    expect(config.tokens.maxTokenAgeSeconds).toBe(86_400);
  });

  it("takes a timeout per subgraph and a maximum token age", () => {
    const config = withEnv({ ORDERS_TIMEOUT_MS: "750", SUBGRAPH_TIMEOUT_MS: "2500", JWT_MAX_TOKEN_AGE_SECONDS: "3600" }, readGatewayConfig);
    expect(config.subgraphFetch.timeoutMs).toBe(2_500);
    expect(config.subgraphFetch.timeoutMsBySubgraph).toEqual({ orders: 750 });
    expect(config.tokens.maxTokenAgeSeconds).toBe(3_600);
  });

  it("refuses an idle keep-alive that is not below the subgraphs' (a closed socket would be reused), naming the variable", () => {
    expect(() => withEnv({ SUBGRAPH_KEEP_ALIVE_MS: "5000" }, readGatewayConfig)).toThrow(
      /SUBGRAPH_KEEP_ALIVE_MS must be below the subgraphs' keep-alive timeout of 5000 ms/,
    );
  });

  it("refuses a timeout that is not a whole number, naming the variable", () => {
    expect(() => withEnv({ HEARINGS_TIMEOUT_MS: "soon" }, readGatewayConfig)).toThrow(/HEARINGS_TIMEOUT_MS/);
  });
});

describe("gateway configuration of the response cache", () => {
  const UNSET = {
    RESPONSE_CACHE: "",
    RESPONSE_CACHE_REDIS_URL: "",
    REDIS_URL: "",
    RESPONSE_CACHE_TTL_SECONDS: "",
    RESPONSE_CACHE_MEMORY_MB: "",
    EVENT_STREAM_PREFIX: "",
  };

  it("is on by default: in memory without Redis, a minute's TTL, a day for persisted queries", () => {
    const config = withEnv(UNSET, readGatewayConfig);
    expect(config.responseCache).toEqual({
      store: { kind: "memory", maxBytes: 32 * 1024 * 1024 },
      ttlSeconds: 60,
      persistedQueryTtlSeconds: 86_400,
    });
  });

  it("goes on REDIS_URL and watches the event streams there; on a Redis of its own it cannot see them", () => {
    const shared = withEnv({ ...UNSET, REDIS_URL: "redis://events:6379" }, readGatewayConfig).responseCache.store;
    expect(shared).toEqual({
      kind: "redis",
      url: "redis://events:6379",
      // Named in its connection trouble, never the URL (it may carry a password).
      urlVariable: "REDIS_URL",
      keyPrefix: "spo:cache:",
      commandTimeoutMs: 100,
      eventStreamPrefix: "spo:events",
    });
    const own = withEnv({ ...UNSET, REDIS_URL: "redis://events:6379", RESPONSE_CACHE_REDIS_URL: "redis://cache:6379" }, readGatewayConfig)
      .responseCache.store;
    expect(own).toMatchObject({
      kind: "redis",
      url: "redis://cache:6379",
      urlVariable: "RESPONSE_CACHE_REDIS_URL",
      eventStreamPrefix: undefined,
    });
  });

  it("can be switched off, never given an unbounded TTL, naming the variable", () => {
    expect(withEnv({ ...UNSET, RESPONSE_CACHE: "false" }, readGatewayConfig).responseCache.store).toEqual({ kind: "off" });
    expect(() => withEnv({ ...UNSET, RESPONSE_CACHE_TTL_SECONDS: "0" }, readGatewayConfig)).toThrow(
      /RESPONSE_CACHE_TTL_SECONDS must be at least 1/,
    );
    expect(() => withEnv({ ...UNSET, RESPONSE_CACHE: "maybe" }, readGatewayConfig)).toThrow(/RESPONSE_CACHE/);
  });
});

describe("gateway configuration, validated as a whole", () => {
  /** Only what is given: nothing of the test run's own environment. */
  const read = (env: Record<string, string>) => () => readGatewayConfig(env);

  it("names every setting a production gateway is missing, in one message", () => {
    let message = "";
    try {
      readGatewayConfig({ NODE_ENV: "production" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^The gateway configuration has 6 problems:/);
    for (const missing of [
      "none of JWKS_URL, JWT_PUBLIC_KEYS_FILE is set",
      "JWT_ISSUER is not set",
      "JWT_AUDIENCE is not set",
      "GATEWAY_SIGNING_KEY_FILE is not set",
      "none of AUDIT_DATABASE_URL, DATABASE_URL is set",
      "none of AUDIT_HASH_KEYS_FILE, AUDIT_HASH_KEY is set",
    ]) {
      expect(message).toContain(`  - ${missing}: required with NODE_ENV=production`);
    }
  });

  it("starts in production once they are given", () => {
    const config = readGatewayConfig({
      NODE_ENV: "production",
      JWKS_URL: "https://idp.example/jwks",
      JWT_ISSUER: "https://idp.example",
      JWT_AUDIENCE: "spo-api",
      GATEWAY_SIGNING_KEY_FILE: "/keys/gateway.jwk.json",
      AUDIT_DATABASE_URL: "postgres://audit@db/spo",
      AUDIT_HASH_KEY: Buffer.alloc(32, 1).toString("base64"),
    });
    expect(config.tokens).toMatchObject({ keys: { kind: "url", url: "https://idp.example/jwks" }, issuer: "https://idp.example" });
    expect(config.audit?.store.database).toMatchObject({ engine: "postgres", urlVariable: "AUDIT_DATABASE_URL" });
  });

  it.each([
    ["DATABASE_URL", "notaurl", 'DATABASE_URL="notaurl": expected a postgres:// or postgresql:// URL'],
    ["GATEWAY_PORT", "99999", 'GATEWAY_PORT="99999": expected a whole number from 0 to 65535'],
    ["JWKS_URL", "not-a-url", 'JWKS_URL="not-a-url": expected a http:// or https:// URL'],
    ["AUTHORIZATION_MODE", "lenient", 'AUTHORIZATION_MODE="lenient": expected one of filter, reject'],
    ["RATE_LIMITS", "court-listing", 'RATE_LIMITS="court-listing": expected <persona>=<requests>/<seconds>'],
  ])("names %s=%s, its value and what is expected", (name, value, expected) => {
    expect(read({ [name]: value })).toThrow(expected);
  });

  it("reports bad values and missing settings together", () => {
    expect(read({ NODE_ENV: "production", GATEWAY_PORT: "99999", LOG_LEVEL: "loud" })).toThrow(
      /has 8 problems:(.|\n)*GATEWAY_PORT="99999"(.|\n)*LOG_LEVEL="loud"(.|\n)*JWT_ISSUER is not set/,
    );
  });

  it("never repeats a secret or a URL's password", () => {
    const message = (() => {
      try {
        readGatewayConfig({ METRICS_TOKEN: "short-secret", DATABASE_URL: "mysql://spo:hunter2@db/spo" });
        return "";
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain("METRICS_TOKEN=(set; not shown): expected at least 32 characters");
    expect(message).toContain('DATABASE_URL="mysql://spo:***@db/spo"');
    expect(message).not.toMatch(/short-secret|hunter2/);
  });
});

describe("gateway configuration of the reporting dashboard", () => {
  it("serves dist/dashboard with no OpenID sign-in unless told", () => {
    const config = readGatewayConfig({});
    expect(config.dashboard.dir.endsWith(path.join("dist", "dashboard"))).toBe(true);
    expect(config.dashboard.oidc).toBeUndefined();
  });

  it("takes the OpenID provider's issuer and client id together, scope openid unless given", () => {
    const config = readGatewayConfig({ DASHBOARD_OIDC_ISSUER: "https://idp.example/", DASHBOARD_OIDC_CLIENT_ID: "spo-dashboard" });
    expect(config.dashboard.oidc).toEqual({ issuer: "https://idp.example/", clientId: "spo-dashboard", scope: "openid" });
    expect(() => readGatewayConfig({ DASHBOARD_OIDC_ISSUER: "https://idp.example/" })).toThrow(
      "Set both DASHBOARD_OIDC_ISSUER and DASHBOARD_OIDC_CLIENT_ID, or neither",
    );
    expect(() => readGatewayConfig({ DASHBOARD_OIDC_ISSUER: "idp", DASHBOARD_OIDC_CLIENT_ID: "x" })).toThrow("DASHBOARD_OIDC_ISSUER");
  });
});
