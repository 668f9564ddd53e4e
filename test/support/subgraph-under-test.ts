import { fixedClock } from "../../platform/clock";
import { observeStatements } from "../../platform/db/db";
import type { SubgraphDefinition, SubgraphServer } from "../../platform/subgraph/subgraph";
import type { DatasetChunk } from "../../subgraphs/dataset-chunk";
import { insertChunks, openTestDatabase, type TestDatabase } from "./database";
import { createTestSubgraphServer } from "./identity";

export interface SubgraphUnderTest {
  database: TestDatabase;
  server: SubgraphServer<unknown>;
  /** The same subgraph on the same data, reporting every SQL statement to `statements` (no-N+1 tests). */
  observedServer: SubgraphServer<unknown>;
}

/** A subgraph on a fresh test database holding `chunks`, with its clock stopped on `today`. */
export async function startSubgraphUnderTest<T>(
  definition: SubgraphDefinition<T>,
  chunks: DatasetChunk[],
  today: string,
  statements: string[] = [],
): Promise<SubgraphUnderTest> {
  const database = await openTestDatabase(definition);
  await insertChunks(database.db, definition, chunks);
  const clock = fixedClock(today);
  const server = (await createTestSubgraphServer(definition, database.db, clock)) as SubgraphServer<unknown>;
  const observed = observeStatements(database.db, (text) => statements.push(text));
  const observedServer = (await createTestSubgraphServer(definition, observed, clock)) as SubgraphServer<unknown>;
  return { database, server, observedServer };
}
