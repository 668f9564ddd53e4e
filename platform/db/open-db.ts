import { mkdirSync } from "node:fs";
import type { DatabaseConfig } from "../config";
import { openPglite, openPostgres, type Db } from "./db";

export function openDatabase(config: DatabaseConfig): Db {
  if (config.engine === "postgres") {
    return openPostgres({
      url: config.url,
      schema: config.schema,
      urlVariable: config.urlVariable,
      store: config.store,
      timeouts: config.timeouts,
    });
  }
  mkdirSync(config.dataDir, { recursive: true });
  return openPglite({ dataDir: config.dataDir });
}
