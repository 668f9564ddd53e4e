import path from "node:path";
import { dataDir, readDbTimeouts, type DatabaseConfig } from "../config";
import { ConfigError, envInt, envOptional, envString } from "../env";

export interface AuditStoreConfig {
  database: DatabaseConfig;
  /** Most records committed in one transaction. */
  maxBatch: number;
  /** A record not committed within this time fails its request (HTTP 503). */
  writeTimeoutMs: number;
}

/**
 * Where the audit trail lives: the gateway's own Postgres schema (`audit`, in
 * AUDIT_DATABASE_URL or else DATABASE_URL), or embedded PGlite under
 * DATA_DIR/audit. The gateway writes it; the audit CLI reads the same place.
 */
export function readAuditStoreConfig(): AuditStoreConfig {
  const urlVariable = envOptional("AUDIT_DATABASE_URL") ? "AUDIT_DATABASE_URL" : "DATABASE_URL";
  const url = envOptional(urlVariable);
  if (!url && process.env.NODE_ENV === "production") {
    // An embedded file inside a container is lost with the container: the law wants the trail kept.
    throw new ConfigError("Set AUDIT_DATABASE_URL (or DATABASE_URL): in production the audit trail lives in Postgres");
  }
  return {
    database: url
      ? { engine: "postgres", url, urlVariable, timeouts: readDbTimeouts(), schema: envString("AUDIT_DATABASE_SCHEMA", "audit") }
      : { engine: "pglite", dataDir: path.join(dataDir(), "audit") },
    maxBatch: envInt("AUDIT_MAX_BATCH", 500),
    writeTimeoutMs: envInt("AUDIT_WRITE_TIMEOUT_MS", 5000),
  };
}
