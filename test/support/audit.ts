import { randomBytes } from "node:crypto";
import { openPglite, openPostgres, type Db } from "../../platform/db/db";
import { migrateAuditStore } from "../../platform/audit/store";
import { isPostgresAvailable, TEST_DATABASE_URL } from "./services";

export interface TestAuditDatabase {
  db: Db;
  /** The Postgres schema holding the trail (null on PGlite). */
  schema: string | null;
  dispose(): Promise<void>;
}

/** A fresh, migrated audit store: a uniquely named schema on the test Postgres, in-memory PGlite without it (or when asked for). */
export async function openTestAuditDatabase(engine: "default" | "pglite" = "default"): Promise<TestAuditDatabase> {
  if (engine === "default" && (await isPostgresAvailable())) {
    const schema = `test_audit_${randomBytes(4).toString("hex")}`;
    const db = openPostgres({ url: TEST_DATABASE_URL, schema, poolSize: 4 });
    await migrateAuditStore(db);
    return {
      db,
      schema,
      async dispose() {
        await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await db.close();
      },
    };
  }
  const db = openPglite();
  await migrateAuditStore(db);
  return { db, schema: null, dispose: () => db.close() };
}
