import type { SubgraphConfig } from "../platform/config";
import type { Db } from "../platform/db/db";
import { envBoolean, envInt } from "../platform/env";
import { processLog } from "../platform/log";
import type { SubgraphDefinition } from "../platform/subgraph/subgraph";
import { loadDataset, loadedDataset } from "./dataset/dataset-load";
import { generateDataset } from "./dataset/generate";

/** The demo dataset's PRNG seed: every embedded start loads the same data. */
export const DEMO_SEED = 1;

/**
 * Loads the demo dataset into an empty database before the subgraph takes
 * requests: by default on PGlite only, since real Postgres is seeded
 * deliberately (npm run seed). Only the embedded stack (npm start) passes this
 * to the runner; a production subgraph never loads synthetic data.
 */
export async function seedDemoDataIfEmpty(db: Db, definition: SubgraphDefinition<unknown>, config: SubgraphConfig): Promise<void> {
  if (!envBoolean("SEED_DEMO_DATA", config.database.engine === "pglite")) return;
  if (await loadedDataset(db)) return;
  const spec = { orders: envInt("DEMO_ORDERS", 6000), seed: DEMO_SEED };
  processLog().info({ subgraph: definition.name }, `loading demo data (${spec.orders} orders, seed ${spec.seed}); first start only`);
  await loadDataset(db, definition, spec, generateDataset(spec));
}
