import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Db } from "./db";

/** Numbered SQL files, optionally prefixed by the platform module they belong to: "001_orders.sql", "events_001_outbox_inbox.sql". */
const MIGRATION_FILE = /^[a-z_]*\d+[a-z0-9_]*\.sql$/;

/**
 * Applies the numbered SQL files of the given folders (in the order given,
 * each folder's files in name order) that have not been applied yet, each in
 * its own transaction with its bookkeeping row, so a failed migration leaves
 * nothing half-applied. File names are unique across folders: they are the
 * bookkeeping key.
 */
export async function migrate(db: Db, migrationDirs: string | readonly string[]): Promise<string[]> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: string[] = [];
  for (const dir of typeof migrationDirs === "string" ? [migrationDirs] : migrationDirs) {
    const files = readdirSync(dir)
      .filter((file) => MIGRATION_FILE.test(file))
      .sort();
    for (const file of files) {
      const didApply = await db.transaction(async (tx) => {
        // The row lock serialises concurrent starters (several replicas on one database).
        const inserted = await tx.query(`INSERT INTO schema_migration (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING name`, [
          file,
        ]);
        if (inserted.length === 0) return false;
        await tx.execScript(readFileSync(path.join(dir, file), "utf8"));
        return true;
      });
      if (didApply) applied.push(file);
    }
  }
  return applied;
}
