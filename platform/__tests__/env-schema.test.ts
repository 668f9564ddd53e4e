import { ConfigError } from "../env";
import { envPiece, envSchema, maskPassword, readEnv } from "../env-schema";
import { optionalTextVar, portVar, urlVar } from "../env-values";

const PORT = portVar(8080, { meaning: "where it listens" });
const listening = envPiece({ variables: { PORT }, read: (values) => values.PORT });
const store = envPiece({
  variables: {
    STORE_URL: urlVar(["postgres"], { default: "unset", meaning: "the store" }),
    STORE_KEY: optionalTextVar({ default: "unset", meaning: "its key", secret: true }),
  },
  production: [{ anyOf: ["STORE_URL"], why: "production keeps it in Postgres" }],
  read: (values) => {
    if (values.STORE_KEY === "wrong") throw new ConfigError("STORE_KEY (not shown): not a key of the store");
    return values.STORE_URL ?? "embedded";
  },
});
const schema = envSchema("example", { port: listening, store });

describe("a service's configuration, read as a whole", () => {
  it("gives each piece's settings, defaults for what is unset or empty", () => {
    expect(readEnv(schema, { PORT: "", STORE_URL: "postgres://db/x" })).toEqual({ port: 8080, store: "postgres://db/x" });
  });

  it("reports every problem in one message: bad values, production's requirements, and what a piece refuses", () => {
    expect(() => readEnv(envSchema("example", { port: listening, store }), { NODE_ENV: "production", PORT: "70000" })).toThrow(
      'The example configuration has 2 problems:\n  - PORT="70000": expected a whole number from 0 to 65535 (a TCP port; 0 picks a free one)\n' +
        "  - STORE_URL is not set: required with NODE_ENV=production (production keeps it in Postgres)",
    );
    // A piece whose own variables are valid still says what it refuses, with the other pieces' problems.
    expect(() => readEnv(schema, { PORT: "http", STORE_KEY: "wrong" })).toThrow(
      /2 problems:(.|\n)*PORT="http"(.|\n)*STORE_KEY \(not shown\)/,
    );
  });

  it("never shows a secret's value, nor a URL's password", () => {
    expect(() => readEnv(schema, { STORE_URL: "mysql://me:hunter2@db/x" })).toThrow('STORE_URL="mysql://me:***@db/x"');
    expect(maskPassword("redis://:s3cret@cache:6379/2")).toBe("redis://:***@cache:6379/2");
    expect(maskPassword("postgres://postgres@db/x")).toBe("postgres://postgres@db/x");
  });

  it("refuses one variable declared twice with two meanings", () => {
    const other = envPiece({ variables: { PORT: portVar(9090, { meaning: "another port" }) }, read: () => 0 });
    expect(() => envSchema("example", { listening, other })).toThrow("PORT is declared twice in the example configuration");
  });
});
