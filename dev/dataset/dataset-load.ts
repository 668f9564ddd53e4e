import type { DatasetChunk } from "../../subgraphs/dataset-chunk";
import type { Db } from "../../platform/db/db";
import type { SubgraphDefinition } from "../../platform/subgraph/subgraph";

export interface DatasetSpec {
  orders: number;
  seed: number;
}

const LOAD_TABLE = `CREATE TABLE IF NOT EXISTS dataset_load (
  id int PRIMARY KEY CHECK (id = 1),
  orders int NOT NULL,
  seed int NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
)`;

/** The dataset this database holds, or null when none has been loaded. */
export async function loadedDataset(db: Db): Promise<DatasetSpec | null> {
  await db.query(LOAD_TABLE);
  const [row] = await db.query<DatasetSpec>(`SELECT orders, seed FROM dataset_load`);
  return row ?? null;
}

/**
 * Loads a subgraph's share of a generated dataset. The chunks and the
 * bookkeeping row go in one transaction: a load interrupted half-way leaves
 * the database as it was, and the next start tries again.
 */
export async function loadDataset<TLoaders>(
  db: Db,
  definition: SubgraphDefinition<TLoaders>,
  spec: DatasetSpec,
  chunks: Iterable<DatasetChunk>,
): Promise<void> {
  await db.transaction(async (tx) => {
    for (const chunk of chunks) await definition.insertDatasetChunk(tx, chunk);
    await recordDatasetLoad(tx, spec);
  });
}

/** Marks the database as holding `spec`; written after the last row of the load. */
export async function recordDatasetLoad(db: Db, spec: DatasetSpec): Promise<void> {
  await db.query(LOAD_TABLE);
  await db.query(`INSERT INTO dataset_load (id, orders, seed) VALUES (1, $1, $2)`, [spec.orders, spec.seed]);
}
