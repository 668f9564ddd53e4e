import { randomBytes } from "node:crypto";
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openPglite, openPostgres, type Db } from "../../platform/db/db";
import { migrate } from "../../platform/db/migrate";
import { disclosedIdsByEntity, type AuditedEntityPlural } from "../../domain/audited-entities";
import type { AuditEntry, AuditRecord } from "../../platform/audit/record";
import { AUDIT_MIGRATIONS, migrateAuditStore } from "../../platform/audit/store";
import { verifyAuditChain } from "../../platform/audit/verify";
import { isPostgresAvailable, TEST_DATABASE_URL } from "./services";

export interface TestAuditDatabase {
  db: Db;
  /** The Postgres schema holding the trail (null on PGlite). */
  schema: string | null;
  /**
   * Verifies the hash chain of everything the test wrote (it fails the test if
   * the chain is broken), then drops the store. A test that breaks the chain on
   * purpose says so with `{ tampered: true }`.
   */
  dispose(options?: { tampered?: boolean }): Promise<void>;
}

async function verifyUnlessTampered(db: Db, options: { tampered?: boolean } = {}): Promise<void> {
  if (options.tampered) return;
  const { problem } = await verifyAuditChain(db);
  if (problem) throw new Error(`The audit trail this test wrote does not verify: ${problem.message}`);
}

/**
 * Applies the audit store's migrations up to and including `lastFile` (and none after it), as a store
 * created by an earlier version of the gateway has them: the migrations are applied from a copy of the
 * folder holding only those files, under the same names, so migrateAuditStore later applies the rest.
 */
export async function migrateAuditStoreUpTo(db: Db, lastFile: string): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "audit-migrations-"));
  try {
    const files = readdirSync(AUDIT_MIGRATIONS).filter((file) => file.endsWith(".sql") && file <= lastFile);
    if (!files.includes(lastFile)) throw new Error(`There is no audit migration ${lastFile}`);
    for (const file of files) copyFileSync(path.join(AUDIT_MIGRATIONS, file), path.join(dir, file));
    await migrate(db, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A fresh audit store: a uniquely named schema on the test Postgres, in-memory PGlite without it (or when
 * asked for); migrated unless `{ migrated: false }` (a test of the migrations applies them itself).
 */
export async function openTestAuditDatabase(
  engine: "default" | "pglite" = "default",
  options: { migrated?: boolean } = {},
): Promise<TestAuditDatabase> {
  const migrated = options.migrated ?? true;
  if (engine === "default" && (await isPostgresAvailable())) {
    const schema = `test_audit_${randomBytes(4).toString("hex")}`;
    const db = openPostgres({ url: TEST_DATABASE_URL, schema, poolSize: 4 });
    if (migrated) await migrateAuditStore(db);
    return {
      db,
      schema,
      async dispose(options) {
        try {
          await verifyUnlessTampered(db, options);
        } finally {
          await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await db.close();
        }
      },
    };
  }
  const db = openPglite();
  if (migrated) await migrateAuditStore(db);
  return {
    db,
    schema: null,
    async dispose(options) {
      try {
        await verifyUnlessTampered(db, options);
      } finally {
        await db.close();
      }
    },
  };
}

/**
 * The n-th of a run of plausible consultation records: an officer looking a
 * person up, spread over November 2026 (distinct instants for n below 28,000).
 */
export function sampleAuditEntry(n: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    kind: "consultation",
    recordedAt: `2026-11-${String((n % 28) + 1).padStart(2, "0")}T10:00:00.${String(n % 1000).padStart(3, "0")}Z`,
    requestId: `request-${n}`,
    sub: n % 2 === 0 ? "officer-a" : "officer-b",
    persona: "force-officer",
    jurisdiction: "forces:07",
    recipient: null,
    justification: "risk assessment",
    operationType: "query",
    operationName: "Lookup",
    documentHash: "a".repeat(64),
    document: "query Lookup($id: ID!) { person(id: $id) { name { family } } }",
    variables: JSON.stringify({ id: `person-${n}` }),
    disclosed: [{ type: "Person", id: `person-${n}` }, ...(n % 3 === 0 ? [{ type: "StalkingProtectionOrder", id: `order-${n}` }] : [])],
    changes: "[]",
    retryKey: null,
    ...overrides,
  };
}

/** A stored record with its disclosures also by entity ({ persons, orders, hearings, breaches }), as tests state them. */
export type RecordWithIdsByEntity = AuditRecord & Record<AuditedEntityPlural, string[]>;

export function withIdsByEntity(record: AuditRecord): RecordWithIdsByEntity {
  return { ...record, ...disclosedIdsByEntity(record.disclosed) };
}
