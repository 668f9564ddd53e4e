import { randomBytes } from "node:crypto";
import { openPglite, openPostgres, type Db } from "../../platform/db/db";
import { migrate } from "../../platform/db/migrate";
import { migrationDirsOf, type SubgraphDefinition } from "../../platform/subgraph/subgraph";
import type { DatasetChunk } from "../../subgraphs/dataset-chunk";
import { isPostgresAvailable, TEST_DATABASE_URL } from "./services";

export interface TestDatabase {
  db: Db;
  /** Drops what the test created (its Postgres schema) and closes the connection. */
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database for one subgraph: a uniquely named schema on the
 * test Postgres when it answers, an in-memory PGlite otherwise. Test files run
 * side by side without seeing each other's rows.
 */
export async function openTestDatabase<T>(definition: SubgraphDefinition<T>): Promise<TestDatabase> {
  let db: Db;
  let dispose: () => Promise<void>;
  if (await isPostgresAvailable()) {
    const schema = `test_${definition.name}_${randomBytes(4).toString("hex")}`;
    db = openPostgres({ url: TEST_DATABASE_URL, schema, poolSize: 4 });
    dispose = async () => {
      await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    };
  } else {
    db = openPglite();
    dispose = () => db.close();
  }
  await migrate(db, migrationDirsOf(definition));
  return { db, dispose };
}

export async function insertChunks<T>(db: Db, definition: SubgraphDefinition<T>, chunks: Iterable<DatasetChunk>): Promise<void> {
  for (const chunk of chunks) await definition.insertDatasetChunk(db, chunk);
}

/** An empty chunk to build small hand-written fixtures from. */
export { emptyChunk } from "../../dev/dataset/chunk";
