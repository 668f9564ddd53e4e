import { databasePiece, type DatabaseConfig } from "../config";
import { envPiece, readPiece, type EnvPiece } from "../env-schema";
import { wholeNumberVar } from "../env-values";

export interface AuditStoreConfig {
  database: DatabaseConfig;
  /** Most records committed in one transaction. */
  maxBatch: number;
  /** A record not committed within this time fails its request (HTTP 503). */
  writeTimeoutMs: number;
}

const database = databasePiece({
  store: "the audit trail",
  urlVariable: "AUDIT_DATABASE_URL",
  urlMeaning: "where the audit trail lives (refused as embedded PGlite with `NODE_ENV=production`)",
  schemaVariable: "AUDIT_DATABASE_SCHEMA",
  schemaDefault: "audit",
  folder: "audit",
});

/**
 * Where the audit trail lives: the gateway's own Postgres schema (`audit`, in
 * AUDIT_DATABASE_URL or else DATABASE_URL), or embedded PGlite under
 * DATA_DIR/audit. The gateway writes it; the audit CLI reads the same place.
 */
export const auditStorePiece: EnvPiece<AuditStoreConfig> = envPiece({
  variables: {
    ...database.variables,
    AUDIT_MAX_BATCH: wholeNumberVar(500, { meaning: "most audit records committed in one transaction" }, { min: 1 }),
    AUDIT_WRITE_TIMEOUT_MS: wholeNumberVar(5000, { meaning: "a record not committed by then withholds its response (503)" }, { min: 1 }),
  },
  // An embedded file inside a container is lost with the container: the law wants the trail kept.
  production: [{ anyOf: ["AUDIT_DATABASE_URL", "DATABASE_URL"], why: "in production the audit trail lives in Postgres" }],
  read: (values, context) => ({
    database: database.read(values, context),
    maxBatch: values.AUDIT_MAX_BATCH,
    writeTimeoutMs: values.AUDIT_WRITE_TIMEOUT_MS,
  }),
});

export function readAuditStoreConfig(): AuditStoreConfig {
  return readPiece(auditStorePiece);
}
