import { PGlite } from "@electric-sql/pglite";
import { Pool, types as pgTypes } from "pg";

/**
 * The one database interface every repository uses. Two implementations run
 * the same SQL and migrations: Postgres through a `pg` pool (production, CI)
 * and PGlite (embedded default, no server needed).
 */
export interface Db {
  readonly engine: "postgres" | "pglite";
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a multi-statement SQL script (migrations). */
  execScript(sql: string): Promise<void>;
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Dates stay ISO strings ("2020-08-13"): turning them into JS Dates at local
// midnight is how dates silently shift by a day across time zones.
const DATE_OID = 1082;

export interface PostgresOptions {
  url: string;
  /** Postgres schema that holds this subgraph's tables; becomes the search_path. */
  schema: string;
  poolSize?: number;
}

export function openPostgres(options: PostgresOptions): Db {
  assertSafeIdentifier(options.schema);
  const pool = new Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    options: `-c search_path=${options.schema}`,
    // Operators (and pg_stat_activity) see whose connection this is.
    application_name: `spo-${options.schema}`,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === DATE_OID ? (value: string) => value : pgTypes.getTypeParser(oid, format as "text")) as typeof pgTypes.getTypeParser,
    },
  });
  // An idle connection the server ends (restart, failover, pg_terminate_backend) is reported here and
  // dropped from the pool, which opens a fresh one on demand; unheard, the event would end the process.
  pool.on("error", (error) => console.error(`[db ${options.schema}] idle connection lost: ${error.message}`));
  // Created only when missing: a least-privileged role (the gateway's audit writer) may use a
  // schema it has no right to create, and CREATE SCHEMA IF NOT EXISTS checks that right first.
  const schemaReady = pool
    .query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [options.schema])
    .then((found) => (found.rowCount === 0 ? pool.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`) : undefined));
  return {
    engine: "postgres",
    async query<Row>(text: string, params: readonly unknown[] = []) {
      await schemaReady;
      return (await pool.query(text, params as unknown[])).rows as Row[];
    },
    async execScript(sql: string) {
      await schemaReady;
      await pool.query(sql);
    },
    async transaction<T>(work: (tx: Db) => Promise<T>) {
      await schemaReady;
      const client = await pool.connect();
      // A connection lost while checked out (server restart, pg_terminate_backend) fails the statement in
      // flight and is emitted on the client, where the pool no longer listens: heard here (unheard, it would
      // end the process), and the broken client is destroyed on release rather than handed out again.
      let lost: Error | undefined;
      const onLost = (error: Error) => {
        lost = error;
      };
      client.on("error", onLost);
      const tx: Db = {
        engine: "postgres",
        query: async <Row>(text: string, params: readonly unknown[] = []) => (await client.query(text, params as unknown[])).rows as Row[],
        execScript: async (sql: string) => void (await client.query(sql)),
        transaction: (nested) => nested(tx),
        close: async () => undefined,
      };
      try {
        await client.query("BEGIN");
        const result = await work(tx);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        if (!lost) await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.off("error", onLost);
        client.release(lost);
      }
    },
    close: () => pool.end(),
  };
}

export interface PgliteOptions {
  /** Folder for the data files; undefined keeps everything in memory (tests). */
  dataDir?: string;
}

export function openPglite(options: PgliteOptions = {}): Db {
  const pglite = new PGlite(options.dataDir);
  const wrap = (handle: Pick<PGlite, "query" | "exec">): Db => ({
    engine: "pglite",
    query: async <Row>(text: string, params: readonly unknown[] = []) => {
      const result = await handle.query<Record<string, unknown>>(text, params as unknown[]);
      // PGlite turns dates into Date objects at UTC midnight (and its `parsers`
      // option is ignored under jest's VM), so they are turned back here, by column type.
      const dateFields = result.fields.filter((field) => field.dataTypeID === DATE_OID).map((field) => field.name);
      if (dateFields.length > 0) {
        for (const row of result.rows) {
          for (const name of dateFields) {
            const value = row[name];
            if (value instanceof Date) row[name] = value.toISOString().slice(0, 10);
          }
        }
      }
      return result.rows as Row[];
    },
    execScript: async (sql: string) => void (await handle.exec(sql)),
    transaction: async <T>(work: (tx: Db) => Promise<T>) =>
      // PGlite has one connection: a transaction holds it, other queries wait.
      handle === pglite ? pglite.transaction((tx) => work(wrap(tx))) : work(wrap(handle)),
    close: async () => {
      if (handle === pglite) await pglite.close();
    },
  });
  return wrap(pglite);
}

/** Schema names are interpolated into SQL (search_path), so only plain identifiers are allowed. */
function assertSafeIdentifier(name: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`Invalid Postgres schema name "${name}": use lower-case letters, digits and underscores`);
  }
}

/**
 * Wraps a Db so every statement is reported to `onStatement`: the tests that
 * prove there is no N+1 count statements through it.
 */
export function observeStatements(db: Db, onStatement: (text: string) => void): Db {
  return {
    engine: db.engine,
    query: (text, params) => {
      onStatement(text);
      return db.query(text, params);
    },
    execScript: (sql) => {
      onStatement(sql);
      return db.execScript(sql);
    },
    transaction: (work) => db.transaction((tx) => work(observeStatements(tx, onStatement))),
    close: () => db.close(),
  };
}
