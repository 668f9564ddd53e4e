import { readAuditStoreConfig } from "../config";

describe("audit store configuration", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("uses the gateway's own schema in AUDIT_DATABASE_URL, else DATABASE_URL", () => {
    process.env = { ...saved, DATABASE_URL: "postgres://db/spo", AUDIT_DATABASE_URL: "postgres://audit/spo", AUDIT_DATABASE_SCHEMA: "" };
    const timeouts = { connectMs: 5_000, statementMs: 15_000 };
    expect(readAuditStoreConfig().database).toEqual({
      engine: "postgres",
      url: "postgres://audit/spo",
      urlVariable: "AUDIT_DATABASE_URL",
      store: "the audit trail",
      timeouts,
      schema: "audit",
    });
    delete process.env.AUDIT_DATABASE_URL;
    // The variable the URL came from is what a connection failure names.
    expect(readAuditStoreConfig().database).toEqual({
      engine: "postgres",
      url: "postgres://db/spo",
      urlVariable: "DATABASE_URL",
      store: "the audit trail",
      timeouts,
      schema: "audit",
    });
  });

  it("refuses to keep the trail in an embedded file in production", () => {
    process.env = { ...saved, NODE_ENV: "production", DATABASE_URL: "", AUDIT_DATABASE_URL: "" };
    expect(() => readAuditStoreConfig()).toThrow(/AUDIT_DATABASE_URL/);
  });
});
