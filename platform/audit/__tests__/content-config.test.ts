import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { readAuditContentConfig } from "../content-config";
import { AuditValueHasher } from "../value-hash";

describe("what audit records keep: configuration", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });
  const secret = (byte: number) => Buffer.alloc(32, byte).toString("base64");
  const clean = { AUDIT_HASH_KEYS_FILE: "", AUDIT_HASH_KEY: "", AUDIT_HASH_KEY_ID: "", NODE_ENV: "test" };

  it("defaults: the development key, 16 kB per text, justifications of 10 characters", () => {
    process.env = { ...saved, ...clean, AUDIT_MAX_RECORDED_TEXT_BYTES: "", AUDIT_MIN_JUSTIFICATION_LENGTH: "" };
    const config = readAuditContentConfig();
    expect(config.hasher.currentKeyId).toBe("dev");
    expect(config).toMatchObject({ maxTextBytes: 16_384, minJustificationLength: 10 });
  });

  it("refuses the development key in production", () => {
    process.env = { ...saved, ...clean, NODE_ENV: "production" };
    expect(() => readAuditContentConfig()).toThrow(/AUDIT_HASH_KEYS_FILE/);
  });

  it("rotates by a key file: the current key hashes, every key listed matches", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "audit-keys-"));
    const file = path.join(dir, "keys.json");
    writeFileSync(file, JSON.stringify({ current: "2026-12", keys: { "2026-06": secret(1), "2026-12": secret(2) } }));
    process.env = { ...saved, ...clean, NODE_ENV: "production", AUDIT_HASH_KEYS_FILE: file };
    const { hasher } = readAuditContentConfig();
    const old = new AuditValueHasher({ id: "2026-06", secret: Buffer.alloc(32, 1) });
    expect(hasher.hash("Doe")).toMatch(/^hmac-sha256:2026-12:[0-9a-f]{64}$/);
    expect(hasher.candidates("Doe")).toEqual([hasher.hash("Doe"), old.hash("Doe")]);
  });

  it("refuses a key shorter than 32 bytes, a current key not listed, and bounds that make no sense", () => {
    process.env = { ...saved, ...clean, AUDIT_HASH_KEY: Buffer.alloc(16).toString("base64") };
    expect(() => readAuditContentConfig()).toThrow(/at least 32 bytes/);
    const dir = mkdtempSync(path.join(os.tmpdir(), "audit-keys-"));
    const file = path.join(dir, "keys.json");
    writeFileSync(file, JSON.stringify({ current: "k9", keys: { k1: secret(1) } }));
    process.env = { ...saved, ...clean, AUDIT_HASH_KEYS_FILE: file };
    expect(() => readAuditContentConfig()).toThrow(/current key "k9"/);
    process.env = { ...saved, ...clean, AUDIT_MIN_JUSTIFICATION_LENGTH: "0" };
    expect(() => readAuditContentConfig()).toThrow(/AUDIT_MIN_JUSTIFICATION_LENGTH/);
    process.env = { ...saved, ...clean, AUDIT_MAX_RECORDED_TEXT_BYTES: "10" };
    expect(() => readAuditContentConfig()).toThrow(/AUDIT_MAX_RECORDED_TEXT_BYTES/);
  });
});
