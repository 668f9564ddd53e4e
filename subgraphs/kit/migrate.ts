import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Db } from "./db";

/**
 * Applies the numbered SQL files of a migrations folder that have not been
 * applied yet, each in its own transaction with its bookkeeping row, so a
 * failed migration leaves nothing half-applied.
 */
export async function migrate(db: Db, migrationsDir: string): Promise<string[]> {
  await db.query(
    `CREATE TABLE IF NOT EXISTS schema_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const files = readdirSync(migrationsDir)
    .filter((file) => /^\d+_.*\.sql$/.test(file))
    .sort();
  const applied: string[] = [];
  for (const file of files) {
    const didApply = await db.transaction(async (tx) => {
      // The row lock serialises concurrent starters (several replicas on one database).
      const inserted = await tx.query(
        `INSERT INTO schema_migration (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING name`,
        [file],
      );
      if (inserted.length === 0) return false;
      await tx.execScript(readFileSync(path.join(migrationsDir, file), "utf8"));
      return true;
    });
    if (didApply) applied.push(file);
  }
  return applied;
}
