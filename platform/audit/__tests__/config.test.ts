import { readAuditStoreConfig } from "../config";

describe("audit store configuration", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("uses the gateway's own schema in AUDIT_DATABASE_URL, else DATABASE_URL", () => {
    process.env = { ...saved, DATABASE_URL: "postgres://db/spo", AUDIT_DATABASE_URL: "postgres://audit/spo", AUDIT_DATABASE_SCHEMA: "" };
    expect(readAuditStoreConfig().database).toEqual({ engine: "postgres", url: "postgres://audit/spo", schema: "audit" });
    delete process.env.AUDIT_DATABASE_URL;
    expect(readAuditStoreConfig().database).toEqual({ engine: "postgres", url: "postgres://db/spo", schema: "audit" });
  });

  it("refuses to keep the trail in an embedded file in production", () => {
    process.env = { ...saved, NODE_ENV: "production", DATABASE_URL: "", AUDIT_DATABASE_URL: "" };
    expect(() => readAuditStoreConfig()).toThrow(/AUDIT_DATABASE_URL/);
  });
});
