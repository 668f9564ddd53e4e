import { PGlite } from "@electric-sql/pglite";
import { Pool, types as pgTypes, type PoolClient } from "pg";
import { databaseUnavailableError } from "../errors/errors";
import { lockDataDir, type DataDirLock } from "./data-dir-lock";
import { processLog } from "../log";

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
  /** The variable the URL came from (DATABASE_URL, AUDIT_DATABASE_URL, ...): named in every connection failure. */
  urlVariable?: string;
  /** What it holds ("the audit trail"): named with the variable in every connection failure. */
  store?: string;
  timeouts?: Partial<DbTimeouts>;
}

export interface DbTimeouts {
  /** Opening a connection, its start-up handshake included (ms). */
  connectMs: number;
  /** One statement, on the server (statement_timeout) and on the client, for a server that stops answering (ms). */
  statementMs: number;
}

export const DEFAULT_DB_TIMEOUTS: DbTimeouts = { connectMs: 5_000, statementMs: 15_000 };

/**
 * Errors that mean "the connection is gone or silent", not "the statement is
 * wrong": node-postgres's own (connection ended, timeouts), socket errors, and
 * Postgres's admin shutdown / connection exception classes (57P0x, 08xxx).
 */
function isConnectionLoss(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  // 57014: statement_timeout (the server gave up on a statement that took too long) is a timeout like the others.
  if (typeof code === "string" && (/^57(P0[123]|014)$/.test(code) || code.startsWith("08") || /^E[A-Z]+$/.test(code))) return true;
  return (
    typeof message === "string" &&
    /Connection terminated|Connection ended|connection timeout|timeout exceeded when trying to connect|Query read timeout|not queryable|Client has encountered a connection error/i.test(
      message,
    )
  );
}

export function openPostgres(options: PostgresOptions): Db {
  assertSafeIdentifier(options.schema);
  const timeouts = { ...DEFAULT_DB_TIMEOUTS, ...options.timeouts };
  const source = options.urlVariable ?? "DATABASE_URL";
  const pool = new Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    // A server that accepts connections and never answers fails start-up and requests within seconds.
    connectionTimeoutMillis: timeouts.connectMs,
    // The client-side bound covers a server that stops answering mid-statement; the server's own ends runaway work.
    query_timeout: timeouts.statementMs + 1_000,
    statement_timeout: timeouts.statementMs,
    // A transaction left open by a process that lost its way does not hold locks for ever.
    idle_in_transaction_session_timeout: timeouts.statementMs * 2,
    keepAlive: true,
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
  pool.on("error", (error) => processLog().warn({ component: `db ${options.schema}` }, `idle connection lost: ${error.message}`));
  // A lost connection becomes the retryable DATABASE_UNAVAILABLE, logged with where the URL came from
  // (never the URL: it may carry a password); any other error (a constraint, a bug) passes as it is.
  const translate = (error: unknown): unknown => {
    if (!isConnectionLoss(error)) return error;
    const detail = `${options.store ?? "the database"} (${source}) did not answer (${(error as Error).message}; bounds: DB_CONNECT_TIMEOUT_MS=${timeouts.connectMs}, DB_STATEMENT_TIMEOUT_MS=${timeouts.statementMs})`;
    processLog().error({ component: `db ${options.schema}` }, detail);
    return databaseUnavailableError(detail);
  };
  // Created only when missing: a least-privileged role (the gateway's audit writer) may use a
  // schema it has no right to create, and CREATE SCHEMA IF NOT EXISTS checks that right first.
  // Checked on first use and again after a failure, never left as a rejected promise nobody awaits.
  let schemaReady: Promise<unknown> | undefined;
  const ensureSchema = () => {
    schemaReady ??= pool
      .query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [options.schema])
      .then((found) => (found.rowCount === 0 ? pool.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`) : undefined))
      .catch((error: unknown) => {
        schemaReady = undefined;
        throw error;
      });
    return schemaReady;
  };
  const guarded = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      await ensureSchema();
      return await run();
    } catch (error) {
      throw translate(error);
    }
  };
  return {
    engine: "postgres",
    query: <Row>(text: string, params: readonly unknown[] = []) =>
      guarded(async () => (await pool.query(text, params as unknown[])).rows as Row[]),
    execScript: (sql: string) => guarded(async () => void (await pool.query(sql))),
    transaction: <T>(work: (tx: Db) => Promise<T>) => guarded(() => inTransaction(pool, work, options.schema)),
    close: () => pool.end(),
  };
}

/**
 * One transaction on a client of its own. While checked out, the client's
 * 'error' event (its server went away) is heard here, not left to end the
 * process: the transaction fails and the client is destroyed, not returned.
 */
async function inTransaction<T>(pool: Pool, work: (tx: Db) => Promise<T>, schema: string): Promise<T> {
  const client: PoolClient = await pool.connect();
  let lost: Error | undefined;
  const onError = (error: Error) => {
    lost ??= error;
    processLog().error({ component: `db ${schema}` }, `connection lost during a transaction: ${error.message}`);
  };
  client.on("error", onError);
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
    throw lost ?? error;
  } finally {
    client.off("error", onError);
    // A client whose connection failed is destroyed (release with an error), so the pool opens a fresh one.
    client.release(lost ?? undefined);
  }
}

export interface PgliteOptions {
  /** Folder for the data files; undefined keeps everything in memory (tests). */
  dataDir?: string;
}

export function openPglite(options: PgliteOptions = {}): Db {
  // Refused at once, before PGlite touches the folder, when another process has it open.
  const lock: DataDirLock | undefined = options.dataDir ? lockDataDir(options.dataDir) : undefined;
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
      if (handle !== pglite) return;
      try {
        await pglite.close();
      } finally {
        lock?.release();
      }
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
