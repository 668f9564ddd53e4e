import type { Db } from "../db/db";
import { inSpan, SpanKind } from "./tracing";

/** The statement's verb and the table it names first: what a span may say of SQL (never its text's values, never its parameters). */
export function describeStatement(text: string): { operation: string; table: string | undefined } {
  const first = /^\s*([A-Za-z]+)/.exec(text)?.[1]?.toUpperCase() ?? "SQL";
  // A WITH statement is named by the statement after its last common table expression.
  const main = first === "WITH" ? [...text.matchAll(/\)\s*(SELECT|INSERT|UPDATE|DELETE)\b/gi)].at(-1) : undefined;
  const operation = main ? main[1].toUpperCase() : first;
  const table = /\b(?:FROM|INTO|UPDATE|JOIN)\s+([a-z_][a-z0-9_.]{0,62})\b/i.exec(main ? text.slice(main.index) : text)?.[1];
  return { operation, table };
}

const DB_SYSTEM = { postgres: "postgresql", pglite: "postgresql" } as const;

/**
 * A Db whose statements are spans inside a trace already running (a
 * request's, an event's): named by their verb and first table, with the
 * database system. Background polling (the outbox relay, health probes) runs
 * outside any trace and makes none.
 */
export function tracedDb(db: Db): Db {
  const statement = <T>(text: string, run: () => Promise<T>): Promise<T> => {
    const { operation, table } = describeStatement(text);
    return inSpan(
      table ? `${operation} ${table}` : operation,
      {
        kind: SpanKind.CLIENT,
        onlyInTrace: true,
        attributes: {
          "db.system.name": DB_SYSTEM[db.engine],
          "db.operation.name": operation,
          ...(table ? { "db.collection.name": table } : {}),
        },
      },
      run,
    );
  };
  return {
    engine: db.engine,
    query: (text, params) => statement(text, () => db.query(text, params)),
    execScript: (sql) => db.execScript(sql),
    transaction: (work) => inSpan("transaction", { onlyInTrace: true }, () => db.transaction((tx) => work(tracedDb(tx)))),
    close: () => db.close(),
  };
}
